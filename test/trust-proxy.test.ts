/**
 * Behind a reverse proxy, a client's address is the one the trusted proxy saw: a client that
 * writes its own X-Forwarded-For cannot choose the address that per-address limits count.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from './helpers/app.ts';

const PROXY = '10.0.0.5';

for (const [run, TRUST_PROXY] of ['1', '10.0.0.0/8'].entries()) {
  const { app } = await buildTestApp({ seed: false, env: { TRUST_PROXY, LOGIN_RATE_LIMIT_PER_MINUTE: '2' } });

  /** A login post arriving through the proxy, which appended the client's real address. */
  const post = (forwardedFor: string) =>
    app.inject({
      method: 'POST',
      url: '/connexion',
      remoteAddress: PROXY,
      headers: { 'x-forwarded-for': forwardedFor },
      payload: { identifiant: `someone-${run}`, mot_de_passe: 'whatever' },
    });

  test(`with TRUST_PROXY=${TRUST_PROXY}, a client forging X-Forwarded-For is still counted by its real address`, async () => {
    // Each run has its own addresses and identifier, so nothing one run counted can answer for the other.
    const realClient = `203.0.113.${10 + run * 2}`;
    const answers: string[] = [];
    for (const forged of ['198.51.100.1', '198.51.100.2', '198.51.100.3']) {
      const answer = await post(`${forged}, ${realClient}`);
      answers.push(`${answer.statusCode} ${answer.statusCode === 429 ? answer.body.slice(0, 80) : ''}`);
    }
    const seen = `answers: ${answers.join(' | ')}`;
    assert.ok(!answers[0]?.startsWith('429'), seen);
    assert.ok(!answers[1]?.startsWith('429'), seen);
    assert.ok(answers[2]?.startsWith('429'), seen);
    // Another real client behind the same proxy has its own count.
    assert.notEqual((await post(`203.0.113.${11 + run * 2}`)).statusCode, 429);
  });
}
