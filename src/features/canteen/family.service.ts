/**
 * What a parent's pages ask of the canteen: link a child (by the roll's e-mail, verified, or by the
 * pupil code and birth date the establishment gave), list the linked children, their meals of a
 * month. The bills a parent reads are parent.service.ts's (`billsForAccount`, payer links only).
 * Never by a name typed by the user.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { loadProfile } from '../accounts/profile.service.ts';
import * as repository from './billing.repository.ts';
import { isMonth, monthBounds, parseDate } from './calendar.ts';
import { openDossiersOfLinkedBills } from './invoicing.service.ts';
import type { LinkedChild } from './canteen.types.ts';

export type LinkByEmailOutcome =
  | { readonly kind: 'linked'; readonly pupils: number }
  | { readonly kind: 'email_not_verified' }
  | { readonly kind: 'no_account' };

/**
 * Links the account to every guardian entry of a roll that names its e-mail, once that e-mail is
 * verified. Bills already issued to that e-mail then show in the parent's list, each with its
 * dossier in "Mes démarches".
 */
export async function linkByRollEmail(db: Kysely<Database>, accountId: string): Promise<LinkByEmailOutcome> {
  const profile = await loadProfile(db, accountId);
  if (!profile) return { kind: 'no_account' };
  if (!profile.emailVerifiedAt) return { kind: 'email_not_verified' };
  const rows = await db.transaction().execute(async (trx) => {
    const linked = await repository.linkGuardiansByEmail(trx, profile.email.toLowerCase(), accountId);
    await openDossiersOfLinkedBills(trx, accountId);
    return linked;
  });
  return { kind: 'linked', pupils: new Set(rows.map((r) => r.pupil_id)).size };
}

export type LinkByCodeOutcome =
  | { readonly kind: 'linked'; readonly pupilId: string; readonly role: 'payer' | 'viewer' }
  | { readonly kind: 'already_linked'; readonly pupilId: string }
  /** The same answer for an unknown code and a wrong birth date. */
  | { readonly kind: 'not_found' }
  | { readonly kind: 'no_free_guardian' }
  /** Two payer entries free and neither names the account's e-mail: the code cannot tell which parent this is. */
  | { readonly kind: 'ambiguous' };

/** `ab-cd 2345` → `ABCD2345`. */
export function normalizeLinkCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/**
 * Links a pupil by the code the establishment issued and the pupil's birth date: the account takes
 * the guardian entry of the roll with its e-mail, or else the only entry no account holds yet, or
 * else a free viewer entry (two free payers and no e-mail to tell them apart: `ambiguous`).
 * The caller throttles attempts (a route with the accounts' throttle).
 */
export async function linkByPupilCode(
  db: Kysely<Database>,
  accountId: string,
  input: { code: string; birthDate: string },
): Promise<LinkByCodeOutcome> {
  const birthDate = parseDate(input.birthDate);
  const pupil = await repository.findPupilByLinkCode(db, normalizeLinkCode(input.code));
  if (!pupil || !birthDate || pupil.birth_date !== birthDate) return { kind: 'not_found' };
  const profile = await loadProfile(db, accountId);
  if (!profile) return { kind: 'not_found' };
  return db.transaction().execute(async (trx) => {
    const guardians = await repository.lockGuardians(trx, pupil.id);
    if (guardians.some((g) => g.account_id === accountId)) return { kind: 'already_linked', pupilId: pupil.id };
    const free = guardians.filter((g) => g.account_id === null).sort((a, b) => a.position - b.position);
    // The roll's e-mail says which guardian this is; without it, a code opens the least it can: the
    // only entry left, else a viewer's, never one of two payers' (each sees only their own bills).
    const chosen =
      free.find((g) => g.email_key === profile.email.toLowerCase()) ??
      (free.length === 1 ? free[0] : free.find((g) => g.role === 'viewer'));
    if (!chosen) return free.length === 0 ? { kind: 'no_free_guardian' } : { kind: 'ambiguous' };
    await repository.linkGuardian(trx, chosen.id, accountId);
    if (chosen.role === 'payer') await openDossiersOfLinkedBills(trx, accountId);
    return { kind: 'linked', pupilId: pupil.id, role: chosen.role };
  });
}

export async function childrenOfAccount(db: Kysely<Database>, accountId: string): Promise<LinkedChild[]> {
  return (await repository.childrenOfAccount(db, accountId)).map(linkedChild);
}

/** A row of childrenOfAccount's query (or of the same query nested as JSON) as a linked child. */
export function linkedChild(r: Awaited<ReturnType<typeof repository.childrenOfAccount>>[number]): LinkedChild {
  return {
    pupilId: r.id,
    firstName: r.first_name,
    lastName: r.last_name,
    birthDate: r.birth_date,
    className: r.class_name,
    schoolYear: r.school_year_id,
    leftOn: r.left_on,
    establishmentSlug: r.establishment_slug,
    establishmentName: r.establishment_name,
    role: r.role,
    sharePercent: r.share_percent,
  };
}

export interface MealDay {
  readonly date: string;
  readonly quantity: number;
}

/** The meals a linked child ate in `YYYY-MM`; undefined when the child is not linked to the account. */
export async function mealsOfChild(
  db: Kysely<Database>,
  accountId: string,
  pupilId: string,
  month: string,
): Promise<MealDay[] | undefined> {
  if (!isMonth(month)) return undefined;
  const children = await repository.childrenOfAccount(db, accountId);
  if (!children.some((c) => c.id === pupilId)) return undefined;
  const { first, last } = monthBounds(month);
  const rows = await repository.mealsOfPupilMonth(db, pupilId, first, last);
  return rows.map((r) => ({ date: r.eaten_on, quantity: r.quantity }));
}
