/**
 * The hosted page's card form: reads the posted fields (strings only; anything else counts as
 * empty), checks them, and returns either the card's digits or one message per wrong field.
 * What is kept for a new rendering is the expiry date and the holder's name: never the card
 * number or the security code.
 */
import { luhnValid } from './cards.ts';
import type { Messages } from './messages.ts';

export const FIELDS = ['numero', 'expiration', 'cryptogramme', 'titulaire'] as const;
export type FieldName = (typeof FIELDS)[number];
export type FieldErrors = Partial<Record<FieldName, string>>;

export const HOLDER_MAX = 100;

export interface KeptValues {
  readonly expiration: string;
  readonly titulaire: string;
}

export type CardFormResult =
  | { readonly ok: true; readonly digits: string }
  | { readonly ok: false; readonly errors: FieldErrors; readonly kept: KeptValues };

function field(body: Readonly<Record<string, unknown>>, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

/** The last day of validity of a card expiring `month`/`year` has passed at `now` (Monaco time). */
function expiryPassed(month: number, year: number, now: number): boolean {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Monaco', year: 'numeric', month: '2-digit' })
    .format(new Date(now))
    .split('-')
    .map(Number);
  return year < (y ?? 0) || (year === y && month < (m ?? 0));
}

export function readCardForm(body: Readonly<Record<string, unknown>>, m: Messages, now: number): CardFormResult {
  const errors: FieldErrors = {};
  const rawNumber = field(body, 'numero');
  const rawExpiry = field(body, 'expiration').trim();
  const rawCvc = field(body, 'cryptogramme').trim();
  const holder = field(body, 'titulaire').trim();

  const digits = rawNumber.replace(/[\s-]/g, '');
  if (digits === '') errors.numero = m.errors.cardNumberMissing;
  else if (rawNumber.length > 30 || !luhnValid(digits)) errors.numero = m.errors.cardNumberInvalid;

  const expiry = /^(\d{1,2})\s*\/?\s*(\d{2}|\d{4})$/.exec(rawExpiry);
  if (rawExpiry === '') errors.expiration = m.errors.expiryMissing;
  else if (!expiry?.[1] || !expiry[2] || Number(expiry[1]) < 1 || Number(expiry[1]) > 12)
    errors.expiration = m.errors.expiryFormat;
  else {
    const year = expiry[2].length === 2 ? 2000 + Number(expiry[2]) : Number(expiry[2]);
    if (expiryPassed(Number(expiry[1]), year, now)) errors.expiration = m.errors.expiryPast;
  }

  if (rawCvc === '') errors.cryptogramme = m.errors.cvcMissing;
  else if (!/^\d{3}$/.test(rawCvc)) errors.cryptogramme = m.errors.cvcFormat;

  if (holder === '') errors.titulaire = m.errors.holderMissing;
  else if (holder.length > HOLDER_MAX) errors.titulaire = m.errors.holderTooLong;

  if (Object.keys(errors).length === 0) return { ok: true, digits };
  return {
    ok: false,
    errors,
    // What comes back into the page is bounded: a 10 kB field is not echoed whole.
    kept: { expiration: rawExpiry.slice(0, 7), titulaire: holder.slice(0, HOLDER_MAX) },
  };
}
