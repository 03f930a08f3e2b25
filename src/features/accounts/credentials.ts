/**
 * The rules for a local account's identifier and password, and password hashing.
 * Pure: no database, no HTTP, no messages (the forms map the reason codes below to catalogue
 * strings, see src/i18n/fr/credentials.ts).
 *
 * Passwords follow NIST SP 800-63B-4 for a password used alone, OWASP ASVS 5.0 §6.2:
 * 15 to 128 characters counted in Unicode code points after NFKC, any character, no composition
 * rule, never trimmed or case-folded, refused when common or made of the user's own details.
 * Hashing is argon2id with OWASP's parameters, through the async API only (about 10 ms of a core
 * per hash on this machine class): the sync API would stall every other request.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hash, parseOptions, verify, type Algorithm, type Options, type Version } from '@node-rs/argon2';
import { PROJECT_ROOT } from '../../lib/project-root.ts';

// ---------------------------------------------------------------------------------------------
// E-mail addresses
// ---------------------------------------------------------------------------------------------

/** RFC 5321: a forward path holds at most 254 characters. */
export const MAX_EMAIL_LENGTH = 254;
/**
 * An address as typed in a form: ASCII local part (RFC 5322 atom characters and dots), a domain
 * of at least two labels. No space, no control character (so no CR/LF header injection), no
 * quoted local part, no comment, no second `@`.
 */
const EMAIL_PATTERN =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export type EmailCheck =
  | { readonly ok: true; readonly email: string }
  | { readonly ok: false; readonly reason: 'required' | 'too_long' | 'invalid' };

/** Checks an e-mail address typed in a form (sign-up, "Identifiant oublié"); a line break is refused. */
export function checkEmail(raw: string): EmailCheck {
  if (/[\r\n]/.test(raw)) return { ok: false, reason: 'invalid' };
  const email = raw.trim();
  if (email === '') return { ok: false, reason: 'required' };
  if (email.length > MAX_EMAIL_LENGTH) return { ok: false, reason: 'too_long' };
  if (!EMAIL_PATTERN.test(email)) return { ok: false, reason: 'invalid' };
  return { ok: true, email };
}

// ---------------------------------------------------------------------------------------------
// Identifiers
// ---------------------------------------------------------------------------------------------

export const MIN_IDENTIFIER_LENGTH = 3;
export const MAX_IDENTIFIER_LENGTH = 64;
/** The same rule as the `account_identifier_format` check constraint of the `account` table. */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9._-]{3,64}$/;

export const IDENTIFIER_REASONS = [
  'required',
  'too_short',
  'too_long',
  'invalid_characters',
  'looks_like_email',
] as const;
export type IdentifierReason = (typeof IDENTIFIER_REASONS)[number];
export type IdentifierCheck = { ok: true; identifier: string } | { ok: false; reason: IdentifierReason };

/**
 * Input longer than this (in UTF-16 code units) is refused before any other work. NFKC never
 * turns one character into nothing, so such an input cannot become a valid identifier unless
 * it is almost all surrounding spaces, which nobody types.
 */
const MAX_IDENTIFIER_INPUT = 1024;

/** NFKC (full-width `Ｊｅａｎ` becomes `Jean`), then surrounding white space removed. */
export function normalizeIdentifier(raw: string): string {
  return raw.normalize('NFKC').trim();
}

/** The uniqueness key (`account.identifier_key`): `Jean.Dupont` and `jean.dupont` are the same account. */
export function identifierKey(identifier: string): string {
  return identifier.toLowerCase();
}

/**
 * Checks an identifier typed at sign-up. Only ASCII letters, digits, `.`, `-` and `_` are
 * allowed, so look-alikes (Cyrillic `а`, accented `é`) and spaces are refused rather than
 * guessed at; anything with an `@` (after NFKC, so `＠` and `﹫` too) is refused as an e-mail
 * address, because the identifier must stay distinct from the e-mail. `_context.email`, the
 * address typed in the same form, changes nothing today: the `@` rule already refuses it, and an
 * identifier equal to its local part is allowed (an identifier is not secret).
 */
export function checkIdentifier(raw: unknown, _context: { email?: string | null } = {}): IdentifierCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'required' };
  if (raw.length > MAX_IDENTIFIER_INPUT) return { ok: false, reason: 'too_long' };
  const identifier = normalizeIdentifier(raw);
  if (identifier === '') return { ok: false, reason: 'required' };
  if (identifier.includes('@')) return { ok: false, reason: 'looks_like_email' };
  const length = codePointLength(identifier);
  if (length < MIN_IDENTIFIER_LENGTH) return { ok: false, reason: 'too_short' };
  if (length > MAX_IDENTIFIER_LENGTH) return { ok: false, reason: 'too_long' };
  if (!IDENTIFIER_PATTERN.test(identifier)) return { ok: false, reason: 'invalid_characters' };
  return { ok: true, identifier };
}

/** Letters that have no decomposition into a base letter plus accents. */
const LATIN_EXTRAS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  ł: 'l',
  þ: 'th',
  ı: 'i',
  ŀ: 'l',
};

/** `Hélène-Marie` → `['helene', 'marie']`, `D'Artagnan` → `['dartagnan']`: accents folded, other characters dropped. */
function slugParts(name: string): string[] {
  const folded = foldAccents(name.normalize('NFKC').toLowerCase())
    .replace(/['’ʼ]/gu, '')
    .replace(/[^a-z0-9]/gu, (c) => LATIN_EXTRAS[c] ?? ' ');
  return folded.split(/[^a-z0-9]+/).filter((part) => part !== '');
}

/** How many keys `suggestIdentifiers` asks about at most, so a popular name costs a bounded number of queries. */
const MAX_SUGGESTION_LOOKUPS = 24;

/**
 * Up to 3 free identifiers made from the person's names, e.g. `marie.rossi`, `marie.rossi2`,
 * `m.rossi`, each one valid and not taken (`isTaken` receives the key). Empty when the names have
 * no Latin letter or digit to build on: the form then simply asks for one.
 */
export async function suggestIdentifiers(
  firstName: string,
  lastName: string,
  isTaken: (key: string) => Promise<boolean>,
): Promise<string[]> {
  // Room for a dot and a four-digit suffix in 64 characters.
  const first = slugParts(firstName).join('-').slice(0, 28).replace(/-+$/, '');
  const last = slugParts(lastName).join('-').slice(0, 28).replace(/-+$/, '');
  const base = first && last ? `${first}.${last}` : first || last;
  if (!base) return [];
  const short = first && last ? `${first[0] ?? ''}.${last}` : '';

  const candidates: string[] = [base, `${base}2`];
  if (short) candidates.push(short);
  for (let n = 3; n <= 9; n += 1) candidates.push(`${base}${n}`);
  if (short) for (let n = 2; n <= 9; n += 1) candidates.push(`${short}${n}`);
  for (let n = 0; n < 6; n += 1) candidates.push(`${base}${randomInt(10, 10_000)}`);

  const free: string[] = [];
  const seen = new Set<string>();
  let lookups = 0;
  for (const candidate of candidates) {
    if (free.length === 3 || lookups === MAX_SUGGESTION_LOOKUPS) break;
    const check = checkIdentifier(candidate);
    if (!check.ok) continue;
    const key = identifierKey(check.identifier);
    if (seen.has(key)) continue;
    seen.add(key);
    lookups += 1;
    if (!(await isTaken(key))) free.push(check.identifier);
  }
  return free;
}

// ---------------------------------------------------------------------------------------------
// Passwords
// ---------------------------------------------------------------------------------------------

export const MIN_PASSWORD_LENGTH = 15;
export const MAX_PASSWORD_LENGTH = 128;
/** How many of the most common passwords are refused. */
export const COMMON_PASSWORD_COUNT = 10_000;

export const PASSWORD_REASONS = [
  'required',
  'too_short',
  'too_long',
  'common',
  'contains_identifier',
  'contains_email',
  'contains_name',
] as const;
export type PasswordReason = (typeof PASSWORD_REASONS)[number];
export type PasswordCheck = { ok: true; password: string } | { ok: false; reason: PasswordReason };

export interface PasswordContext {
  identifier?: string | null;
  email?: string | null;
  firstName?: string | null;
  lastName?: string | null;
}

/**
 * Input longer than this (in UTF-16 code units) is refused before NFKC or anything else. NFKC
 * shrinks text at most fourfold (a letter and three combining accents composed into one), so
 * such an input would still be over MAX_PASSWORD_LENGTH code points: the answer is the same,
 * only cheaper, whatever an attacker posts.
 */
const MAX_PASSWORD_INPUT = MAX_PASSWORD_LENGTH * 8;

/** NFKC only: the password is otherwise kept exactly as typed (no trimming, no case folding). */
export function normalizePassword(raw: string): string {
  return raw.normalize('NFKC');
}

/**
 * Checks a new password (sign-up, change, reset). On success `password` is the NFKC form, the
 * one to hash. The reasons are tried in the order of PASSWORD_REASONS.
 */
export function checkPassword(raw: unknown, context: PasswordContext = {}): PasswordCheck {
  if (typeof raw !== 'string' || raw === '') return { ok: false, reason: 'required' };
  if (raw.length > MAX_PASSWORD_INPUT) return { ok: false, reason: 'too_long' };
  const password = normalizePassword(raw);
  const length = codePointLength(password);
  if (length < MIN_PASSWORD_LENGTH) return { ok: false, reason: 'too_short' };
  if (length > MAX_PASSWORD_LENGTH) return { ok: false, reason: 'too_long' };
  if (isCommonPassword(password)) return { ok: false, reason: 'common' };

  const folded = foldForComparison(password);
  const compact = compactForm(folded);
  const contains = (word: string): boolean => {
    const w = foldForComparison(word);
    if (codePointLength(w) >= 3 && folded.includes(w)) return true;
    const c = compactForm(w);
    return c.length >= 3 && compact.includes(c);
  };

  const identifier = context.identifier ? normalizeIdentifier(context.identifier) : '';
  if (identifier && contains(identifier)) return { ok: false, reason: 'contains_identifier' };

  const email = context.email ? context.email.normalize('NFKC').trim() : '';
  if (email) {
    const at = email.lastIndexOf('@');
    const localPart = at >= 0 ? email.slice(0, at) : email;
    if (contains(email) || contains(localPart)) return { ok: false, reason: 'contains_email' };
  }

  for (const name of [context.firstName, context.lastName]) {
    if (!name) continue;
    const words = [name, ...name.split(/[\s\-'’.]+/u)];
    if (
      words.some((word) => codePointLength(foldForComparison(word)) >= 3 && folded.includes(foldForComparison(word)))
    ) {
      return { ok: false, reason: 'contains_name' };
    }
  }
  return { ok: true, password };
}

/**
 * Words that belong to this service or to the sign-up page's own advice: a password made only of
 * them, with digits, spaces or symbols around (`Monaco2024Monaco!`, `MonGuichet MonGuichet`),
 * is as guessable as a common one (NIST SP 800-63B-4 §3.1.1.2, "context-specific words").
 */
const CONTEXT_WORDS = [
  'monguichet',
  'guichet',
  'monaco',
  'mc',
  'motdepasse',
  'password',
  'passphrase',
  'quatremotsprisauhasard',
  'fourrandomwords',
  'puttogether',
];
const CONTEXT_ONLY = new RegExp(`^(?:${CONTEXT_WORDS.join('|')})+$`);

let commonPasswords: Set<string> | undefined;

/**
 * The COMMON_PASSWORD_COUNT most frequent passwords, vendored in vendor/common-passwords/ (one per
 * line, most frequent first; from `@zxcvbn-ts/language-common`, MIT licence, © 2012-2016 Dan
 * Wheeler and Dropbox, Inc., © 2021 zxcvbn-ts; provenance in its README). Read once, on first use;
 * never fetched at run time.
 */
export const COMMON_PASSWORDS_FILE = path.join(PROJECT_ROOT, 'vendor', 'common-passwords', 'passwords.txt');

function loadCommonPasswords(): Set<string> {
  if (commonPasswords) return commonPasswords;
  const file = COMMON_PASSWORDS_FILE;
  const data = readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  if (data.length < COMMON_PASSWORD_COUNT) {
    throw new Error(`${file}: expected a list of at least ${COMMON_PASSWORD_COUNT} passwords`);
  }
  commonPasswords = new Set(data.slice(0, COMMON_PASSWORD_COUNT).map((item) => item.toLowerCase()));
  return commonPasswords;
}

/**
 * True for a password of the common list (case-insensitive), one made of a single repeated
 * character, or one made only of this service's context words plus digits, spaces or symbols.
 */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (loadCommonPasswords().has(lower)) return true;
  if (new Set(lower).size === 1) return true;
  const letters = compactForm(foldForComparison(password)).replace(/[0-9]/g, '');
  return letters !== '' && CONTEXT_ONLY.test(letters);
}

// ---------------------------------------------------------------------------------------------
// Hashing
// ---------------------------------------------------------------------------------------------

/** `Algorithm.Argon2id` and `Version.V0x13` (ambient const enums, which isolatedModules cannot read). */
const ARGON2ID = 2 as Algorithm;
const VERSION_0X13 = 1 as Version;

/** OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 passes, 1 lane. */
export const HASH_OPTIONS = {
  algorithm: ARGON2ID,
  version: VERSION_0X13,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const satisfies Options;

/** Hashes a password (NFKC applied, as checkPassword does) into a PHC string. */
export async function hashPassword(password: string): Promise<string> {
  const normalized = password.length > MAX_PASSWORD_INPUT ? password : normalizePassword(password);
  if (codePointLength(normalized) > MAX_PASSWORD_LENGTH) {
    throw new RangeError(`hashPassword: over ${MAX_PASSWORD_LENGTH} characters; call checkPassword first`);
  }
  return hash(normalized, HASH_OPTIONS);
}

/**
 * True when `password` is the one that made `hash`. A password longer than any that can have
 * been stored is refused without hashing (verifyAgainstDummy does the same, so the shortcut says
 * nothing about the account).
 */
export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_INPUT) return false;
  const normalized = normalizePassword(password);
  if (codePointLength(normalized) > MAX_PASSWORD_LENGTH) return false;
  return verify(storedHash, normalized);
}

/** True when the hash was made with other parameters than HASH_OPTIONS: rehash it after a successful login. */
export function needsRehash(storedHash: string): boolean {
  try {
    const used = parseOptions(storedHash);
    return (
      used.algorithm !== HASH_OPTIONS.algorithm ||
      used.version !== HASH_OPTIONS.version ||
      used.memoryCost !== HASH_OPTIONS.memoryCost ||
      used.timeCost !== HASH_OPTIONS.timeCost ||
      used.parallelism !== HASH_OPTIONS.parallelism ||
      used.outputLen !== HASH_OPTIONS.outputLen
    );
  } catch {
    return true;
  }
}

/** PHC base64: standard alphabet, no padding. */
function phcBase64(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

/**
 * A well-formed hash with today's parameters, a random salt and a random digest: no password
 * matches it, and checking one costs exactly as much as checking a real hash. Built without
 * hashing, so even the first call costs no more than the others.
 */
const DUMMY_HASH = `$argon2id$v=19$m=${HASH_OPTIONS.memoryCost},t=${HASH_OPTIONS.timeCost},p=${HASH_OPTIONS.parallelism}$${phcBase64(randomBytes(16))}$${phcBase64(randomBytes(HASH_OPTIONS.outputLen))}`;

/**
 * For a login whose identifier matches no account (or an account without a password): spends
 * the time of a real verifyPassword, then answers false, so the response time does not tell
 * whether the account exists.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  await verifyPassword(DUMMY_HASH, password);
  return false;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').normalize('NFC');
}

/** For "contains" comparisons only: NFKC, accents removed, lower case. */
function foldForComparison(text: string): string {
  return foldAccents(text.normalize('NFKC')).toLowerCase();
}

/** Letters and digits only: `Jean Dupont`, `jean.dupont` and `jean_dupont` all become `jeandupont`. */
function compactForm(folded: string): string {
  return folded.replace(/[^\p{L}\p{N}]/gu, '');
}
