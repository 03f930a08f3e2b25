/**
 * "Mot de passe oublié" and "Identifiant oublié" do the same work whether or not an account
 * matches: the same SQL statements, in the same order (the job queue's included), so the time
 * they take says nothing. The statements are recorded by a Kysely plugin on the app's database.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { StatementRecorder } from '../../../test/helpers/statements.ts';
import { buildApp } from '../../app.ts';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { buildTestApp, testConfig } from '../../../test/helpers/app.ts';
import { parsePage } from '../../../test/helpers/html.ts';
import { cookieHeader, cookiesOf } from '../../../test/helpers/session.ts';
import { paths } from '../../paths.ts';

const { database, jobs } = await buildTestApp({ seed: false, jobs: true });
assert.ok(jobs);

const recorder = new StatementRecorder(database.db);
const app = await buildApp({
  config: testConfig(),
  database: { ...database, db: database.db.withPlugin(recorder) },
  logger: false,
  jobs,
});
after(() => app.close());

let lastIp = 0;
async function statementsOf(url: string, fields: Record<string, string>): Promise<string[]> {
  lastIp += 1;
  const form = await app.inject({ url });
  const token = parsePage(form.body).querySelector('form input[name="_csrf"]')?.getAttribute('value') ?? '';
  recorder.statements.length = 0;
  recorder.recording = true;
  const response = await app.inject({
    method: 'POST',
    url,
    remoteAddress: `192.0.2.${lastIp}`,
    headers: { cookie: cookieHeader(cookiesOf(form)) },
    payload: { _csrf: token, ...fields },
  });
  recorder.recording = false;
  assert.equal(response.statusCode, 303);
  return [...recorder.statements];
}

test('"Mot de passe oublié" runs the same statements for an existing and an unknown identifier', async () => {
  const owner = await buildAccount(database.db);
  const known = await statementsOf(paths.accounts.forgottenPassword(), { identifiant: owner.identifier });
  const unknown = await statementsOf(paths.accounts.forgottenPassword(), { identifiant: 'personne.inconnue.1' });
  assert.ok(
    known.some((sql) => /insert into "account_token"/.test(sql)),
    'a link was issued for the owner',
  );
  assert.ok(known.includes('(raw) pgboss'), 'an e-mail was queued for the owner');
  assert.deepEqual(unknown, known);
});

test('"Identifiant oublié" runs the same statements for an address with an account and one without', async () => {
  const owner = await buildAccount(database.db);
  const known = await statementsOf(paths.accounts.forgottenIdentifier(), { email: owner.email });
  const unknown = await statementsOf(paths.accounts.forgottenIdentifier(), { email: 'personne@inconnue.example' });
  assert.ok(known.includes('(raw) pgboss'), 'an e-mail was queued for the owner');
  assert.deepEqual(unknown, known);
});
