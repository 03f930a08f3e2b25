/**
 * The stand-in's secrets: the keys that sign its ID tokens and signed UserInfo, the keys of its
 * signed cookies, and the salt of the pairwise `sub`. Each comes from the configuration when given
 * (`MCONNECT_DEV_JWKS`, `MCONNECT_DEV_COOKIE_KEYS`), else from a file created once beside the
 * embedded database (mode 0600, gitignored with the rest of the data directory). So a restart
 * keeps every `sub` the same and every token already issued verifiable.
 */
import { createHash, generateKeyPairSync, randomBytes, type JsonWebKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export type SigningAlgorithm = 'ES256' | 'RS256';

/** A private signing key as a JWK, with the `kid`, `alg` and `use` the JWKS publishes. */
export interface SigningKey {
  readonly kty: 'EC' | 'RSA';
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly use: 'sig';
  readonly [member: string]: string;
}

export interface StandInSecrets {
  readonly signingKeys: readonly SigningKey[];
  /** Newest first: the first signs, all verify. */
  readonly cookieKeys: readonly string[];
  readonly pairwiseSalt: string;
}

/** A signing key as configured or stored: private members, maybe without kid, alg or use. */
export interface PrivateJwkInput {
  readonly kty: 'EC' | 'RSA';
  readonly d: string;
  readonly crv?: string | undefined;
  readonly kid?: string | undefined;
  readonly alg?: SigningAlgorithm | undefined;
  readonly [member: string]: string | undefined;
}

export interface SecretOverrides {
  readonly jwks?: { readonly keys: readonly PrivateJwkInput[] } | undefined;
  readonly cookieKeys?: readonly string[] | undefined;
}

const storedKey = z.looseObject({
  kty: z.enum(['EC', 'RSA']),
  d: z.string().min(1),
  crv: z.string().optional(),
  kid: z.string().optional(),
});
const storedFile = z.object({
  version: z.literal(1),
  jwks: z.object({ keys: z.array(storedKey).min(1) }),
  cookieKeys: z.array(z.string().min(32)).min(1),
  pairwiseSalt: z.string().min(32),
});

const PUBLIC_MEMBERS: Readonly<Record<'EC' | 'RSA', readonly string[]>> = {
  EC: ['crv', 'kty', 'x', 'y'],
  RSA: ['e', 'kty', 'n'],
};

/** RFC 7638 thumbprint: a `kid` that names the key and changes only with it. */
function thumbprint(jwk: Readonly<Record<string, unknown>>, kty: 'EC' | 'RSA'): string {
  const members = Object.fromEntries(PUBLIC_MEMBERS[kty].map((name) => [name, jwk[name]]));
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

function asSigningKey(input: Readonly<Record<string, unknown>>): SigningKey {
  const kty = input.kty === 'RSA' ? 'RSA' : 'EC';
  const members: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    if (typeof value === 'string') members[name] = value;
  }
  const alg: SigningAlgorithm = kty === 'RSA' ? 'RS256' : 'ES256';
  return { ...members, kty, kid: members.kid ?? thumbprint(input, kty), alg, use: 'sig' };
}

function exportJwk(key: JsonWebKey): Record<string, unknown> {
  return { ...key };
}

function generateSigningKeys(): SigningKey[] {
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  return [asSigningKey(exportJwk(ec)), asSigningKey(exportJwk(rsa))];
}

function randomSecret(): string {
  return randomBytes(32).toString('base64url');
}

function readStored(file: string): StandInSecrets | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: z.infer<typeof storedFile>;
  try {
    parsed = storedFile.parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(
      `The MConnect stand-in cannot read its keys in ${file} (${reason}). Delete the file to generate new ones (every citizen then gets new pairwise identifiers).`,
      { cause: error },
    );
  }
  return {
    signingKeys: parsed.jwks.keys.map((key) => asSigningKey(key)),
    cookieKeys: parsed.cookieKeys,
    pairwiseSalt: parsed.pairwiseSalt,
  };
}

function store(file: string, secrets: StandInSecrets): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const content = {
    version: 1,
    note: 'Keys of the MConnect development stand-in, generated on first start. Never use them anywhere else.',
    jwks: { keys: secrets.signingKeys },
    cookieKeys: secrets.cookieKeys,
    pairwiseSalt: secrets.pairwiseSalt,
  };
  writeFileSync(temporary, `${JSON.stringify(content, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/**
 * The stand-in's secrets: read from `file`, or generated and written there on first use; the
 * configured overrides replace the signing keys or the cookie keys (the file keeps its own).
 */
export function loadOrCreateSecrets(file: string, overrides: SecretOverrides = {}): StandInSecrets {
  let stored = readStored(file);
  if (!stored) {
    stored = {
      signingKeys: generateSigningKeys(),
      cookieKeys: [randomSecret(), randomSecret()],
      pairwiseSalt: randomSecret(),
    };
    store(file, stored);
  }
  return {
    signingKeys: overrides.jwks ? overrides.jwks.keys.map((key) => asSigningKey(key)) : stored.signingKeys,
    cookieKeys: overrides.cookieKeys ?? stored.cookieKeys,
    pairwiseSalt: stored.pairwiseSalt,
  };
}

/** The algorithms the keys can sign with, ES256 first. */
export function signingAlgorithms(keys: readonly SigningKey[]): SigningAlgorithm[] {
  const available = new Set(keys.map((key) => key.alg));
  return (['ES256', 'RS256'] as const).filter((alg) => available.has(alg));
}
