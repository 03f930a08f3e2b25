/**
 * Behind a reverse proxy, a client's address is the one the trusted proxy saw: a client that
 * writes its own X-Forwarded-For cannot choose the address that per-address limits count, nor the
 * one the audit log records.
 *
 * The checks read what the portal wrote (the per-address failure counter, the audit events), not
 * the per-minute limiter's answers, whose one-minute window a jump of the clock would reset.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from './helpers/app.ts';
import { FormClient } from './helpers/form.ts';

const PROXY = '10.0.0.5';
const FORGED = ['198.51.100.1', '198.51.100.2', '198.51.100.3'];

for (const [run, TRUST_PROXY] of ['1', '10.0.0.0/8'].entries()) {
  const { app, database } = await buildTestApp({ seed: false, env: { TRUST_PROXY } });
  const forms = new FormClient(app);

  /** A wrong login posted through the proxy, which appended `forwardedFor`'s last address. */
  const wrongLogin = async (identifier: string, forwardedFor: string) => {
    const { response } = await forms.submit(
      '/connexion',
      { identifiant: identifier, mot_de_passe: 'not the password' },
      { ip: PROXY, headers: { 'x-forwarded-for': forwardedFor } },
    );
    assert.equal(response.statusCode, 400, `a wrong password is refused as such: ${response.body.slice(0, 200)}`);
  };

  test(`with TRUST_PROXY=${TRUST_PROXY}, a client forging X-Forwarded-For is still counted and logged by its real address`, async () => {
    // Each run has its own database, addresses and identifier.
    const realClient = `203.0.113.${10 + run * 2}`;
    const otherClient = `203.0.113.${11 + run * 2}`;
    for (const forged of FORGED) await wrongLogin(`someone-${run}`, `${forged}, ${realClient}`);
    // Another real client behind the same proxy, writing nothing itself, has its own count.
    await wrongLogin(`someone-else-${run}`, otherClient);

    const counters = await database.db
      .selectFrom('throttle')
      .select(['key', 'failures'])
      .where('key', 'like', 'login:ip:%')
      .orderBy('key')
      .execute();
    assert.deepEqual(
      counters.map(({ key, failures }) => [key, Number(failures)]),
      [
        [`login:ip:${realClient}`, 3],
        [`login:ip:${otherClient}`, 1],
      ],
    );
    const events = await database.db
      .selectFrom('audit_event')
      .select('ip')
      .where('event', '=', 'login.failed')
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map(({ ip }) => ip),
      [realClient, realClient, realClient, otherClient],
    );
  });
}
