/**
 * Single-use e-mail tokens (e-mail verification, password reset, e-mail change): 256 random bits
 * sent in a link, only their SHA-256 stored, a lifetime per purpose, consumed once under a row
 * lock. Issuing a token revokes the account's earlier unused tokens of the same purpose. The
 * queries are in tokens.repository.ts.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import * as tokens from './tokens.repository.ts';
import type { TokenPurpose } from './tokens.types.ts';

export type { TokenPurpose } from './tokens.types.ts';

export const TOKEN_LIFETIME_SECONDS: Readonly<Record<TokenPurpose, number>> = {
  email_verification: 24 * 3600,
  password_reset: 3600,
  email_change: 24 * 3600,
};

/** A token as it travels in a link: 43 base64url characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export type TokenCheck =
  | { readonly ok: true; readonly tokenId: string; readonly accountId: string; readonly email: string | null }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' | 'used' };

/**
 * Creates a token for `accountId` and returns it (the only time it exists in clear). Call it in
 * the transaction that also queues the e-mail carrying it.
 */
export async function issueToken(
  trx: Kysely<Database>,
  input: { readonly accountId: string; readonly purpose: TokenPurpose; readonly email?: string | null },
  now: Date = new Date(),
): Promise<string> {
  await revokeTokens(trx, input.accountId, input.purpose, now);
  const token = randomBytes(32).toString('base64url');
  await tokens.insertToken(trx, {
    accountId: input.accountId,
    purpose: input.purpose,
    tokenHash: hashToken(token),
    email: input.email ?? null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + TOKEN_LIFETIME_SECONDS[input.purpose] * 1000),
  });
  return token;
}

/** Marks every unused token of this purpose as used (a newer token, or a password change). */
export async function revokeTokens(
  trx: Kysely<Database>,
  accountId: string,
  purpose: TokenPurpose,
  now: Date = new Date(),
): Promise<void> {
  await tokens.markUnusedTokensUsed(trx, accountId, purpose, now);
}

function verdict(row: Awaited<ReturnType<typeof tokens.findTokenByHash>>, now: Date): TokenCheck {
  if (!row || row.closed_at !== null) return { ok: false, reason: 'unknown' };
  if (row.used_at !== null) return { ok: false, reason: 'used' };
  if (row.expires_at.getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, tokenId: row.id, accountId: row.account_id, email: row.email };
}

/** Whether a token is usable now, without using it (to show the form a link opens). */
export async function checkToken(
  db: Kysely<Database>,
  purpose: TokenPurpose,
  token: string,
  now: Date = new Date(),
): Promise<TokenCheck> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: 'unknown' };
  return verdict(await tokens.findTokenByHash(db, purpose, hashToken(token)), now);
}

/** Uses a token: run inside the transaction that applies its effect; a second use fails. */
export async function consumeToken(
  trx: Transaction<Database>,
  purpose: TokenPurpose,
  token: string,
  now: Date = new Date(),
): Promise<TokenCheck> {
  if (!TOKEN_PATTERN.test(token)) return { ok: false, reason: 'unknown' };
  const result = verdict(await tokens.lockTokenByHash(trx, purpose, hashToken(token)), now);
  if (result.ok) await tokens.markTokenUsed(trx, result.tokenId, now);
  return result;
}
