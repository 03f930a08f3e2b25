import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from './config.ts';
import { startupMessage } from './startup-message.ts';
import { PRODUCTION_PAYMENT_ENV } from '../test/fixtures/production-payments.ts';

const facts = { migrated: [], seeded: false };

test('the embedded default says it listens on 127.0.0.1 and warns of nothing', () => {
  const lines = startupMessage(loadConfig({}), facts);
  assert.match(lines[0] ?? '', /host 127\.0\.0\.1/);
  assert.equal(
    lines.some((line) => line.includes('WARNING')),
    false,
  );
});

test('outside production, listening beyond this machine is warned about, naming HOST and the mailbox', () => {
  for (const HOST of ['0.0.0.0', '::', '192.0.2.10']) {
    const warning = startupMessage(loadConfig({ HOST }), facts).find((line) => line.includes('WARNING'));
    assert.ok(warning, HOST);
    assert.match(warning, new RegExp(`HOST=${HOST.replaceAll('.', '\\.')} listens beyond this machine`));
    assert.match(warning, /\/dev\/mailbox/);
  }
});

test('production listens on every interface without a warning (its reverse proxy is in front)', () => {
  const config = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: 'postgresql://u@db/mg',
    SESSION_SECRET: 'x'.repeat(40),
    PUBLIC_URL: 'https://monguichet.mc',
    SMTP_URL: 'smtp://relay.gouv.mc:587',
    ...PRODUCTION_PAYMENT_ENV,
  });
  const lines = startupMessage(config, facts);
  assert.match(lines[0] ?? '', /host 0\.0\.0\.0/);
  assert.equal(
    lines.some((line) => line.includes('WARNING')),
    false,
  );
});
