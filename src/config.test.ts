import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';

test('with no settings at all, the embedded default runs: PGlite in ./data, port 3000, the stand-ins, demo data', () => {
  const config = loadConfig({});
  assert.equal(config.env, 'development');
  assert.equal(config.port, 3000);
  assert.deepEqual(config.database, { kind: 'pglite', dataDir: path.resolve('./data') });
  assert.equal(config.publicUrl, 'http://localhost:3000');
  assert.equal(config.secureCookies, false);
  assert.equal(config.seedDemoData, true);
  assert.deepEqual(config.devServices, { enabled: true, mconnectPort: 3001, pspSandboxPort: 3002 });
  assert.equal(config.mail.transport, 'dev-mailbox');
  assert.deepEqual(config.session, { idleMinutes: 30, absoluteHours: 12 });
  assert.equal(config.loginRateLimitPerMinute, 30);
  assert.ok(Object.isFrozen(config));
});

test('DATABASE_URL selects PostgreSQL, and an https PUBLIC_URL turns on secure cookies', () => {
  const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/mg', PUBLIC_URL: 'https://monguichet.mc/' });
  assert.deepEqual(config.database, { kind: 'postgres', url: 'postgres://u@db:5432/mg', poolMax: 10 });
  assert.equal(config.publicUrl, 'https://monguichet.mc');
  assert.equal(config.secureCookies, true);
});

test('production refuses to start without its secrets, and the message names each one', () => {
  assert.throws(
    () => loadConfig({ NODE_ENV: 'production' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      for (const name of ['DATABASE_URL', 'SESSION_SECRET', 'PUBLIC_URL', 'SMTP_URL']) assert.match(error.message, new RegExp(name));
      return true;
    },
  );
});

test('production with its secrets turns the stand-ins and the demo data off', () => {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: 'postgresql://u@db/mg',
    SESSION_SECRET: 'x'.repeat(40),
    PUBLIC_URL: 'https://monguichet.mc',
    SMTP_URL: 'smtp://relay.gouv.mc:587',
    SEED_DEMO_DATA: 'true',
  });
  assert.deepEqual(config.mail, { transport: 'smtp', smtpUrl: 'smtp://relay.gouv.mc:587', from: 'MonGuichet.mc <ne-pas-repondre@monguichet.mc>' });
  assert.equal(config.isProduction, true);
  assert.equal(config.seedDemoData, false);
  assert.equal(config.devServices.enabled, false);
});

test('wrong values are refused with the name of the variable', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ PORT: 'abc' }, /PORT/],
    [{ PORT: '70000' }, /PORT/],
    [{ DATABASE_URL: 'mysql://localhost/x' }, /DATABASE_URL/],
    [{ PUBLIC_URL: 'ftp://x' }, /PUBLIC_URL/],
    [{ SESSION_SECRET: 'short' }, /SESSION_SECRET/],
    [{ NODE_ENV: 'staging' }, /NODE_ENV/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [{ LOGIN_RATE_LIMIT_PER_MINUTE: '0' }, /LOGIN_RATE_LIMIT_PER_MINUTE/],
    [{ LOGIN_RATE_LIMIT_PER_MINUTE: 'many' }, /LOGIN_RATE_LIMIT_PER_MINUTE/],
  ];
  for (const [env, name] of cases) {
    assert.throws(() => loadConfig(env), (error: unknown) => error instanceof ConfigError && name.test(error.message), JSON.stringify(env));
  }
});

test('empty variables count as unset', () => {
  const config = loadConfig({ DATABASE_URL: '', PUBLIC_URL: '', SESSION_SECRET: '' });
  assert.equal(config.database.kind, 'pglite');
});

test('LOGIN_RATE_LIMIT_PER_MINUTE sets the login route limit per address', () => {
  assert.equal(loadConfig({ LOGIN_RATE_LIMIT_PER_MINUTE: '100000' }).loginRateLimitPerMinute, 100_000);
});
