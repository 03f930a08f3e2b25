/**
 * What the establishments send: the roll (pupils and their guardians for a school year), the
 * meals eaten, and the tariff. Every import is checked whole first; one bad line refuses the file
 * and nothing of it is written.
 */
import { randomInt } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { looksLikeFormula, parseCsv, toCsv, type CsvRow } from '../../lib/csv.ts';
import * as repository from './billing.repository.ts';
import { isWeekend, parseDate, todayInMonaco } from './calendar.ts';
import { CanteenInputError, type InputProblem } from './canteen.types.ts';
import { requireEstablishment } from './invoicing.service.ts';
import { parseEuros, type Cents } from '../../lib/money.ts';

export const ROLL_HEADER = [
  'pupil_ref',
  'last_name',
  'first_name',
  'birth_date',
  'class',
  'guardian1_email',
  'guardian1_role',
  'guardian2_email',
  'guardian2_role',
] as const;

export const MEALS_HEADER = ['pupil_ref', 'date', 'quantity'] as const;

/** Meals a pupil may eat in a day; more is a mistake in the file. */
export const MAX_MEALS_PER_DAY = 3;

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;
const PUPIL_REF = /^[A-Za-z0-9._-]{1,40}$/;
const YEAR = /^(\d{4})-(\d{4})$/;

function parseOrRefuse(bytes: Uint8Array, header: readonly string[]): CsvRow[] {
  const parsed = parseCsv(bytes, header);
  if (!parsed.ok) {
    throw new CanteenInputError([
      parsed.line === undefined
        ? { field: 'fichier', message: parsed.message }
        : { line: parsed.line, field: 'fichier', message: parsed.message },
    ]);
  }
  if (parsed.rows.length === 0)
    throw new CanteenInputError([{ line: 2, field: 'fichier', message: 'aucune ligne après l’en-tête' }]);
  return parsed.rows;
}

/** A school year `2026-2027` runs from 1 September to 30 June. */
export function schoolYearDates(id: string): { startsOn: string; endsOn: string } | undefined {
  const match = YEAR.exec(id);
  if (!match || Number(match[2]) !== Number(match[1]) + 1) return undefined;
  return { startsOn: `${match[1]}-09-01`, endsOn: `${match[2]}-06-30` };
}

interface RollGuardian {
  readonly position: 1 | 2;
  readonly email: string;
  readonly role: 'payer' | 'viewer';
  sharePercent: number;
}

interface RollPupil {
  readonly line: number;
  readonly pupilRef: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly birthDate: string;
  readonly className: string;
  readonly guardians: RollGuardian[];
}

function textField(row: CsvRow, index: number, field: string, problems: InputProblem[], required = true): string {
  const value = (row.cells[index] ?? '').trim();
  if (required && value === '') problems.push({ line: row.line, field, message: 'valeur manquante' });
  else if (looksLikeFormula(value)) {
    problems.push({
      line: row.line,
      field,
      message: `« ${value.slice(0, 40)} » ressemble à une formule de tableur : refusé`,
    });
  } else if (value.length > 100) problems.push({ line: row.line, field, message: 'plus de 100 caractères' });
  return value;
}

function readRoll(rows: readonly CsvRow[]): RollPupil[] {
  const problems: InputProblem[] = [];
  const pupils: RollPupil[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const before = problems.length;
    const pupilRef = textField(row, 0, 'pupil_ref', problems);
    if (pupilRef !== '' && !looksLikeFormula(pupilRef) && !PUPIL_REF.test(pupilRef)) {
      problems.push({
        line: row.line,
        field: 'pupil_ref',
        message: `« ${pupilRef} » : lettres, chiffres, . _ - seulement`,
      });
    }
    const first = seen.get(pupilRef.toLowerCase());
    if (pupilRef !== '' && first !== undefined) {
      problems.push({ line: row.line, field: 'pupil_ref', message: `« ${pupilRef} » figure déjà ligne ${first}` });
    }
    seen.set(pupilRef.toLowerCase(), first ?? row.line);
    const lastName = textField(row, 1, 'last_name', problems);
    const firstName = textField(row, 2, 'first_name', problems);
    const birthText = (row.cells[3] ?? '').trim();
    const birthDate = parseDate(birthText);
    if (!birthDate) {
      problems.push({
        line: row.line,
        field: 'birth_date',
        message: `« ${birthText} » n’est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)`,
      });
    }
    const className = textField(row, 4, 'class', problems);
    const guardians: RollGuardian[] = [];
    for (const position of [1, 2] as const) {
      const emailField = `guardian${position}_email`;
      const roleField = `guardian${position}_role`;
      const email = (row.cells[3 + position * 2] ?? '').trim();
      const role = (row.cells[4 + position * 2] ?? '').trim().toLowerCase();
      if (position === 2 && email === '' && role === '') continue;
      if (email === '') problems.push({ line: row.line, field: emailField, message: 'adresse e-mail manquante' });
      else if (!EMAIL.test(email) || email.length > 254) {
        problems.push({
          line: row.line,
          field: emailField,
          message: `« ${email.slice(0, 60)} » n’est pas une adresse e-mail`,
        });
      }
      if (role !== 'payer' && role !== 'viewer') {
        problems.push({ line: row.line, field: roleField, message: `rôle « ${role} » inconnu : payer ou viewer` });
        continue;
      }
      guardians.push({ position, email, role, sharePercent: 0 });
    }
    const [g1, g2] = guardians;
    if (g1 && g2 && g1.email.toLowerCase() === g2.email.toLowerCase()) {
      problems.push({ line: row.line, field: 'guardian2_email', message: 'la même adresse que guardian1_email' });
    }
    const payers = guardians.filter((g) => g.role === 'payer');
    if (guardians.length > 0 && payers.length === 0 && problems.length === before) {
      problems.push({
        line: row.line,
        field: 'guardian1_role',
        message: 'aucun responsable payeur (payer) pour cet élève',
      });
    }
    // One payer pays everything; two share half and half.
    for (const payer of payers) payer.sharePercent = payers.length === 2 ? 50 : 100;
    if (problems.length === before && birthDate) {
      pupils.push({ line: row.line, pupilRef, lastName, firstName, birthDate, className, guardians });
    }
  }
  if (problems.length > 0) throw new CanteenInputError(problems);
  return pupils;
}

/** Letters and digits that cannot be mistaken for one another (as dossier references). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newLinkCode(): string {
  return Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

export interface RollImportOutcome {
  readonly dryRun: boolean;
  readonly added: readonly string[];
  readonly updated: readonly string[];
  readonly unchanged: number;
  /** Pupils no longer on the roll, marked as having left (never deleted). */
  readonly left: readonly string[];
}

/**
 * Imports an establishment's roll for a school year: pupils matched by `pupil_ref` are updated
 * (never duplicated), new ones added with a link code, those missing marked as having left today;
 * guardians follow the roll, keeping the account a parent already linked. `dryRun` reports the
 * same changes and writes nothing.
 */
export async function importRoll(
  db: Kysely<Database>,
  input: { establishmentSlug: string; year: string; file: Uint8Array; dryRun?: boolean; now?: Date },
): Promise<RollImportOutcome> {
  const dates = schoolYearDates(input.year);
  if (!dates) {
    throw new CanteenInputError([
      { field: '--year', message: `« ${input.year} » n’est pas une année scolaire AAAA-AAAA (ex. 2026-2027)` },
    ]);
  }
  const establishment = await requireEstablishment(db, input.establishmentSlug);
  const pupils = readRoll(parseOrRefuse(input.file, ROLL_HEADER));
  const today = todayInMonaco(input.now);
  const dryRun = input.dryRun ?? false;

  const run = async (trx: Transaction<Database>): Promise<RollImportOutcome> => {
    await repository.ensureSchoolYear(trx, { id: input.year, ...dates });
    const existing = new Map(
      (await repository.lockPupilsOfEstablishment(trx, establishment.id)).map((p) => [p.pupil_ref.toLowerCase(), p]),
    );
    const added: string[] = [];
    const updated: string[] = [];
    let unchanged = 0;
    for (const pupil of pupils) {
      const values = {
        establishment_id: establishment.id,
        pupil_ref: pupil.pupilRef,
        school_year_id: input.year,
        last_name: pupil.lastName,
        first_name: pupil.firstName,
        birth_date: pupil.birthDate,
        class_name: pupil.className,
      };
      const current = existing.get(pupil.pupilRef.toLowerCase());
      existing.delete(pupil.pupilRef.toLowerCase());
      let pupilId: string;
      let oldGuardians: Awaited<ReturnType<typeof repository.lockGuardians>> = [];
      if (!current) {
        let code = newLinkCode();
        while (await repository.linkCodeTaken(trx, code)) code = newLinkCode();
        pupilId = (await repository.insertPupil(trx, { ...values, link_code: code })).id;
        added.push(pupil.pupilRef);
      } else {
        pupilId = current.id;
        oldGuardians = await repository.lockGuardians(trx, pupilId);
        const sameGuardians =
          oldGuardians.length === pupil.guardians.length &&
          pupil.guardians.every((g) =>
            oldGuardians.some(
              (o) =>
                o.position === g.position &&
                o.email_key === g.email.toLowerCase() &&
                o.role === g.role &&
                o.share_percent === g.sharePercent,
            ),
          );
        const changed =
          !sameGuardians ||
          current.left_on !== null ||
          current.school_year_id !== values.school_year_id ||
          current.last_name !== values.last_name ||
          current.first_name !== values.first_name ||
          current.birth_date !== values.birth_date ||
          current.class_name !== values.class_name ||
          current.pupil_ref !== values.pupil_ref;
        if (changed) {
          await repository.updatePupil(trx, pupilId, values);
          updated.push(pupil.pupilRef);
        } else unchanged += 1;
        if (sameGuardians) continue;
      }
      await repository.deleteGuardians(
        trx,
        oldGuardians.map((g) => g.id),
      );
      for (const guardian of pupil.guardians) {
        const previous = oldGuardians.find((o) => o.email_key === guardian.email.toLowerCase());
        await repository.upsertGuardian(trx, {
          pupil_id: pupilId,
          position: guardian.position,
          email: guardian.email,
          role: guardian.role,
          share_percent: guardian.sharePercent,
          account_id: previous?.account_id ?? null,
          linked_at: previous?.linked_at ?? null,
        });
      }
    }
    const leaving = [...existing.values()].filter((p) => p.left_on === null);
    await repository.markLeft(
      trx,
      leaving.map((p) => p.id),
      today,
    );
    return { dryRun, added, updated, unchanged, left: leaving.map((p) => p.pupil_ref) };
  };

  if (!dryRun) return db.transaction().execute(run);
  // A dry run does the same work in a transaction that is always rolled back.
  let outcome: RollImportOutcome | undefined;
  await db
    .transaction()
    .execute(async (trx) => {
      outcome = await run(trx);
      throw new DryRunRollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof DryRunRollback)) throw error;
    });
  if (!outcome) throw new Error('The dry run produced no outcome');
  return outcome;
}

class DryRunRollback extends Error {}

export interface MealsImportOutcome {
  readonly rows: number;
  readonly meals: number;
  readonly pupils: number;
  readonly firstDate: string;
  readonly lastDate: string;
}

/**
 * Imports the meals eaten (`pupil_ref;date;quantity`, one row per pupil and day). A day already
 * recorded for a pupil takes the file's quantity. Refused whole on any bad line: an unknown
 * pupil, a date that is not one, a weekend, a day outside the pupil's school year or after they
 * left, a quantity that is not 1 to 3, the same pupil and day twice.
 */
export async function importMeals(
  db: Kysely<Database>,
  input: { establishmentSlug: string; file: Uint8Array },
): Promise<MealsImportOutcome> {
  const establishment = await requireEstablishment(db, input.establishmentSlug);
  const rows = parseOrRefuse(input.file, MEALS_HEADER);
  const pupils = new Map(
    (await repository.listPupilsOfEstablishment(db, establishment.id)).map((p) => [p.pupil_ref.toLowerCase(), p]),
  );
  const problems: InputProblem[] = [];
  const seen = new Map<string, number>();
  const meals: { pupil_id: string; eaten_on: string; quantity: number }[] = [];
  let total = 0;
  let firstDate = '9999-12-31';
  let lastDate = '0000-01-01';
  for (const row of rows) {
    const ref = (row.cells[0] ?? '').trim();
    const dateText = (row.cells[1] ?? '').trim();
    const quantityText = (row.cells[2] ?? '').trim();
    const pupil = pupils.get(ref.toLowerCase());
    const before = problems.length;
    if (!pupil) {
      problems.push({
        line: row.line,
        field: 'pupil_ref',
        message: `élève « ${ref.slice(0, 40)} » inconnu de ${establishment.slug}`,
      });
    }
    const date = parseDate(dateText);
    if (!date) {
      problems.push({
        line: row.line,
        field: 'date',
        message: `« ${dateText.slice(0, 40)} » n’est pas une date (AAAA-MM-JJ ou JJ/MM/AAAA)`,
      });
    } else if (isWeekend(date)) {
      problems.push({ line: row.line, field: 'date', message: `le ${date} est un samedi ou un dimanche` });
    } else if (pupil && (date < pupil.starts_on || date > pupil.ends_on)) {
      problems.push({
        line: row.line,
        field: 'date',
        message: `le ${date} est hors de l’année scolaire (${pupil.starts_on} – ${pupil.ends_on})`,
      });
    } else if (pupil?.left_on && date >= pupil.left_on) {
      problems.push({ line: row.line, field: 'date', message: `l’élève a quitté l’établissement le ${pupil.left_on}` });
    }
    const quantity = /^\d{1,4}$/.test(quantityText) ? Number(quantityText) : Number.NaN;
    if (!(quantity >= 1 && quantity <= MAX_MEALS_PER_DAY)) {
      problems.push({
        line: row.line,
        field: 'quantity',
        message: `« ${quantityText.slice(0, 20)} » : un nombre entier de repas de 1 à ${MAX_MEALS_PER_DAY}`,
      });
    }
    if (pupil && date) {
      const key = `${pupil.id}|${date}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push({ line: row.line, field: 'date', message: `même élève et même jour que la ligne ${first}` });
      } else seen.set(key, row.line);
    }
    if (problems.length === before && pupil && date) {
      meals.push({ pupil_id: pupil.id, eaten_on: date, quantity });
      total += quantity;
      if (date < firstDate) firstDate = date;
      if (date > lastDate) lastDate = date;
    }
  }
  if (problems.length > 0) throw new CanteenInputError(problems);
  await db.transaction().execute((trx) => repository.upsertMeals(trx, meals));
  return {
    rows: meals.length,
    meals: total,
    pupils: new Set(meals.map((m) => m.pupil_id)).size,
    firstDate,
    lastDate,
  };
}

export interface TariffOutcome {
  readonly from: string;
  readonly unitPriceCents: Cents;
  /** The price this tariff replaced for the same first day, if any. */
  readonly replacedCents: Cents | undefined;
}

/**
 * Sets an establishment's price per meal (VAT included) from a date; until the next tariff's date.
 * Issued bills keep the prices they were issued with.
 */
export async function setTariff(
  db: Kysely<Database>,
  input: { establishmentSlug: string; from: string; price: string },
): Promise<TariffOutcome> {
  const establishment = await requireEstablishment(db, input.establishmentSlug);
  const problems: InputProblem[] = [];
  const from = parseDate(input.from);
  if (!from) problems.push({ field: '--from', message: `« ${input.from} » n’est pas une date (AAAA-MM-JJ)` });
  const price = parseEuros(input.price);
  if (price === undefined || price > 100_000) {
    problems.push({ field: '--price', message: `« ${input.price} » : un prix en euros, ex. 5.57 (au plus 1000)` });
  }
  if (problems.length > 0 || !from || price === undefined) throw new CanteenInputError(problems);
  return db.transaction().execute(async (trx) => {
    const previous = (await repository.tariffsOf(trx, establishment.id)).find((t) => t.valid_from === from);
    await repository.upsertTariff(trx, {
      establishment_id: establishment.id,
      valid_from: from,
      unit_price_cents: price,
    });
    return {
      from,
      unitPriceCents: price,
      replacedCents: previous ? (previous.unit_price_cents as Cents) : undefined,
    };
  });
}

export const CODES_HEADER = ['pupil_ref', 'last_name', 'first_name', 'class', 'school_year', 'link_code'] as const;

/** `ABCD2345` → `ABCD-2345`: how a letter prints the code (typed either way: normalizeLinkCode). */
export function printedLinkCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

/**
 * The link codes of the pupils still on an establishment's roll, as a CSV (`;`, every cell safe
 * for a spreadsheet), for the letter the school gives each family: with the code and the child's
 * birth date, a parent links the child in "Mes enfants".
 */
export async function pupilCodesCsv(
  db: Kysely<Database>,
  input: { establishmentSlug: string },
): Promise<{ readonly csv: string; readonly pupils: number }> {
  const establishment = await requireEstablishment(db, input.establishmentSlug);
  const rows = await repository.pupilCodesOfEstablishment(db, establishment.id);
  const csv = toCsv(
    CODES_HEADER,
    rows.map((r) => [
      r.pupil_ref,
      r.last_name,
      r.first_name,
      r.class_name,
      r.school_year_id,
      printedLinkCode(r.link_code),
    ]),
  );
  return { csv, pupils: rows.length };
}
