/**
 * The only reader of `process.env`. Validates every setting once, applies safe defaults for the
 * embedded mode, refuses to start in production without the secrets, and returns a frozen object.
 * Every variable is documented in `.env.example` and the README.
 */
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { paths } from './paths.ts';

/**
 * Payment notifications a process applies at the same time, unless `PAYMENT_NOTIFICATIONS_AT_ONCE`
 * says otherwise. Applying one is a handful of short statements on locked rows, bound by the
 * database server's cores: on the 2-core reference machine, 4 at a time apply a burst of 16 faster
 * than 16 at a time (BENCHMARKS.md, "Payment notifications"), and leave the rest of the pool to the
 * pages.
 */
export const DEFAULT_PAYMENT_NOTIFICATIONS_AT_ONCE = 4;

/** The service's brand, as the catalogues write it (`SERVICE_NAME` renames it in e-mails and on paper). */
export const DEFAULT_SERVICE_NAME = 'MonGuichet.mc';

const port = z.coerce.number().int().min(0).max(65535);
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** An origin only (`http://host:port`): the MConnect stand-in serves its endpoints from the root. */
const origin = z.url({ protocol: /^https?$/ }).transform((value, ctx) => {
  const url = new URL(value);
  if (
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search !== '' ||
    url.hash !== '' ||
    url.username !== '' ||
    url.password !== ''
  ) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be an origin such as http://localhost:3001, without a path, query or credentials',
    });
    return z.NEVER;
  }
  return url.origin;
});

/** Names proxy-addr (Fastify's trust-proxy check) gives to address ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An IPv4 or IPv6 address, optionally with a CIDR prefix length, or one of PROXY_RANGE_NAMES. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * `TRUST_PROXY`: which X-Forwarded-* headers to believe. A number of proxy hops, or the proxies'
 * addresses and CIDRs. Never `true`: Fastify would then take the left-most X-Forwarded-For entry,
 * which the client writes itself.
 */
const trustProxySetting = optionalText.transform((value, ctx): false | number | readonly string[] => {
  if (value === undefined || value === 'false' || value === '0') return false;
  if (value === 'true') {
    ctx.addIssue({
      code: 'custom',
      message:
        '`true` is refused: TRUST_PROXY=true would believe any X-Forwarded-For a client sends, so a client could choose its address (rate limits, audit log). Give the number of proxies in front of the portal (e.g. TRUST_PROXY=1) or their addresses and CIDRs (e.g. TRUST_PROXY=10.0.0.0/8,192.0.2.7)',
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= 10) return hops;
  } else {
    const entries = value.split(',').map((entry) => entry.trim());
    if (entries.every(isProxyAddress)) return Object.freeze(entries);
  }
  ctx.addIssue({
    code: 'custom',
    message:
      'TRUST_PROXY must be the number of proxies in front of the portal (1 to 10) or a comma-separated list of their IP addresses and CIDRs (e.g. 10.0.0.0/8,192.0.2.7)',
  });
  return z.NEVER;
});

const jsonText = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'is not valid JSON' });
    return z.NEVER;
  }
});

/** A private signing key as a JWK (EC P-256 for ES256, or RSA for RS256). */
const privateJwk = z.object({
  kty: z.enum(['EC', 'RSA']),
  d: z.string().min(1),
  crv: z.string().optional(),
  x: z.string().optional(),
  y: z.string().optional(),
  n: z.string().optional(),
  e: z.string().optional(),
  p: z.string().optional(),
  q: z.string().optional(),
  dp: z.string().optional(),
  dq: z.string().optional(),
  qi: z.string().optional(),
  kid: z.string().optional(),
  alg: z.enum(['ES256', 'RS256']).optional(),
  use: z.literal('sig').optional(),
});
const signingJwks = z
  .object({ keys: z.array(privateJwk).min(1) })
  .refine(
    (jwks) =>
      jwks.keys.some((key) => key.kty === 'EC') && jwks.keys.every((key) => key.kty !== 'EC' || key.crv === 'P-256'),
    {
      message:
        'must hold private EC keys on the P-256 curve only, at least one (ES256, the algorithm of the ID tokens), and RSA keys if RS256 is wanted',
    },
  );

/** Secrets for signed cookies, comma-separated, newest first (older ones still verify). */
const cookieKeys = z
  .string()
  .transform((text) =>
    text
      .split(',')
      .map((key) => key.trim())
      .filter((key) => key !== ''),
  )
  .pipe(z.array(z.string().min(32, 'each key must have at least 32 characters')).min(1));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: optionalText,
  PORT: port.default(3000),
  MCONNECT_DEV_PORT: port.default(3001),
  PSP_SANDBOX_PORT: port.default(3002),
  PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  SESSION_SECRET: optionalText.pipe(z.string().min(32).optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: trustProxySetting,
  CATALOGUE_REFRESH_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  SEED_DEMO_DATA: bool.default(true),
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: z.string().trim().min(3).default('MonGuichet.mc <ne-pas-repondre@monguichet.mc>'),
  SERVICE_NAME: z
    .string()
    .trim()
    .min(2)
    .max(40)
    .regex(/^[\p{L}\p{N} .'’-]+$/u, 'letters, digits, spaces, dots, apostrophes and dashes')
    .default(DEFAULT_SERVICE_NAME),
  MAIL_CONCURRENCY: z.coerce.number().int().min(1).max(50).default(5),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
  MCONNECT_CLIENT_ID: z.string().trim().min(1).max(255).default('monguichet-dev'),
  MCONNECT_CLIENT_SECRET: optionalText.pipe(z.string().min(16).optional()),
  MCONNECT_CLIENT_AUTH_METHOD: z
    .enum(['client_secret_basic', 'client_secret_post', 'private_key_jwt'])
    .default('client_secret_basic'),
  MCONNECT_CLIENT_PRIVATE_KEY: optionalText.pipe(jsonText.pipe(privateJwk).optional()),
  MCONNECT_USERINFO_SIGNED: bool.default(true),
  MCONNECT_ISSUER: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  MCONNECT_ACR_LEVELS: z
    .string()
    .default('eidas1,eidas2,eidas3')
    .transform((text) =>
      text
        .split(',')
        .map((level) => level.trim())
        .filter((level) => level !== ''),
    )
    .pipe(z.array(z.string().regex(/^[\w.:-]{1,100}$/)).min(1)),
  MCONNECT_MINIMUM_ACR: z.string().trim().default('eidas2'),
  MCONNECT_SCOPES: z
    .string()
    .trim()
    .regex(/^openid( [\w:.-]+)*$/, 'must start with openid, scopes separated by one space')
    .default('openid profile email phone'),
  MCONNECT_ID_TOKEN_ALG: z.enum(['ES256', 'RS256', 'PS256']).default('ES256'),
  MCONNECT_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(5000),
  CANTEEN_MINIMUM_ACR: optionalText,
  MCONNECT_DEV_ISSUER: optionalText.pipe(origin.optional()),
  MCONNECT_DEV_JWKS: optionalText.pipe(jsonText.pipe(signingJwks).optional()),
  MCONNECT_DEV_COOKIE_KEYS: optionalText.pipe(cookieKeys.optional()),
  PAYMENT_PSP_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  PAYMENT_MERCHANT_SECRETS: optionalText.pipe(
    jsonText
      .pipe(
        z.record(
          z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'merchant ids: lower-case letters, digits and dashes'),
          z.string().min(16, 'each secret must have at least 16 characters'),
        ),
      )
      .optional(),
  ),
  PAYMENT_CHECKOUT_ORIGIN: optionalText.pipe(origin.optional()),
  PAYMENT_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(8000),
  PAYMENT_NOTIFICATIONS_AT_ONCE: z.coerce.number().int().min(1).max(64).default(DEFAULT_PAYMENT_NOTIFICATIONS_AT_ONCE),
  PAYMENT_PROVIDER: z.enum(['sandbox', 'lyra']).default('sandbox'),
  PAYMENT_ALLOW_SANDBOX_IN_PRODUCTION: bool.default(false),
  LYRA_MODE: z.enum(['TEST', 'PRODUCTION']).default('TEST'),
  LYRA_FORM_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  LYRA_REST_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  LYRA_SHOPS: optionalText.pipe(
    jsonText
      .pipe(
        z.record(
          z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'merchant ids: lower-case letters, digits and dashes'),
          z.strictObject({
            shopId: z.string().regex(/^\d{8}$/, 'shopId: the 8 digits of the Lyra shop'),
            keyTest: z.string().min(16, 'keyTest: at least 16 characters').optional(),
            keyProduction: z.string().min(16, 'keyProduction: at least 16 characters').optional(),
            restPassword: z.string().min(16, 'restPassword: at least 16 characters'),
          }),
        ),
      )
      .optional(),
  ),
});

/** One creditor's shop at Lyra (`LYRA_SHOPS`): its id, the signing keys of each mode, the REST password. */
export interface LyraShopSettings {
  readonly shopId: string;
  readonly keyTest?: string | undefined;
  readonly keyProduction?: string | undefined;
  readonly restPassword: string;
}

/**
 * The shops of the sandbox's Lyra dialect in development (dev/psp-sandbox/config.ts
 * DEVELOPMENT_VADS_MERCHANTS): one per demo creditor. Refused in production.
 */
export const DEVELOPMENT_LYRA_SHOPS: Readonly<Record<string, LyraShopSettings>> = Object.freeze({
  'mairie-cantine': {
    shopId: '10000001',
    keyTest: 'development-only-lyra-key-10000001',
    restPassword: 'development-only-lyra-rest-password-10000001',
  },
  'dense-periscolaire': {
    shopId: '10000002',
    keyTest: 'development-only-lyra-key-10000002',
    restPassword: 'development-only-lyra-rest-password-10000002',
  },
});

/**
 * The merchants of the sandbox payment provider in development (dev/psp-sandbox/config.ts
 * DEVELOPMENT_MERCHANTS): one per demo creditor. Refused in production.
 */
export const DEVELOPMENT_MERCHANT_SECRETS: Readonly<Record<string, string>> = Object.freeze({
  'mairie-cantine': 'development-only-psp-secret-mairie-cantine',
  'dense-periscolaire': 'development-only-psp-secret-dense-periscolaire',
});

/** A private signing key of the MConnect stand-in, as validated from `MCONNECT_DEV_JWKS`. */
export type MconnectSigningKey = z.infer<typeof privateJwk>;

export type Env = Record<string, string | undefined>;

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly isProduction: boolean;
  /**
   * Where the portal (and, outside production, the stand-ins) listen: `HOST`, else 127.0.0.1
   * outside production (the development mailbox shows every reset link) and every interface in
   * production.
   */
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  /** The service's name as printed and written (`SERVICE_NAME`): the brand, never the host's name. */
  readonly serviceName: string;
  /** True when the public URL is https: cookies get `Secure` and the `__Host-` prefix. */
  readonly secureCookies: boolean;
  readonly database:
    | { readonly kind: 'pglite'; readonly dataDir: string }
    | { readonly kind: 'postgres'; readonly url: string; readonly poolMax: number };
  readonly sessionSecret: string;
  readonly logLevel: string;
  /**
   * Which X-Forwarded-* headers to believe: false (none, the default), a number of proxy hops, or
   * the proxies' addresses and CIDRs. Never `true` (see docs/security.md).
   */
  readonly trustProxy: false | number | readonly string[];
  /** How often (seconds) a process checks whether the catalogue changed; 0 checks on every request. */
  readonly catalogueRefreshSeconds: number;
  /** Demo data goes only into an empty embedded database, never in production. */
  readonly seedDemoData: boolean;
  readonly devServices: {
    readonly enabled: boolean;
    readonly mconnectPort: number;
    readonly pspSandboxPort: number;
    /** The MConnect stand-in (development identity provider); see docs/adr/0005-mconnect-stand-in.md. */
    readonly mconnect: {
      /** Its issuer identifier: `MCONNECT_DEV_ISSUER`, else `http://localhost:$MCONNECT_DEV_PORT`. */
      readonly issuer: string;
      /** Where its signing keys, cookie keys and pairwise salt are generated once and kept (gitignored). */
      readonly keysFile: string;
      /** Signing keys from `MCONNECT_DEV_JWKS`, used instead of the generated ones. */
      readonly jwks: { readonly keys: readonly MconnectSigningKey[] } | undefined;
      /** Cookie keys from `MCONNECT_DEV_COOKIE_KEYS`, used instead of the generated ones. */
      readonly cookieKeys: readonly string[] | undefined;
    };
  };
  /**
   * The portal as a client (relying party) of MConnect. The stand-in registers exactly this client;
   * the real service registers it from the same values.
   */
  readonly mconnect: {
    readonly clientId: string;
    /**
     * Never logged. Outside production it defaults to a development value known to the stand-in;
     * in production it is `undefined` unless `MCONNECT_CLIENT_SECRET` is set.
     */
    readonly clientSecret: string | undefined;
    /** How the portal authenticates at the token endpoint (the stand-in accepts both methods). */
    readonly clientAuthMethod: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
    /** For private_key_jwt: the portal's private signing key, a JWK (`MCONNECT_CLIENT_PRIVATE_KEY`); never logged. */
    readonly clientPrivateKey: MconnectSigningKey | undefined;
    /** Whether the portal asks for UserInfo as a signed JWT (ES256), as FranceConnect v2 returns it. */
    readonly userinfoSigned: boolean;
    /**
     * The provider's issuer identifier: `MCONNECT_ISSUER`; outside production, the stand-in's by
     * default. Undefined: MConnect is off (the login page offers only the password).
     */
    readonly issuer: string | undefined;
    /** Levels of assurance, weakest first (`MCONNECT_ACR_LEVELS`). */
    readonly acrLevels: readonly string[];
    /** The level asked for at login; a weaker `acr` in the answer is refused (`MCONNECT_MINIMUM_ACR`). */
    readonly minimumAcr: string;
    readonly scopes: string;
    /** The one algorithm accepted for ID tokens (and signed UserInfo). */
    readonly idTokenAlg: 'ES256' | 'RS256' | 'PS256';
    /** Longest wait for any call to the provider. */
    readonly timeoutMs: number;
    /**
     * The level of assurance the canteen procedures require (`CANTEEN_MINIMUM_ACR`): a user must
     * then have logged in with MConnect at that level to start one. Undefined: any login.
     */
    readonly canteenMinimumAcr: string | undefined;
    /** `${publicUrl}/connexion/mconnect/retour` */
    readonly redirectUri: string;
    /** `${publicUrl}/deconnexion/mconnect` */
    readonly postLogoutRedirectUri: string;
  };
  /**
   * Outgoing mail: real SMTP when `SMTP_URL` is set; otherwise (never in production) every message
   * is kept in the development mailbox shown at /dev/mailbox.
   */
  readonly mail: (
    | { readonly transport: 'smtp'; readonly smtpUrl: string; readonly from: string }
    | { readonly transport: 'dev-mailbox'; readonly from: string }
  ) & {
    /** Messages each process delivers at the same time (`MAIL_CONCURRENCY`; SMTP connections in its pool). */
    readonly concurrency: number;
  };
  readonly session: { readonly idleMinutes: number; readonly absoluteHours: number };
  /**
   * Login posts allowed per client address and minute (the route's rate limit, on top of the
   * per-identifier and per-address throttling of failures). Raised only by the benchmark.
   */
  readonly loginRateLimitPerMinute: number;
  /**
   * The payment service provider (features/payments), `PAYMENT_PROVIDER`: the sandbox's JSON API
   * (default), or Lyra's hosted form. Outside production both default to the sandbox started beside
   * the portal, with its development merchants (JSON) or shops (Lyra dialect).
   */
  readonly payments: SandboxPaymentSettings | LyraPaymentSettings;
  /**
   * Payment notifications each process applies at the same time (`PAYMENT_NOTIFICATIONS_AT_ONCE`);
   * the others wait their turn.
   */
  readonly paymentNotificationsAtOnce: number;
}

export interface SandboxPaymentSettings {
  readonly provider: 'sandbox';
  /** Base URL of the provider's API (`PAYMENT_PSP_URL`). */
  readonly apiUrl: string;
  /** Merchant id → API secret (also the key of its notifications); never logged. */
  readonly merchantSecrets: Readonly<Record<string, string>>;
  /** Longest wait for one call to the provider (`PAYMENT_TIMEOUT_MS`). */
  readonly timeoutMs: number;
  /**
   * The origin of the provider's payment pages (`PAYMENT_CHECKOUT_ORIGIN`, else the API's): the
   * CSP's form-action allows it, since "Payer" posts and is redirected there.
   */
  readonly checkoutOrigin: string;
}

export interface LyraPaymentSettings {
  readonly provider: 'lyra';
  /** `LYRA_MODE`: TEST or PRODUCTION (production requires PRODUCTION). */
  readonly mode: 'TEST' | 'PRODUCTION';
  /** `LYRA_FORM_URL`: where the browser posts the signed form. */
  readonly formUrl: string;
  /** `LYRA_REST_URL`: base of the REST API V4. */
  readonly restUrl: string;
  /** `LYRA_SHOPS`: merchant id (one per creditor) → its Lyra shop; never logged. */
  readonly shops: Readonly<Record<string, LyraShopSettings>>;
  /** Longest wait for one REST call (`PAYMENT_TIMEOUT_MS`). */
  readonly timeoutMs: number;
  /** The origin of the form URL: the CSP's form-action allows it. */
  readonly checkoutOrigin: string;
}

/** Thrown when the environment cannot make a valid configuration; the message names each variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** The default listening address outside production: this machine only. */
export const LOOPBACK_HOST = '127.0.0.1';

/** True when `host` accepts connections from this machine only. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** A fixed secret for the embedded default only; production refuses to start without its own. */
const DEVELOPMENT_SESSION_SECRET = 'development-only-secret-never-used-in-production-0000';

/** The client secret that the MConnect stand-in and the portal share outside production. */
const DEVELOPMENT_MCONNECT_CLIENT_SECRET = 'development-only-mconnect-client-secret-0000';

/** The file, in the embedded default's data directory, where the MConnect stand-in keeps its keys. */
export const MCONNECT_DEV_KEYS_FILE = 'mconnect-dev-keys.json';

export function loadConfig(env: Env = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`));
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';

  const problems: string[] = [];
  if (isProduction) {
    if (!e.DATABASE_URL)
      problems.push('DATABASE_URL is required in production (PostgreSQL; the embedded PGlite is not crash-durable)');
    if (!e.SESSION_SECRET) problems.push('SESSION_SECRET is required in production (at least 32 random characters)');
    if (!e.PUBLIC_URL) problems.push('PUBLIC_URL is required in production (the https address users reach)');
    if (!e.SMTP_URL) problems.push('SMTP_URL is required in production (smtp:// or smtps:// of the mail relay)');
    if (e.MCONNECT_ISSUER && !e.MCONNECT_ISSUER.startsWith('https://'))
      problems.push('MCONNECT_ISSUER must be an https URL in production');
    if (e.CANTEEN_MINIMUM_ACR && !e.MCONNECT_ISSUER)
      problems.push('CANTEEN_MINIMUM_ACR needs MConnect: set MCONNECT_ISSUER');
    if (e.MCONNECT_ISSUER && !e.MCONNECT_CLIENT_SECRET && e.MCONNECT_CLIENT_AUTH_METHOD !== 'private_key_jwt')
      problems.push('MCONNECT_CLIENT_SECRET is required when MCONNECT_ISSUER is set');
    if (e.MCONNECT_CLIENT_SECRET === DEVELOPMENT_MCONNECT_CLIENT_SECRET)
      problems.push('MCONNECT_CLIENT_SECRET must not be the development value in production');
    if (e.PAYMENT_PROVIDER === 'sandbox') {
      // The sandbox's protocol takes test payments only (every attempt is in test mode: no money
      // moves), so production refuses it unless a load test on production settings asks for it.
      if (!e.PAYMENT_ALLOW_SANDBOX_IN_PRODUCTION)
        problems.push(
          'PAYMENT_PROVIDER=sandbox takes test payments only (no money moves): in production set PAYMENT_PROVIDER=lyra, or PAYMENT_ALLOW_SANDBOX_IN_PRODUCTION=true for a load test',
        );
      if (!e.PAYMENT_PSP_URL?.startsWith('https://'))
        problems.push('PAYMENT_PSP_URL is required in production (the https address of the payment provider API)');
      if (!e.PAYMENT_MERCHANT_SECRETS || Object.keys(e.PAYMENT_MERCHANT_SECRETS).length === 0)
        problems.push('PAYMENT_MERCHANT_SECRETS is required in production (JSON: merchant id → API secret)');
      else if (
        Object.values(e.PAYMENT_MERCHANT_SECRETS).some((secret) =>
          Object.values(DEVELOPMENT_MERCHANT_SECRETS).includes(secret),
        )
      )
        problems.push('PAYMENT_MERCHANT_SECRETS must not hold the development secrets in production');
    } else {
      problems.push(...lyraProductionProblems(e));
    }
  }
  if (e.PAYMENT_PROVIDER === 'lyra' && e.LYRA_SHOPS) {
    for (const [merchantId, shop] of Object.entries(e.LYRA_SHOPS))
      if (!(e.LYRA_MODE === 'TEST' ? shop.keyTest : shop.keyProduction))
        problems.push(
          `LYRA_SHOPS: ${merchantId} has no key${e.LYRA_MODE === 'TEST' ? 'Test' : 'Production'} for LYRA_MODE=${e.LYRA_MODE}`,
        );
  }
  if (e.MCONNECT_CLIENT_AUTH_METHOD === 'private_key_jwt' && !e.MCONNECT_CLIENT_PRIVATE_KEY)
    problems.push(
      'MCONNECT_CLIENT_PRIVATE_KEY (a private JWK) is required with MCONNECT_CLIENT_AUTH_METHOD=private_key_jwt',
    );
  if (e.CANTEEN_MINIMUM_ACR && !e.MCONNECT_ACR_LEVELS.includes(e.CANTEEN_MINIMUM_ACR))
    problems.push(`CANTEEN_MINIMUM_ACR must be one of MCONNECT_ACR_LEVELS (${e.MCONNECT_ACR_LEVELS.join(', ')})`);
  if (!e.MCONNECT_ACR_LEVELS.includes(e.MCONNECT_MINIMUM_ACR))
    problems.push(`MCONNECT_MINIMUM_ACR must be one of MCONNECT_ACR_LEVELS (${e.MCONNECT_ACR_LEVELS.join(', ')})`);
  if (problems.length > 0) throw new ConfigError(problems);

  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');

  return Object.freeze({
    env: e.NODE_ENV,
    isProduction,
    host: e.HOST ?? (isProduction ? '0.0.0.0' : LOOPBACK_HOST),
    port: e.PORT,
    publicUrl,
    serviceName: e.SERVICE_NAME,
    secureCookies: publicUrl.startsWith('https://'),
    database: e.DATABASE_URL
      ? Object.freeze({ kind: 'postgres' as const, url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX })
      : Object.freeze({ kind: 'pglite' as const, dataDir: path.resolve(e.DATA_DIR) }),
    sessionSecret: e.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    catalogueRefreshSeconds: e.CATALOGUE_REFRESH_SECONDS,
    seedDemoData: !isProduction && e.SEED_DEMO_DATA,
    devServices: Object.freeze({
      enabled: !isProduction,
      mconnectPort: e.MCONNECT_DEV_PORT,
      pspSandboxPort: e.PSP_SANDBOX_PORT,
      mconnect: Object.freeze({
        issuer: e.MCONNECT_DEV_ISSUER ?? `http://localhost:${e.MCONNECT_DEV_PORT}`,
        keysFile: path.join(path.resolve(e.DATA_DIR), MCONNECT_DEV_KEYS_FILE),
        jwks: e.MCONNECT_DEV_JWKS,
        cookieKeys: e.MCONNECT_DEV_COOKIE_KEYS ? Object.freeze(e.MCONNECT_DEV_COOKIE_KEYS) : undefined,
      }),
    }),
    mconnect: Object.freeze({
      clientId: e.MCONNECT_CLIENT_ID,
      clientSecret: e.MCONNECT_CLIENT_SECRET ?? (isProduction ? undefined : DEVELOPMENT_MCONNECT_CLIENT_SECRET),
      clientAuthMethod: e.MCONNECT_CLIENT_AUTH_METHOD,
      clientPrivateKey: e.MCONNECT_CLIENT_PRIVATE_KEY,
      userinfoSigned: e.MCONNECT_USERINFO_SIGNED,
      issuer:
        e.MCONNECT_ISSUER ??
        (isProduction ? undefined : (e.MCONNECT_DEV_ISSUER ?? `http://localhost:${e.MCONNECT_DEV_PORT}`)),
      acrLevels: Object.freeze(e.MCONNECT_ACR_LEVELS),
      minimumAcr: e.MCONNECT_MINIMUM_ACR,
      scopes: e.MCONNECT_SCOPES,
      idTokenAlg: e.MCONNECT_ID_TOKEN_ALG,
      timeoutMs: e.MCONNECT_TIMEOUT_MS,
      canteenMinimumAcr: e.CANTEEN_MINIMUM_ACR,
      redirectUri: `${publicUrl}${paths.mconnect.callback()}`,
      postLogoutRedirectUri: `${publicUrl}${paths.mconnect.logoutDone()}`,
    }),
    mail: Object.freeze(
      e.SMTP_URL
        ? { transport: 'smtp' as const, smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, concurrency: e.MAIL_CONCURRENCY }
        : { transport: 'dev-mailbox' as const, from: e.MAIL_FROM, concurrency: e.MAIL_CONCURRENCY },
    ),
    session: Object.freeze({ idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS }),
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
    payments: Object.freeze(e.PAYMENT_PROVIDER === 'lyra' ? lyraSettings(e) : sandboxSettings(e)),
    paymentNotificationsAtOnce: e.PAYMENT_NOTIFICATIONS_AT_ONCE,
  });
}

type ParsedEnv = z.infer<typeof envSchema>;

function sandboxSettings(e: ParsedEnv): SandboxPaymentSettings {
  return {
    provider: 'sandbox',
    apiUrl: (e.PAYMENT_PSP_URL ?? `http://localhost:${e.PSP_SANDBOX_PORT}`).replace(/\/+$/, ''),
    merchantSecrets: Object.freeze({ ...(e.PAYMENT_MERCHANT_SECRETS ?? DEVELOPMENT_MERCHANT_SECRETS) }),
    timeoutMs: e.PAYMENT_TIMEOUT_MS,
    checkoutOrigin:
      e.PAYMENT_CHECKOUT_ORIGIN ?? new URL(e.PAYMENT_PSP_URL ?? `http://localhost:${e.PSP_SANDBOX_PORT}`).origin,
  };
}

/** Lyra outside production defaults to the sandbox's Lyra dialect and its development shops. */
function lyraSettings(e: ParsedEnv): LyraPaymentSettings {
  const sandbox = `http://localhost:${e.PSP_SANDBOX_PORT}`;
  const formUrl = e.LYRA_FORM_URL ?? `${sandbox}/vads-payment/`;
  const shops = e.LYRA_SHOPS ?? DEVELOPMENT_LYRA_SHOPS;
  return {
    provider: 'lyra',
    mode: e.LYRA_MODE,
    formUrl,
    restUrl: (e.LYRA_REST_URL ?? sandbox).replace(/\/+$/, ''),
    shops: Object.freeze(
      Object.fromEntries(Object.entries(shops).map(([id, shop]) => [id, Object.freeze({ ...shop })])),
    ),
    timeoutMs: e.PAYMENT_TIMEOUT_MS,
    checkoutOrigin: e.PAYMENT_CHECKOUT_ORIGIN ?? new URL(formUrl).origin,
  };
}

/** What production requires of Lyra: https URLs, PRODUCTION mode, real shops with their production keys. */
function lyraProductionProblems(e: ParsedEnv): string[] {
  const problems: string[] = [];
  if (!e.LYRA_FORM_URL?.startsWith('https://'))
    problems.push("LYRA_FORM_URL is required in production (the https address of Lyra's payment form)");
  if (!e.LYRA_REST_URL?.startsWith('https://'))
    problems.push("LYRA_REST_URL is required in production (the https address of Lyra's REST API)");
  if (e.LYRA_MODE !== 'PRODUCTION') problems.push('LYRA_MODE must be PRODUCTION in production');
  if (!e.LYRA_SHOPS || Object.keys(e.LYRA_SHOPS).length === 0) {
    problems.push('LYRA_SHOPS is required in production (JSON: merchant id → {shopId, keyProduction, restPassword})');
    return problems;
  }
  const development = new Set(
    Object.values(DEVELOPMENT_LYRA_SHOPS).flatMap((shop) => [shop.keyTest, shop.restPassword, shop.shopId]),
  );
  for (const [merchantId, shop] of Object.entries(e.LYRA_SHOPS))
    if (
      [shop.keyTest, shop.keyProduction, shop.restPassword, shop.shopId].some(
        (v) => v !== undefined && development.has(v),
      )
    )
      problems.push(`LYRA_SHOPS: ${merchantId} must not use the development shops, keys or passwords in production`);
  return problems;
}
