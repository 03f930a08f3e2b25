/**
 * Monthly invoicing: drafts from the meals eaten (regenerated at will, never touching a published
 * bill), then publication: a gap-free number per creditor and year, an RF payment reference, the
 * dates, a dossier in "Mes démarches" for a payer with an account, and the "bill available" e-mail,
 * all in one transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import { paths } from '../../paths.ts';
import { openAccountLanguageForEmail } from '../accounts/accounts.service.ts';
import { openDossier } from '../dossiers/dossiers.service.ts';
import { billAvailable, composeMail, type MailService } from '../notifications/mail.service.ts';
import * as repository from './billing.repository.ts';
import { computeMonthlyInvoices } from './billing.ts';
import { addDays, isMonth, monthBounds, todayInMonaco } from './calendar.ts';
import { CanteenInputError, canteenProcedureSlug, type Bill } from './canteen.types.ts';
import { formatMonth } from '../../lib/dates.ts';
import { cents, creditorReference } from '../../lib/money.ts';

/** Days after issue: last day to pay online, and last day to pay at all (at the counter). */
export const ONLINE_PAYMENT_DAYS = 20;
export const DUE_DAYS = 30;

export interface InvoicingDeps {
  readonly mail: Pick<MailService, 'enqueue'>;
  /** The portal's public URL, for the links in e-mails. */
  readonly publicUrl: string;
}

type Establishment = NonNullable<Awaited<ReturnType<typeof repository.findEstablishmentBySlug>>>;

export async function requireEstablishment(db: Kysely<Database>, slug: string): Promise<Establishment> {
  const establishment = await repository.findEstablishmentBySlug(db, slug);
  if (!establishment) {
    throw new CanteenInputError([
      {
        field: '--establishment',
        message: `aucun établissement n’a le code « ${slug} » (voir « monguichet establishments list »)`,
      },
    ]);
  }
  return establishment;
}

function requireMonth(month: string): void {
  if (!isMonth(month))
    throw new CanteenInputError([{ field: '--month', message: `« ${month} » n’est pas un mois AAAA-MM` }]);
}

export interface GenerateOutcome {
  readonly drafts: number;
  readonly replacedDrafts: number;
  /** Payers whose bill of the month is already published: left as it is. */
  readonly alreadyPublished: number;
  readonly totalCents: number;
}

/**
 * (Re)builds the drafts of a month for an establishment: one per payer. Drafts are replaced;
 * a payer whose bill is already published gets no new draft. Refuses, writing nothing, when a
 * day eaten has no tariff or a pupil has no payer.
 */
export async function generateDrafts(
  db: Kysely<Database>,
  input: { establishmentSlug: string; month: string },
): Promise<GenerateOutcome> {
  requireMonth(input.month);
  const establishment = await requireEstablishment(db, input.establishmentSlug);
  const { first, last } = monthBounds(input.month);
  return db.transaction().execute(async (trx) => {
    const existing = await repository.lockInvoicesOfMonth(trx, establishment.id, input.month);
    const published = new Set(existing.filter((i) => i.status !== 'draft').map((i) => i.payer_email_key));
    const drafts = existing.filter((i) => i.status === 'draft').map((i) => i.id);

    const meals = await repository.mealsOfEstablishmentMonth(trx, establishment.id, first, last);
    const pupilIds = [...new Set(meals.map((m) => m.pupil_id))];
    const [pupilRows, guardianRows, tariffRows] = await Promise.all([
      repository.pupilsByIds(trx, pupilIds),
      repository.guardiansOfPupils(trx, pupilIds),
      repository.tariffsOf(trx, establishment.id),
    ]);
    const result = computeMonthlyInvoices({
      pupils: pupilRows.map((p) => ({
        id: p.id,
        name: `${p.first_name} ${p.last_name}`,
        guardians: guardianRows
          .filter((g) => g.pupil_id === p.id)
          .map((g) => ({ email: g.email, role: g.role, sharePercent: g.share_percent })),
      })),
      meals: meals.map((m) => ({ pupilId: m.pupil_id, date: m.eaten_on, quantity: m.quantity })),
      tariffs: tariffRows.map((t) => ({ validFrom: t.valid_from, unitPriceCents: cents(t.unit_price_cents) })),
      vatRateBasisPoints: establishment.vat_rate_basis_points,
    });
    if (!result.ok) {
      throw new CanteenInputError([
        ...result.daysWithoutTariff.map((day) => ({
          field: 'tarif',
          message: `aucun tarif ne couvre le ${day} (« monguichet tariff set --establishment ${establishment.slug} --from … »)`,
        })),
        ...result.pupilsWithoutPayer.map((name) => ({
          field: 'payeur',
          message: `${name} n’a aucun responsable payeur dans la liste`,
        })),
      ]);
    }

    await repository.deleteDrafts(trx, drafts);
    let created = 0;
    let alreadyPublished = 0;
    let total = 0;
    for (const invoice of result.invoices) {
      if (published.has(invoice.payerEmail.toLowerCase())) {
        alreadyPublished += 1;
        continue;
      }
      await repository.insertDraft(
        trx,
        {
          creditor_id: establishment.creditor_id,
          establishment_id: establishment.id,
          month: input.month,
          payer_email: invoice.payerEmail,
          total_cents: invoice.totalCents,
          net_cents: invoice.netCents,
          vat_cents: invoice.vatCents,
          vat_rate_basis_points: establishment.vat_rate_basis_points,
        },
        invoice.lines.map((line) => ({
          pupil_id: line.pupilId,
          pupil_name: line.pupilName,
          period_start: line.periodStart,
          period_end: line.periodEnd,
          quantity: line.quantity,
          unit_price_cents: line.unitPriceCents,
          share_percent: line.sharePercent,
          total_cents: line.totalCents,
        })),
      );
      created += 1;
      total += invoice.totalCents;
    }
    return { drafts: created, replacedDrafts: drafts.length, alreadyPublished, totalCents: total };
  });
}

export interface PublishedInvoice {
  readonly number: string;
  readonly payerEmail: string;
  readonly totalCents: number;
  readonly paymentReference: string;
  /**
   * Whether the payer's account is linked (its dossier in "Mes démarches" is opened with the
   * bill), uses the address without being linked, or does not exist.
   */
  readonly account: 'linked' | 'unlinked' | 'none';
}

export interface PublishOutcome {
  readonly published: readonly PublishedInvoice[];
  /** Bills of the month published before this run (left as they were). */
  readonly alreadyPublished: number;
}

/** Opens a bill's dossier in "Mes démarches", titled with its number, month and establishment. */
function openBillDossier(
  trx: Transaction<Database>,
  accountId: string,
  bill: { number: string; month: string; slug: string; name: string },
  status: 'en_cours' | 'terminee' = 'en_cours',
) {
  return openDossier(trx, {
    accountId,
    procedureSlug: canteenProcedureSlug(bill.slug),
    title: {
      fr: `Facture de cantine ${bill.number} — ${formatMonth(bill.month, 'fr')}, ${bill.name}`,
      en: `Canteen bill ${bill.number} — ${formatMonth(bill.month, 'en')}, ${bill.name}`,
    },
    status,
  });
}

/** `RSP-2026-000042`: the creditor's prefix, the year of issue, the number in that year. */
export function invoiceNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(6, '0')}`;
}

/**
 * Publishes every draft of the month. Two publications at once are serialized by the row locks
 * (the drafts, then the creditor's counter of the year), so numbers stay gap-free and each draft
 * is published once.
 */
export async function publishMonth(
  db: Kysely<Database>,
  deps: InvoicingDeps,
  input: { establishmentSlug: string; month: string; now?: Date },
): Promise<PublishOutcome> {
  requireMonth(input.month);
  const establishment = await requireEstablishment(db, input.establishmentSlug);
  const issuedOn = todayInMonaco(input.now);
  const year = Number(issuedOn.slice(0, 4));
  return db.transaction().execute(async (trx) => {
    const drafts = await repository.lockDrafts(trx, establishment.id, input.month);
    const published: PublishedInvoice[] = [];
    for (const draft of drafts) {
      published.push(await publishOne(trx, deps, establishment, input.month, draft, issuedOn, year));
    }
    const all = await repository.lockInvoicesOfMonth(trx, establishment.id, input.month);
    return { published, alreadyPublished: all.length - published.length };
  });
}

async function publishOne(
  trx: Transaction<Database>,
  deps: InvoicingDeps,
  establishment: Establishment,
  month: string,
  draft: Awaited<ReturnType<typeof repository.lockDrafts>>[number],
  issuedOn: string,
  year: number,
): Promise<PublishedInvoice> {
  const sequence = await repository.nextInvoiceSequence(trx, draft.creditor_id, year);
  const number = invoiceNumber(establishment.invoice_prefix, year, sequence);
  const paymentReference = creditorReference(
    `${establishment.invoice_prefix}${year}${String(sequence).padStart(6, '0')}`,
  );
  const onlineDeadline = addDays(issuedOn, ONLINE_PAYMENT_DAYS);
  const account = await repository.payerAccount(trx, establishment.id, draft.payer_email_key);
  const dossier = account
    ? await openBillDossier(trx, account.id, { number, month, slug: establishment.slug, name: establishment.name })
    : undefined;
  await repository.publishInvoice(trx, draft.id, {
    year,
    sequence,
    number,
    payment_reference: paymentReference,
    issued_on: issuedOn,
    online_deadline: onlineDeadline,
    due_date: addDays(issuedOn, DUE_DAYS),
    dossier_id: dossier?.id ?? null,
  });
  // A payer whose account is not linked yet (or who has none) is told how to get there.
  const unlinkedLanguage = account ? undefined : await openAccountLanguageForEmail(trx, draft.payer_email);
  const payer = account ? 'linked' : unlinkedLanguage ? 'unlinked' : 'none';
  await deps.mail.enqueue(
    trx,
    composeMail(draft.payer_email, account?.language ?? unlinkedLanguage ?? 'fr', billAvailable, {
      payerEmail: draft.payer_email,
      establishmentName: establishment.name,
      creditorName: establishment.creditor_name,
      month,
      number,
      totalCents: draft.total_cents,
      onlineDeadline,
      account: payer,
      invoicesUrl: new URL(paths.canteen.invoices(), deps.publicUrl).toString(),
      childrenUrl: new URL(paths.canteen.children(), deps.publicUrl).toString(),
      signUpUrl: new URL(paths.accounts.signUp(), deps.publicUrl).toString(),
    }),
  );
  return {
    number,
    payerEmail: draft.payer_email,
    totalCents: draft.total_cents,
    paymentReference,
    account: payer,
  };
}

/**
 * Opens the dossier of every published bill that the account's payer links now cover and that has
 * none (a bill published before the parent linked their account): called in the linking's
 * transaction, so "Mes démarches" lists the bill as soon as the child is linked. Idempotent.
 */
export async function openDossiersOfLinkedBills(trx: Transaction<Database>, accountId: string): Promise<void> {
  const bills = await repository.lockBillsWithoutDossier(trx, accountId);
  for (const bill of bills) {
    const dossier = await openBillDossier(
      trx,
      accountId,
      { number: bill.number ?? '', month: bill.month, slug: bill.establishment_slug, name: bill.establishment_name },
      bill.status === 'paid' ? 'terminee' : 'en_cours',
    );
    await repository.setInvoiceDossier(trx, bill.id, dossier.id);
  }
}

/** Every invoice (drafts included) of an establishment's month, with lines: for operators. */
export async function invoicesOfMonth(db: Kysely<Database>, establishmentSlug: string, month: string): Promise<Bill[]> {
  requireMonth(month);
  const establishment = await requireEstablishment(db, establishmentSlug);
  const bills = await repository.withLines(db, await repository.invoicesOfMonth(db, establishment.id, month));
  return bills.map(({ bill }) => bill);
}
