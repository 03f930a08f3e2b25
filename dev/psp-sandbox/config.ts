/**
 * The sandbox payment provider's settings. Its merchants and their secrets are development
 * values: they are read here, from the environment handed over by the server (the portal's own
 * settings stay in src/config.ts), validated, and never logged.
 */
import path from 'node:path';
import { z } from 'zod';

export type Dialect = 'json' | 'vads';

export interface SandboxMerchant {
  /** The merchant id the API, the notifications and the reports name. */
  readonly id: string;
  /** Shown on the hosted page ("Mairie de Monaco — Restauration scolaire"). */
  readonly name: string;
  /** The bearer secret of its API calls; also the key that signs its notifications. */
  readonly secret: string;
  /** How its notifications and browser returns are shaped: JSON webhook, or Lyra-style vads form. */
  readonly dialect: Dialect;
  /** vads dialect: the password of its REST API (Basic auth, user = the merchant id as shop id); the secret if unset. */
  readonly restPassword?: string | undefined;
}

export interface PspSandboxOptions {
  readonly nodeEnv: string;
  /** The origin browsers reach the sandbox at; the hosted page URLs start with it. */
  readonly publicUrl: string;
  /** Where its state is kept (`$DATA_DIR/psp-sandbox`); none keeps it in memory only. */
  readonly stateDir: string | undefined;
  readonly merchants: readonly SandboxMerchant[];
  /** Lifetime of a payment session, in seconds (default 900). */
  readonly sessionTtlSeconds: number;
  /** How long a submit of the "authorisation timeout" card hangs, in milliseconds (default 40 000). */
  readonly authorisationHangMs: number;
  /** Longest wait for the merchant's answer to one notification, in milliseconds. */
  readonly notificationTimeoutMs: number;
  /** Deliver due notifications and settle refunds on a timer (off in tests: they flush). */
  readonly background: boolean;
}

/** The development merchants: two creditors, so that a basket spanning both can be tried. */
export const DEVELOPMENT_MERCHANTS: readonly SandboxMerchant[] = [
  {
    id: 'mairie-cantine',
    name: 'Mairie de Monaco — Restauration scolaire',
    secret: 'development-only-psp-secret-mairie-cantine',
    dialect: 'json',
  },
  {
    id: 'dense-periscolaire',
    name: 'Direction de l’Éducation nationale — Périscolaire',
    secret: 'development-only-psp-secret-dense-periscolaire',
    dialect: 'json',
  },
];

/**
 * The development shops of the Lyra dialect (vads form, REST API): one per demo creditor, used when
 * the portal runs with PAYMENT_PROVIDER=lyra (src/config.ts DEVELOPMENT_LYRA_SHOPS).
 */
export const DEVELOPMENT_VADS_MERCHANTS: readonly SandboxMerchant[] = [
  {
    id: '10000001',
    name: 'Mairie de Monaco — Restauration scolaire (formulaire Lyra)',
    secret: 'development-only-lyra-key-10000001',
    dialect: 'vads',
    restPassword: 'development-only-lyra-rest-password-10000001',
  },
  {
    id: '10000002',
    name: 'Direction de l’Éducation nationale — Périscolaire (formulaire Lyra)',
    secret: 'development-only-lyra-key-10000002',
    dialect: 'vads',
    restPassword: 'development-only-lyra-rest-password-10000002',
  },
];

const merchantSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'lower-case letters, digits and dashes, 2 to 40'),
  name: z.string().trim().min(1).max(120),
  secret: z.string().min(16, 'at least 16 characters'),
  dialect: z.enum(['json', 'vads']).default('json'),
  restPassword: z.string().min(16, 'at least 16 characters').optional(),
});

const envSchema = z.object({
  DATA_DIR: z.string().trim().min(1).default('./data'),
  PSP_SANDBOX_PORT: z.coerce.number().int().min(1).max(65_535).default(3002),
  PSP_SANDBOX_URL: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(z.url({ protocol: /^https?$/ }).optional()),
  PSP_SANDBOX_MERCHANTS: z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      try {
        return JSON.parse(value) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
        return z.NEVER;
      }
    })
    .pipe(
      z
        .array(merchantSchema)
        .min(1)
        .refine((list) => new Set(list.map((m) => m.id)).size === list.length, 'merchant ids must be unique')
        .optional(),
    ),
  PSP_SANDBOX_SESSION_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  PSP_SANDBOX_AUTHORISATION_HANG_MS: z.coerce.number().int().min(0).max(120_000).default(40_000),
});

/** The sandbox as `npm start` runs it; throws with each wrong variable named. */
export function pspSandboxOptions(
  nodeEnv: string,
  env: Readonly<Record<string, string | undefined>>,
): PspSandboxOptions {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`The sandbox payment provider cannot start:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    nodeEnv,
    publicUrl: (e.PSP_SANDBOX_URL ?? `http://localhost:${e.PSP_SANDBOX_PORT}`).replace(/\/+$/, ''),
    stateDir: path.join(path.resolve(e.DATA_DIR), 'psp-sandbox'),
    merchants: e.PSP_SANDBOX_MERCHANTS ?? [...DEVELOPMENT_MERCHANTS, ...DEVELOPMENT_VADS_MERCHANTS],
    sessionTtlSeconds: e.PSP_SANDBOX_SESSION_TTL_SECONDS,
    authorisationHangMs: e.PSP_SANDBOX_AUTHORISATION_HANG_MS,
    notificationTimeoutMs: 10_000,
    background: true,
  };
}
