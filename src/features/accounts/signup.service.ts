/**
 * "Créer mon compte": reading and checking the sign-up form (pure), verifying the e-mail from the
 * link, and sending the link again (throttled per account). The account, its verification token
 * and e-mail are created in one transaction by the accounts service.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { messagesFor, type Lang } from '../../i18n/index.ts';
import { formText } from '../../lib/text.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import type { MailService } from '../notifications/mail.service.ts';
import * as accounts from './accounts.repository.ts';
import { sendVerification } from './accounts.service.ts';
import { identifierMessage, passwordMessage } from './credential-messages.ts';
import {
  MAX_EMAIL_LENGTH,
  checkEmail,
  checkIdentifier,
  checkPassword,
  identifierKey,
  suggestIdentifiers,
} from './credentials.ts';
import { checkThrottle, recordFailure, type ThrottlePolicy } from './throttle.service.ts';
import { checkToken, consumeToken, type TokenCheck } from './tokens.ts';

export type AccountKind = 'particulier' | 'professionnel';

export const MAX_NAME_LENGTH = 100;
/** Longest first or last name, in characters. */
export const MAX_PERSON_NAME_LENGTH = 60;
export const MAX_PHONE_LENGTH = 20;
export const MAX_COMPANY_NUMBER_LENGTH = 30;
export const MIN_BIRTH_YEAR = 1900;

/** Longest text read from any field: enough to tell "too long" without keeping 10 kB around. */
const MAX_READ = 1024;

/** What the form posts. */
export interface SignUpBody {
  civilite?: unknown;
  prenom?: unknown;
  nom?: unknown;
  naissance_jour?: unknown;
  naissance_mois?: unknown;
  naissance_annee?: unknown;
  email?: unknown;
  telephone?: unknown;
  raison_sociale?: unknown;
  rci?: unknown;
  nis?: unknown;
  identifiant?: unknown;
  identifiant_propose?: unknown;
  mot_de_passe?: unknown;
  conditions?: unknown;
}

/** The values typed, kept to show the form again (never the password). */
export interface SignUpValues {
  readonly civility: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly day: string;
  readonly month: string;
  readonly year: string;
  readonly email: string;
  readonly phone: string;
  readonly companyName: string;
  readonly rci: string;
  readonly nis: string;
  readonly identifier: string;
  readonly termsAccepted: boolean;
}

export const EMPTY_VALUES: SignUpValues = {
  civility: '',
  firstName: '',
  lastName: '',
  day: '',
  month: '',
  year: '',
  email: '',
  phone: '',
  companyName: '',
  rci: '',
  nis: '',
  identifier: '',
  termsAccepted: false,
};

export function readValues(
  body: SignUpBody,
): SignUpValues & { readonly password: string; readonly chosenSuggestion: string } {
  return {
    civility: formText(body.civilite, 20),
    firstName: formText(body.prenom, MAX_READ).trim(),
    lastName: formText(body.nom, MAX_READ).trim(),
    day: formText(body.naissance_jour, 20).trim(),
    month: formText(body.naissance_mois, 20).trim(),
    year: formText(body.naissance_annee, 20).trim(),
    // Not trimmed yet: a line break must be seen (and refused), not silently removed.
    email: formText(body.email, MAX_READ),
    phone: formText(body.telephone, MAX_READ).trim(),
    companyName: formText(body.raison_sociale, MAX_READ).trim(),
    rci: formText(body.rci, MAX_READ).trim(),
    nis: formText(body.nis, MAX_READ).trim(),
    identifier: formText(body.identifiant, MAX_READ),
    chosenSuggestion: formText(body.identifiant_propose, MAX_READ),
    password: formText(body.mot_de_passe, MAX_READ * 4),
    termsAccepted: formText(body.conditions, 20) === 'oui',
  };
}

const PHONE_PATTERN = /^[0-9 +()-]+$/;
/**
 * A person's name: letters of any script (with their accents), spaces, hyphens, apostrophes and
 * dots, at least one letter. No digit, `@`, `:` or `/`, no control or bidirectional character;
 * a dot ends a word ("J.-P.", "St. Clair"), so no domain name ("evil.example") passes either.
 */
const PERSON_NAME_PATTERN = /^(?=.*\p{L})[\p{L}\p{M} '’.-]+$/u;
const DOT_INSIDE_WORD = /\.[\p{L}\p{M}]/u;

export function isPersonName(name: string): boolean {
  return PERSON_NAME_PATTERN.test(name) && !DOT_INSIDE_WORD.test(name);
}
const COMPANY_NUMBER_PATTERN = /^[A-Za-z0-9 ]+$/;

export type BirthDateCheck =
  { ok: true; date: string } | { ok: false; reason: 'required' | 'notNumeric' | 'invalid' | 'future' | 'tooOld' };

/** Day, month and year as typed → 'YYYY-MM-DD', a real date in the past, from 1900 on. */
export function checkBirthDate(day: string, month: string, year: string, today: Date = new Date()): BirthDateCheck {
  if (day === '' && month === '' && year === '') return { ok: false, reason: 'required' };
  if (![day, month, year].every((part) => /^[0-9]+$/.test(part))) return { ok: false, reason: 'notNumeric' };
  if (day.length > 2 || month.length > 2 || year.length !== 4) return { ok: false, reason: 'invalid' };
  const d = Number(day);
  const m = Number(month);
  const y = Number(year);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return { ok: false, reason: 'invalid' };
  if (y < MIN_BIRTH_YEAR) return { ok: false, reason: 'tooOld' };
  const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (iso >= today.toISOString().slice(0, 10)) return { ok: false, reason: 'future' };
  return { ok: true, date: iso };
}

/** The personal details of an account, as stored: what sign-up asks and "Mon profil" lets one change. */
export type PersonalDetails = accounts.DetailsChange;

/** The fields of the personal details, as typed (the sign-up values carry them too). */
export type PersonalDetailsInput = Pick<
  SignUpValues,
  'civility' | 'firstName' | 'lastName' | 'day' | 'month' | 'year' | 'phone' | 'companyName' | 'rci' | 'nis'
>;

export type PersonalDetailsValidation =
  | { readonly ok: true; readonly details: PersonalDetails; readonly errors: Record<string, never> }
  | { readonly ok: false; readonly errors: Record<string, string> };

/**
 * Checks the company block (professionals only), civility, names, date of birth and phone, and
 * returns either the details to store or one message per wrong field, keyed by field name.
 */
export function validatePersonalDetails(
  kind: AccountKind,
  input: PersonalDetailsInput,
  lang: Lang,
  today: Date = new Date(),
): PersonalDetailsValidation {
  const e = messagesFor(lang).signUp.errors;
  const errors: Record<string, string> = {};

  if (kind === 'professionnel') {
    if (input.companyName === '') errors.raison_sociale = e.companyNameRequired;
    else if ([...input.companyName].length > MAX_NAME_LENGTH)
      errors.raison_sociale = e.companyNameTooLong(MAX_NAME_LENGTH);
    if (input.rci === '') errors.rci = e.rciRequired;
    else if (input.rci.length > MAX_COMPANY_NUMBER_LENGTH || !COMPANY_NUMBER_PATTERN.test(input.rci))
      errors.rci = e.rciInvalid(MAX_COMPANY_NUMBER_LENGTH);
    if (input.nis === '') errors.nis = e.nisRequired;
    else if (input.nis.length > MAX_COMPANY_NUMBER_LENGTH || !COMPANY_NUMBER_PATTERN.test(input.nis))
      errors.nis = e.nisInvalid(MAX_COMPANY_NUMBER_LENGTH);
  }

  const civility = input.civility === 'madame' || input.civility === 'monsieur' ? input.civility : undefined;
  if (!civility) errors.civilite = e.civilityRequired;
  if (input.firstName === '') errors.prenom = e.firstNameRequired;
  else if ([...input.firstName].length > MAX_PERSON_NAME_LENGTH)
    errors.prenom = e.firstNameTooLong(MAX_PERSON_NAME_LENGTH);
  else if (!isPersonName(input.firstName)) errors.prenom = e.firstNameInvalid;
  if (input.lastName === '') errors.nom = e.lastNameRequired;
  else if ([...input.lastName].length > MAX_PERSON_NAME_LENGTH) errors.nom = e.lastNameTooLong(MAX_PERSON_NAME_LENGTH);
  else if (!isPersonName(input.lastName)) errors.nom = e.lastNameInvalid;

  const birth = checkBirthDate(input.day, input.month, input.year, today);
  if (!birth.ok) {
    errors.naissance = {
      required: e.birthDateRequired,
      notNumeric: e.birthDateNotNumeric,
      invalid: e.birthDateInvalid,
      future: e.birthDateFuture,
      tooOld: e.birthDateTooOld,
    }[birth.reason];
  }

  const phone = input.phone;
  if (phone !== '' && (phone.length > MAX_PHONE_LENGTH || !PHONE_PATTERN.test(phone) || !/[0-9]/.test(phone)))
    errors.telephone = e.phoneInvalid(MAX_PHONE_LENGTH);

  if (Object.keys(errors).length > 0 || !civility || !birth.ok) return { ok: false, errors };
  return {
    ok: true,
    errors: {},
    details: {
      civility,
      firstName: input.firstName,
      lastName: input.lastName,
      birthDate: birth.date,
      phone: phone === '' ? null : phone,
      companyName: kind === 'professionnel' ? input.companyName : null,
      companyRci: kind === 'professionnel' ? input.rci : null,
      companyNis: kind === 'professionnel' ? input.nis : null,
    },
  };
}

export type SignUpValidation =
  | {
      readonly ok: true;
      readonly account: Omit<accounts.NewAccount, 'passwordHash' | 'language' | 'termsAcceptedAt'>;
      readonly password: string;
    }
  | { readonly ok: false; readonly errors: Record<string, string>; readonly identifierMissing: boolean };

/**
 * Checks every field, in the order of the page, and returns either the account to create or one
 * message per wrong field (keys are the field names the error summary links to).
 */
export function validateSignUp(
  kind: AccountKind,
  input: ReturnType<typeof readValues>,
  lang: Lang,
  today: Date = new Date(),
): SignUpValidation {
  const m = messagesFor(lang);
  const e = m.signUp.errors;
  const person = validatePersonalDetails(kind, input, lang, today);
  const errors: Record<string, string> = { ...person.errors };

  const email = checkEmail(input.email);
  if (!email.ok)
    errors.email =
      email.reason === 'required'
        ? e.emailRequired
        : email.reason === 'too_long'
          ? e.emailTooLong(MAX_EMAIL_LENGTH)
          : e.emailInvalid;

  const typedIdentifier = input.chosenSuggestion !== '' ? input.chosenSuggestion : input.identifier;
  const identifier = checkIdentifier(typedIdentifier, { email: email.ok ? email.email : null });
  if (!identifier.ok) errors.identifiant = identifierMessage(m, identifier.reason);

  const password = checkPassword(input.password, {
    identifier: identifier.ok ? identifier.identifier : null,
    email: email.ok ? email.email : null,
    firstName: input.firstName.slice(0, MAX_NAME_LENGTH * 2),
    lastName: input.lastName.slice(0, MAX_NAME_LENGTH * 2),
  });
  if (!password.ok) errors.mot_de_passe = passwordMessage(m, password.reason);

  if (!input.termsAccepted) errors.conditions = e.termsRequired;

  if (Object.keys(errors).length > 0 || !person.ok || !email.ok || !identifier.ok || !password.ok) {
    return { ok: false, errors, identifierMissing: !identifier.ok && identifier.reason === 'required' };
  }
  return {
    ok: true,
    password: password.password,
    account: { kind, identifier: identifier.identifier, email: email.email, ...person.details },
  };
}

/** Up to three free identifiers made from the names typed. */
export async function suggestionsFor(db: Kysely<Database>, firstName: string, lastName: string): Promise<string[]> {
  if (firstName === '' && lastName === '') return [];
  return suggestIdentifiers(firstName.slice(0, MAX_NAME_LENGTH), lastName.slice(0, MAX_NAME_LENGTH), (key) =>
    accounts.isIdentifierKeyTaken(db, key),
  );
}

export function isIdentifierTaken(db: Kysely<Database>, identifier: string): Promise<boolean> {
  return accounts.isIdentifierKeyTaken(db, identifierKey(identifier));
}

export interface SignUpDeps {
  readonly db: Kysely<Database>;
  readonly config: Config;
  readonly mail: MailService;
}

/** Account creation and the verification e-mail are the accounts service's (MConnect's first login creates accounts too). */
export { createAccountFromSignUp as createAccount, type SignUpCreation as CreateOutcome } from './accounts.service.ts';

export type VerifyOutcome =
  | { readonly ok: true; readonly accountId: string }
  | { readonly ok: false; readonly reason: Extract<TokenCheck, { ok: false }>['reason'] };

export type VerificationLinkCheck =
  | { readonly ok: true; readonly email: string }
  | { readonly ok: false; readonly reason: Extract<TokenCheck, { ok: false }>['reason'] };

/** Whether a verification link may show its button, and the address it verifies; uses nothing. */
export async function checkVerificationLink(
  db: Kysely<Database>,
  token: string,
  now: Date = new Date(),
): Promise<VerificationLinkCheck> {
  const check = await checkToken(db, 'email_verification', token, now);
  if (!check.ok) return { ok: false, reason: check.reason };
  const account = await accounts.findForEmailVerification(db, check.accountId);
  if (!account || account.closed_at !== null) return { ok: false, reason: 'unknown' };
  return { ok: true, email: check.email ?? account.email };
}

/** Uses a verification link: the token is consumed and the e-mail marked verified together. */
export async function verifyEmail(
  db: Kysely<Database>,
  token: string,
  ip: string,
  now: Date = new Date(),
): Promise<VerifyOutcome> {
  return db.transaction().execute(async (trx) => {
    const check = await consumeToken(trx, 'email_verification', token, now);
    if (!check.ok) return { ok: false, reason: check.reason };
    const changed = await accounts.markEmailVerified(trx, check.accountId, check.email, now);
    if (changed) await recordAuditEvent(trx, { event: 'email.verified', accountId: check.accountId, ip });
    return { ok: true, accountId: check.accountId };
  });
}

/** Three verification e-mails an hour per account (the one sent at sign-up not counted). */
export const RESEND_POLICY: ThrottlePolicy = {
  freeFailures: 3,
  firstDelaySeconds: 3600,
  maxDelaySeconds: 3600,
  windowSeconds: 3600,
};

/**
 * Sends a new link to an account whose e-mail is not verified, unless it asked too often; says
 * nothing either way (the page answers the same).
 */
export async function resendVerification(deps: SignUpDeps, accountId: string, now: Date = new Date()): Promise<void> {
  const key = `verify-resend:${accountId}`;
  const throttle = await checkThrottle(deps.db, [key], now);
  if (!throttle.allowed) return;
  const account = await accounts.findForEmailVerification(deps.db, accountId);
  if (!account || account.closed_at !== null || account.email_verified_at !== null) return;
  await recordFailure(deps.db, [key], RESEND_POLICY, now);
  await deps.db.transaction().execute(async (trx) => {
    await sendVerification(
      trx,
      deps,
      {
        id: account.id,
        email: account.email,
        identifier: account.identifier,
        firstName: account.first_name,
        language: account.language,
      },
      now,
    );
  });
}
