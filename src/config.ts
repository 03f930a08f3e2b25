/**
 * The only reader of `process.env`. Validates every setting once, applies safe defaults for the
 * embedded mode, refuses to start in production without the secrets, and returns a frozen object.
 * Every variable is documented in `.env.example` and the README.
 */
import path from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  PORT: port.default(3000),
  MCONNECT_DEV_PORT: port.default(3001),
  PSP_SANDBOX_PORT: port.default(3002),
  PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: optionalText.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  SESSION_SECRET: optionalText.pipe(z.string().min(32).optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: optionalText,
  CATALOGUE_REFRESH_SECONDS: z.coerce.number().int().min(0).max(3600).default(5),
  SEED_DEMO_DATA: bool.default(true),
  SMTP_URL: optionalText.pipe(z.url({ protocol: /^smtps?$/ }).optional()),
  MAIL_FROM: z.string().trim().min(3).default('MonGuichet.mc <ne-pas-repondre@monguichet.mc>'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(30),
});

export type Env = Record<string, string | undefined>;

export interface Config {
  readonly env: 'development' | 'test' | 'production';
  readonly isProduction: boolean;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string;
  /** True when the public URL is https: cookies get `Secure` and the `__Host-` prefix. */
  readonly secureCookies: boolean;
  readonly database: { readonly kind: 'pglite'; readonly dataDir: string } | { readonly kind: 'postgres'; readonly url: string; readonly poolMax: number };
  readonly sessionSecret: string;
  readonly logLevel: string;
  readonly trustProxy: boolean | string;
  /** How often (seconds) a process checks whether the catalogue changed; 0 checks on every request. */
  readonly catalogueRefreshSeconds: number;
  /** Demo data goes only into an empty embedded database, never in production. */
  readonly seedDemoData: boolean;
  readonly devServices: { readonly enabled: boolean; readonly mconnectPort: number; readonly pspSandboxPort: number };
  /**
   * Outgoing mail: real SMTP when `SMTP_URL` is set; otherwise (never in production) every message
   * is kept in the development mailbox shown at /dev/mailbox.
   */
  readonly mail: { readonly transport: 'smtp'; readonly smtpUrl: string; readonly from: string } | { readonly transport: 'dev-mailbox'; readonly from: string };
  readonly session: { readonly idleMinutes: number; readonly absoluteHours: number };
  /**
   * Login posts allowed per client address and minute (the route's rate limit, on top of the
   * per-identifier and per-address throttling of failures). Raised only by the benchmark.
   */
  readonly loginRateLimitPerMinute: number;
}

/** Thrown when the environment cannot make a valid configuration; the message names each variable. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** A fixed secret for the embedded default only; production refuses to start without its own. */
const DEVELOPMENT_SESSION_SECRET = 'development-only-secret-never-used-in-production-0000';

export function loadConfig(env: Env = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || '(env)'}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';

  const problems: string[] = [];
  if (isProduction) {
    if (!e.DATABASE_URL) problems.push('DATABASE_URL is required in production (PostgreSQL; the embedded PGlite is not crash-durable)');
    if (!e.SESSION_SECRET) problems.push('SESSION_SECRET is required in production (at least 32 random characters)');
    if (!e.PUBLIC_URL) problems.push('PUBLIC_URL is required in production (the https address users reach)');
    if (!e.SMTP_URL) problems.push('SMTP_URL is required in production (smtp:// or smtps:// of the mail relay)');
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const trustProxy = e.TRUST_PROXY === undefined ? false : e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY;

  return Object.freeze({
    env: e.NODE_ENV,
    isProduction,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    secureCookies: publicUrl.startsWith('https://'),
    database: e.DATABASE_URL
      ? Object.freeze({ kind: 'postgres' as const, url: e.DATABASE_URL, poolMax: e.DATABASE_POOL_MAX })
      : Object.freeze({ kind: 'pglite' as const, dataDir: path.resolve(e.DATA_DIR) }),
    sessionSecret: e.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    logLevel: e.LOG_LEVEL,
    trustProxy,
    catalogueRefreshSeconds: e.CATALOGUE_REFRESH_SECONDS,
    seedDemoData: !isProduction && e.SEED_DEMO_DATA,
    devServices: Object.freeze({
      enabled: !isProduction,
      mconnectPort: e.MCONNECT_DEV_PORT,
      pspSandboxPort: e.PSP_SANDBOX_PORT,
    }),
    mail: Object.freeze(
      e.SMTP_URL
        ? { transport: 'smtp' as const, smtpUrl: e.SMTP_URL, from: e.MAIL_FROM }
        : { transport: 'dev-mailbox' as const, from: e.MAIL_FROM },
    ),
    session: Object.freeze({ idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS }),
    loginRateLimitPerMinute: e.LOGIN_RATE_LIMIT_PER_MINUTE,
  });
}
