import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, loadConfig } from './config.ts';
import { PRODUCTION_PAYMENT_ENV } from '../test/fixtures/production-payments.ts';

test('with no settings at all, the embedded default runs: PGlite in ./data, port 3000, the stand-ins, demo data', () => {
  const config = loadConfig({});
  assert.equal(config.env, 'development');
  assert.equal(config.port, 3000);
  assert.deepEqual(config.database, { kind: 'pglite', dataDir: path.resolve('./data') });
  assert.equal(config.publicUrl, 'http://localhost:3000');
  assert.equal(config.secureCookies, false);
  assert.equal(config.seedDemoData, true);
  assert.deepEqual(
    {
      enabled: config.devServices.enabled,
      mconnectPort: config.devServices.mconnectPort,
      pspSandboxPort: config.devServices.pspSandboxPort,
    },
    { enabled: true, mconnectPort: 3001, pspSandboxPort: 3002 },
  );
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
      for (const name of ['DATABASE_URL', 'SESSION_SECRET', 'PUBLIC_URL', 'SMTP_URL'])
        assert.match(error.message, new RegExp(name));
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
    ...PRODUCTION_PAYMENT_ENV,
    SEED_DEMO_DATA: 'true',
  });
  assert.deepEqual(config.mail, {
    transport: 'smtp',
    smtpUrl: 'smtp://relay.gouv.mc:587',
    from: 'MonGuichet.mc <ne-pas-repondre@monguichet.mc>',
    concurrency: 5,
  });
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
    [{ PAYMENT_NOTIFICATIONS_AT_ONCE: '0' }, /PAYMENT_NOTIFICATIONS_AT_ONCE/],
    [{ PAYMENT_NOTIFICATIONS_AT_ONCE: '65' }, /PAYMENT_NOTIFICATIONS_AT_ONCE/],
    [{ PAYMENT_NOTIFICATIONS_AT_ONCE: '2.5' }, /PAYMENT_NOTIFICATIONS_AT_ONCE/],
  ];
  for (const [env, name] of cases) {
    assert.throws(
      () => loadConfig(env),
      (error: unknown) => error instanceof ConfigError && name.test(error.message),
      JSON.stringify(env),
    );
  }
});

test('PAYMENT_NOTIFICATIONS_AT_ONCE sets how many payment notifications are applied at once (4 unless told)', () => {
  assert.equal(loadConfig({}).paymentNotificationsAtOnce, 4);
  assert.equal(loadConfig({ PAYMENT_NOTIFICATIONS_AT_ONCE: '12' }).paymentNotificationsAtOnce, 12);
});

test('empty variables count as unset', () => {
  const config = loadConfig({ DATABASE_URL: '', PUBLIC_URL: '', SESSION_SECRET: '' });
  assert.equal(config.database.kind, 'pglite');
});

test('LOGIN_RATE_LIMIT_PER_MINUTE sets the login route limit per address', () => {
  assert.equal(loadConfig({ LOGIN_RATE_LIMIT_PER_MINUTE: '100000' }).loginRateLimitPerMinute, 100_000);
});

test('MConnect: the stand-in at http://localhost:$MCONNECT_DEV_PORT with its keys in the data directory, and the portal as its client', () => {
  const config = loadConfig({
    MCONNECT_DEV_PORT: '4001',
    DATA_DIR: '/tmp/mg-data',
    PUBLIC_URL: 'http://localhost:8080/',
  });
  assert.deepEqual(config.devServices.mconnect, {
    issuer: 'http://localhost:4001',
    keysFile: path.join('/tmp/mg-data', 'mconnect-dev-keys.json'),
    jwks: undefined,
    cookieKeys: undefined,
  });
  assert.equal(config.mconnect.clientId, 'monguichet-dev');
  assert.equal(typeof config.mconnect.clientSecret, 'string');
  assert.equal(config.mconnect.clientAuthMethod, 'client_secret_basic');
  assert.equal(config.mconnect.userinfoSigned, true);
  assert.equal(config.mconnect.redirectUri, 'http://localhost:8080/connexion/mconnect/retour');
  assert.equal(config.mconnect.postLogoutRedirectUri, 'http://localhost:8080/deconnexion/mconnect');
});

test('MConnect: the issuer, the client, the stand-in keys and cookie keys come from their variables', () => {
  const jwks = { keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd', kid: 'k1' }] };
  const config = loadConfig({
    MCONNECT_DEV_ISSUER: 'https://mconnect.dev.example/',
    MCONNECT_CLIENT_ID: 'portail',
    MCONNECT_CLIENT_SECRET: 's'.repeat(20),
    MCONNECT_CLIENT_AUTH_METHOD: 'client_secret_post',
    MCONNECT_USERINFO_SIGNED: 'false',
    MCONNECT_DEV_JWKS: JSON.stringify(jwks),
    MCONNECT_DEV_COOKIE_KEYS: `${'a'.repeat(32)}, ${'b'.repeat(32)}`,
  });
  assert.equal(config.devServices.mconnect.issuer, 'https://mconnect.dev.example');
  assert.deepEqual(config.devServices.mconnect.jwks, jwks);
  assert.deepEqual(config.devServices.mconnect.cookieKeys, ['a'.repeat(32), 'b'.repeat(32)]);
  assert.deepEqual(
    {
      id: config.mconnect.clientId,
      secret: config.mconnect.clientSecret,
      auth: config.mconnect.clientAuthMethod,
      signed: config.mconnect.userinfoSigned,
    },
    { id: 'portail', secret: 's'.repeat(20), auth: 'client_secret_post', signed: false },
  );
});

test('MConnect: wrong settings are refused with their name, and never with the secret itself', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{ MCONNECT_DEV_ISSUER: 'http://localhost:3001/mconnect' }, /MCONNECT_DEV_ISSUER: must be an origin/],
    [{ MCONNECT_DEV_ISSUER: 'ftp://localhost' }, /MCONNECT_DEV_ISSUER/],
    [{ MCONNECT_DEV_JWKS: '{not json' }, /MCONNECT_DEV_JWKS: is not valid JSON/],
    [
      { MCONNECT_DEV_JWKS: JSON.stringify({ keys: [{ kty: 'EC', crv: 'P-256', x: 'x', y: 'y' }] }) },
      /MCONNECT_DEV_JWKS/,
    ],
    [
      { MCONNECT_DEV_JWKS: JSON.stringify({ keys: [{ kty: 'RSA', n: 'n', e: 'AQAB', d: 'd' }] }) },
      /MCONNECT_DEV_JWKS: must hold private EC keys/,
    ],
    [{ MCONNECT_DEV_COOKIE_KEYS: 'short' }, /MCONNECT_DEV_COOKIE_KEYS/],
    [{ MCONNECT_CLIENT_AUTH_METHOD: 'private_key_jwt' }, /MCONNECT_CLIENT_AUTH_METHOD/],
    [{ MCONNECT_CLIENT_SECRET: 'tooShortSecret' }, /MCONNECT_CLIENT_SECRET/],
  ];
  for (const [env, name] of cases) {
    assert.throws(
      () => loadConfig(env),
      (error: unknown) =>
        error instanceof ConfigError && name.test(error.message) && !error.message.includes('tooShortSecret'),
      JSON.stringify(env),
    );
  }
});

test('MConnect: production has no client secret unless given, and refuses the development one', () => {
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgresql://u@db/mg',
    SESSION_SECRET: 'x'.repeat(40),
    PUBLIC_URL: 'https://monguichet.mc',
    SMTP_URL: 'smtp://relay.gouv.mc:587',
    ...PRODUCTION_PAYMENT_ENV,
  };
  assert.equal(loadConfig(production).mconnect.clientSecret, undefined);
  const developmentSecret = loadConfig({}).mconnect.clientSecret ?? '';
  assert.throws(
    () => loadConfig({ ...production, MCONNECT_CLIENT_SECRET: developmentSecret }),
    /MCONNECT_CLIENT_SECRET must not be the development value in production/,
  );
});

test('MConnect as a relying party: the stand-in by default outside production, off in production unless MCONNECT_ISSUER is set', () => {
  const dev = loadConfig({});
  assert.equal(dev.mconnect.issuer, 'http://localhost:3001');
  assert.deepEqual(
    [
      dev.mconnect.acrLevels,
      dev.mconnect.minimumAcr,
      dev.mconnect.scopes,
      dev.mconnect.idTokenAlg,
      dev.mconnect.timeoutMs,
    ],
    [['eidas1', 'eidas2', 'eidas3'], 'eidas2', 'openid profile email phone', 'ES256', 5000],
  );
  const secrets = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://u:p@db/mg',
    SESSION_SECRET: 'x'.repeat(40),
    PUBLIC_URL: 'https://monguichet.example',
    SMTP_URL: 'smtp://relay:25',
    ...PRODUCTION_PAYMENT_ENV,
  };
  assert.equal(loadConfig(secrets).mconnect.issuer, undefined, 'off in production without an issuer');
  const real = loadConfig({
    ...secrets,
    MCONNECT_ISSUER: 'https://mconnect.example',
    MCONNECT_CLIENT_SECRET: 'a-real-secret-from-the-provider',
  });
  assert.equal(real.mconnect.issuer, 'https://mconnect.example');
  assert.throws(
    () =>
      loadConfig({
        ...secrets,
        MCONNECT_ISSUER: 'http://mconnect.example',
        MCONNECT_CLIENT_SECRET: 'a-real-secret-from-the-provider',
      }),
    /MCONNECT_ISSUER must be an https URL/,
  );
  assert.throws(
    () => loadConfig({ ...secrets, MCONNECT_ISSUER: 'https://mconnect.example' }),
    /MCONNECT_CLIENT_SECRET is required/,
  );
  assert.throws(() => loadConfig({ MCONNECT_MINIMUM_ACR: 'eidas4' }), /MCONNECT_MINIMUM_ACR must be one of/);
  assert.throws(() => loadConfig({ MCONNECT_SCOPES: 'profile email' }), /MCONNECT_SCOPES/);
});

test('CANTEEN_MINIMUM_ACR must be a known level, and needs MConnect in production', () => {
  assert.equal(loadConfig({}).mconnect.canteenMinimumAcr, undefined);
  assert.equal(loadConfig({ CANTEEN_MINIMUM_ACR: 'eidas3' }).mconnect.canteenMinimumAcr, 'eidas3');
  assert.throws(() => loadConfig({ CANTEEN_MINIMUM_ACR: 'eidas9' }), /CANTEEN_MINIMUM_ACR must be one of/);
  const secrets = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgres://u:p@db/mg',
    SESSION_SECRET: 'x'.repeat(40),
    PUBLIC_URL: 'https://monguichet.example',
    SMTP_URL: 'smtp://relay:25',
    ...PRODUCTION_PAYMENT_ENV,
  };
  assert.throws(() => loadConfig({ ...secrets, CANTEEN_MINIMUM_ACR: 'eidas3' }), /CANTEEN_MINIMUM_ACR needs MConnect/);
});

test('private_key_jwt needs the client private key, which is then used instead of a secret', () => {
  assert.throws(() => loadConfig({ MCONNECT_CLIENT_AUTH_METHOD: 'private_key_jwt' }), /MCONNECT_CLIENT_PRIVATE_KEY/);
  assert.throws(
    () => loadConfig({ MCONNECT_CLIENT_AUTH_METHOD: 'private_key_jwt', MCONNECT_CLIENT_PRIVATE_KEY: '{"kty":"EC"}' }),
    /MCONNECT_CLIENT_PRIVATE_KEY/,
  );
  const key = { kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd', kid: 'k', alg: 'ES256' };
  const config = loadConfig({
    MCONNECT_CLIENT_AUTH_METHOD: 'private_key_jwt',
    MCONNECT_CLIENT_PRIVATE_KEY: JSON.stringify(key),
  });
  assert.equal(config.mconnect.clientAuthMethod, 'private_key_jwt');
  assert.equal(config.mconnect.clientPrivateKey?.kid, 'k');
});

test('TRUST_PROXY=true is refused in every environment, with a message that names the variable and the fix', () => {
  for (const NODE_ENV of ['development', 'production'] as const) {
    assert.throws(
      () =>
        loadConfig({
          NODE_ENV,
          TRUST_PROXY: 'true',
          DATABASE_URL: 'postgresql://u@db/mg',
          SESSION_SECRET: 'x'.repeat(40),
          PUBLIC_URL: 'https://monguichet.mc',
          SMTP_URL: 'smtp://relay.gouv.mc:587',
          ...PRODUCTION_PAYMENT_ENV,
        }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /TRUST_PROXY=true/);
        assert.match(error.message, /X-Forwarded-For/);
        assert.match(error.message, /number of proxies/);
        return true;
      },
      NODE_ENV,
    );
  }
});

test('TRUST_PROXY takes a hop count or a list of proxy addresses and CIDRs, and refuses anything else', () => {
  assert.equal(loadConfig({}).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: '1' }).trustProxy, 1);
  assert.equal(loadConfig({ TRUST_PROXY: '0' }).trustProxy, false);
  assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.7,::1,fd00::/8, loopback' }).trustProxy, [
    '10.0.0.0/8',
    '192.0.2.7',
    '::1',
    'fd00::/8',
    'loopback',
  ]);
  for (const bad of ['yes', 'proxy.example', '10.0.0.0/33', '300.1.1.1', '1.5', '-1', '10.0.0.1,']) {
    assert.throws(
      () => loadConfig({ TRUST_PROXY: bad }),
      (error: unknown) => error instanceof ConfigError && /TRUST_PROXY/.test(error.message),
      bad,
    );
  }
});

test('outside production the portal listens on this machine only, unless HOST says otherwise; production on every interface', () => {
  assert.equal(loadConfig({}).host, '127.0.0.1');
  assert.equal(loadConfig({ NODE_ENV: 'test' }).host, '127.0.0.1');
  assert.equal(loadConfig({ HOST: '0.0.0.0' }).host, '0.0.0.0');
  const production = loadConfig({
    NODE_ENV: 'production',
    DATABASE_URL: 'postgresql://u@db/mg',
    SESSION_SECRET: 'x'.repeat(40),
    PUBLIC_URL: 'https://monguichet.mc',
    SMTP_URL: 'smtp://relay.gouv.mc:587',
    ...PRODUCTION_PAYMENT_ENV,
  });
  assert.equal(production.host, '0.0.0.0');
});

test('payments: the sandbox and its development merchants by default; production refuses the sandbox but for a load test, with its own https provider and secrets', () => {
  const development = loadConfig({}).payments;
  assert.ok(development.provider === 'sandbox');
  assert.equal(development.apiUrl, 'http://localhost:3002');
  assert.equal(development.checkoutOrigin, 'http://localhost:3002');
  assert.deepEqual(Object.keys(development.merchantSecrets), ['mairie-cantine', 'dense-periscolaire']);
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgresql://u@db/mg',
    SESSION_SECRET: 'x'.repeat(40),
    PUBLIC_URL: 'https://monguichet.mc',
    SMTP_URL: 'smtp://relay.gouv.mc:587',
  };
  // The sandbox takes test payments only: production refuses it unless a load test asks for it.
  assert.throws(
    () =>
      loadConfig({
        ...production,
        PAYMENT_PSP_URL: 'https://psp.example',
        PAYMENT_MERCHANT_SECRETS: '{"mairie-cantine":"a-real-secret-of-the-merchant"}',
      }),
    /PAYMENT_PROVIDER=sandbox takes test payments only \(no money moves\): in production set PAYMENT_PROVIDER=lyra, or PAYMENT_ALLOW_SANDBOX_IN_PRODUCTION=true for a load test/,
  );
  assert.throws(
    () => loadConfig({ ...production, PAYMENT_ALLOW_SANDBOX_IN_PRODUCTION: 'yes-please' }),
    /PAYMENT_ALLOW_SANDBOX_IN_PRODUCTION/,
  );
  const loadTest = { ...production, PAYMENT_ALLOW_SANDBOX_IN_PRODUCTION: 'true' };
  assert.throws(
    () => loadConfig(loadTest),
    /PAYMENT_PSP_URL is required in production[\s\S]*PAYMENT_MERCHANT_SECRETS is required/,
  );
  assert.throws(
    () =>
      loadConfig({
        ...loadTest,
        PAYMENT_PSP_URL: 'https://psp.example',
        PAYMENT_MERCHANT_SECRETS: JSON.stringify(development.merchantSecrets),
      }),
    /must not hold the development secrets/,
  );
  assert.throws(
    () => loadConfig({ ...loadTest, PAYMENT_PSP_URL: 'http://psp.example', PAYMENT_MERCHANT_SECRETS: '{"a1":"x"}' }),
    /PAYMENT_PSP_URL is required in production[\s\S]*at least 16 characters|at least 16 characters/,
  );
  const real = loadConfig({
    ...loadTest,
    PAYMENT_PSP_URL: 'https://api.psp.example/',
    PAYMENT_CHECKOUT_ORIGIN: 'https://pay.psp.example',
    PAYMENT_MERCHANT_SECRETS: '{"mairie-cantine":"a-real-secret-of-the-merchant"}',
  }).payments;
  assert.ok(real.provider === 'sandbox');
  assert.equal(real.apiUrl, 'https://api.psp.example');
  assert.equal(real.checkoutOrigin, 'https://pay.psp.example');
  assert.deepEqual(real.merchantSecrets, { 'mairie-cantine': 'a-real-secret-of-the-merchant' });
});

test('payments with Lyra: the sandbox’s Lyra dialect and its development shops by default; production requires https, PRODUCTION and real shops', () => {
  const development = loadConfig({ PAYMENT_PROVIDER: 'lyra' }).payments;
  assert.ok(development.provider === 'lyra');
  assert.equal(development.mode, 'TEST');
  assert.equal(development.formUrl, 'http://localhost:3002/vads-payment/');
  assert.equal(development.restUrl, 'http://localhost:3002');
  assert.equal(development.checkoutOrigin, 'http://localhost:3002');
  assert.deepEqual(
    Object.entries(development.shops).map(([merchant, shop]) => `${merchant} ${shop.shopId}`),
    ['mairie-cantine 10000001', 'dense-periscolaire 10000002'],
  );
  assert.throws(() => loadConfig({ PAYMENT_PROVIDER: 'stripe' }), /PAYMENT_PROVIDER/);
  assert.throws(
    () =>
      loadConfig({ PAYMENT_PROVIDER: 'lyra', LYRA_SHOPS: '{"mairie-cantine":{"shopId":"123","restPassword":"x"}}' }),
    /8 digits[\s\S]*at least 16/,
  );
  assert.throws(
    () =>
      loadConfig({
        PAYMENT_PROVIDER: 'lyra',
        LYRA_SHOPS:
          '{"mairie-cantine":{"shopId":"12345678","keyProduction":"a-production-key-000","restPassword":"a-rest-password-0000"}}',
      }),
    /mairie-cantine has no keyTest for LYRA_MODE=TEST/,
  );
  const production = {
    NODE_ENV: 'production',
    DATABASE_URL: 'postgresql://u@db/mg',
    SESSION_SECRET: 'x'.repeat(40),
    PUBLIC_URL: 'https://monguichet.mc',
    SMTP_URL: 'smtp://relay.gouv.mc:587',
    PAYMENT_PROVIDER: 'lyra',
  };
  assert.throws(
    () => loadConfig(production),
    /LYRA_FORM_URL is required[\s\S]*LYRA_REST_URL is required[\s\S]*LYRA_MODE must be PRODUCTION[\s\S]*LYRA_SHOPS is required/,
  );
  const urls = {
    LYRA_FORM_URL: 'https://secure.lyra.example/vads-payment/',
    LYRA_REST_URL: 'https://api.lyra.example/',
    LYRA_MODE: 'PRODUCTION',
  };
  assert.throws(
    () => loadConfig({ ...production, ...urls, LYRA_FORM_URL: 'http://secure.lyra.example/vads-payment/' }),
    /LYRA_FORM_URL is required in production/,
  );
  assert.throws(
    () =>
      loadConfig({
        ...production,
        ...urls,
        LYRA_SHOPS: JSON.stringify({
          'mairie-cantine': { ...development.shops['mairie-cantine'], keyProduction: 'a-real-production-key-0000' },
        }),
      }),
    /mairie-cantine must not use the development shops, keys or passwords/,
  );
  const real = loadConfig({
    ...production,
    ...urls,
    LYRA_SHOPS:
      '{"mairie-cantine":{"shopId":"31415926","keyProduction":"a-real-production-key-0000","restPassword":"a-real-rest-password-0000"}}',
  }).payments;
  assert.ok(real.provider === 'lyra');
  assert.equal(real.mode, 'PRODUCTION');
  assert.equal(real.restUrl, 'https://api.lyra.example');
  assert.equal(real.checkoutOrigin, 'https://secure.lyra.example');
});

test('the service is named by its brand (SERVICE_NAME), never by an address', () => {
  assert.equal(loadConfig({}).serviceName, 'MonGuichet.mc');
  assert.equal(loadConfig({ SERVICE_NAME: '  Guichet de test ' }).serviceName, 'Guichet de test');
  for (const wrong of ['https://evil.example', 'a', 'x'.repeat(41), 'Nom <script>'])
    assert.throws(
      () => loadConfig({ SERVICE_NAME: wrong }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.match(error.message, /SERVICE_NAME/);
        return true;
      },
    );
});
