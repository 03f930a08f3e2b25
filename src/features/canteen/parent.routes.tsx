/**
 * The parent's canteen pages, for signed-in users only: "Mes enfants" (link by the roll's e-mail
 * or by pupil code, a child's page) and "Mes factures" (the list, a bill, its PDF). Every handler
 * reads through the signed-in account: another family's child or bill is "not found" (404).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { NotFoundError } from '../../errors.ts';
import { messagesFor } from '../../i18n/index.ts';
import { formText, queryParam } from '../../lib/text.ts';
import { paths } from '../../paths.ts';
import { requireSession, sessionOf } from '../../plugins/auth.ts';
import { accountRowsOf } from '../../plugins/session.ts';
import type { FieldErrors } from '../../ui/forms.tsx';
import { findEstablishmentBySlug } from './billing.repository.ts';
import { renderInvoicePdf } from './invoice-pdf.ts';
import { linkByRollEmail } from './family.service.ts';
import {
  LINK_CODE_PATTERN,
  billForAccount,
  billSummariesFromRows,
  childPage,
  familyFromRows,
  familyOfAccount,
  childrenOfAccount,
  hasChildAt,
  isUuid,
  linkChildByCode,
  linkCodeLock,
  myBillSummariesRows,
  myFamilyRows,
  readBirthDate,
  type Family,
} from './parent.service.ts';
import { normalizeLinkCode } from './family.service.ts';
import { BillPage } from './views/bill.page.tsx';
import { ChildPage } from './views/child.page.tsx';
import { MyBillsPage } from './views/my-bills.page.tsx';
import { MyPaymentsPage } from './views/my-payments.page.tsx';
import { MyChildrenPage, type CodeFormState, type EstablishmentNotice } from './views/my-children.page.tsx';
import { PayPage } from './views/pay.page.tsx';
import type { PaymentsService } from '../payments/payments.service.ts';
import { basketFromRows, basketOf, myBasketRows, payBills, receiptOf } from './payment.service.ts';
import { renderReceiptPdf } from './receipt-pdf.ts';
import {
  FIRST_CERTIFICATE_YEAR,
  certificateYears,
  payerChild,
  paymentCertificate,
  readCertificateYear,
  yearInMonaco,
} from './certificate.service.ts';
import { certificateFilename, renderCertificatePdf } from './certificate-pdf.ts';
import { CertificateYearPage } from './views/certificate-year.page.tsx';

const POST_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };
/** Longest code or date kept from a form; anything longer is refused as it stands. */
const MAX_FIELD = 40;

interface CodeBody {
  code?: unknown;
  birthDate?: unknown;
}

interface PayBody {
  facture?: unknown;
  cle?: unknown;
}

/**
 * A new form's idempotency key: unique, not secret (the basket is the account's own). A UUID comes
 * from Node's buffered entropy; `randomBytes` asked the system for each page.
 */
const newKey = () => randomUUID();

export async function parentRoutes(
  app: FastifyInstance,
  { db, payments }: { db: Kysely<Database>; payments: PaymentsService },
): Promise<void> {
  app.addHook('preHandler', requireSession);

  // "Payer": the basket of every bill the parent may pay now (the bills and their leases read with the session).
  app.get(paths.canteen.pay.pattern, { config: { accountRows: myBasketRows } }, async (request, reply) => {
    const session = sessionOf(request);
    const basket = basketFromRows(payments, session.accountId, accountRowsOf(request, myBasketRows));
    return reply.page(<PayPage basket={basket} csrfToken={session.csrfToken} idempotencyKey={newKey()} />);
  });

  app.post<{ Body: PayBody }>(paths.canteen.pay.pattern, { config: POST_LIMIT }, async (request, reply) => {
    const session = sessionOf(request);
    const t = messagesFor(request.lang).payments.basket;
    const body = request.body ?? {};
    const raw = Array.isArray(body.facture) ? body.facture : body.facture === undefined ? [] : [body.facture];
    const ids = raw.filter((v): v is string => typeof v === 'string' && isUuid(v)).slice(0, 100);
    const key = typeof body.cle === 'string' && /^[A-Za-z0-9_-]{8,100}$/.test(body.cle) ? body.cle : newKey();
    const answer = await payBills(db, payments, {
      accountId: session.accountId,
      invoiceIds: ids,
      idempotencyKey: key,
      lang: request.lang,
      email: session.email,
      returnPath: paths.canteen.pay(),
    });
    if (answer.kind === 'redirect')
      return reply.redirect(
        answer.redirect.kind === 'url' ? answer.redirect.url : paths.payments.basket(answer.basketId),
        303,
      );
    if (answer.kind === 'done') return reply.redirect(paths.canteen.invoices(), 303);
    const time = (date: Date) =>
      new Intl.DateTimeFormat(request.lang === 'fr' ? 'fr-MC' : 'en-GB', {
        timeZone: 'Europe/Monaco',
        hour: '2-digit',
        minute: '2-digit',
      }).format(date);
    const error =
      answer.kind === 'nothing_selected'
        ? t.nothingSelected
        : answer.kind === 'not_payable'
          ? t.notPayable
          : answer.kind === 'busy'
            ? t.busy(time(answer.until))
            : answer.kind === 'unknown'
              ? t.unknown
              : t.startFailed;
    const basket = await basketOf(db, payments, session.accountId);
    return reply.page(
      <PayPage
        basket={basket}
        csrfToken={session.csrfToken}
        // After "unknown", the same key again: a retry finds the same payment, never a second one.
        idempotencyKey={answer.kind === 'unknown' ? key : newKey()}
        error={error}
        selected={new Set(ids)}
      />,
      answer.kind === 'busy' ? 409 : answer.kind === 'unknown' ? 503 : 400,
    );
  });

  async function showChildren(
    reply: FastifyReply,
    accountId: string,
    options: { codeForm?: CodeFormState; notice?: string; establishmentSlug?: string; status?: number },
    family?: Family,
  ) {
    const session = sessionOf(reply.request);
    const { children, proposals } = family ?? (await familyOfAccount(db, { ...session, accountId }));
    let establishment: EstablishmentNotice | undefined;
    const slug = options.establishmentSlug;
    if (slug && !children.some((c) => c.establishmentSlug === slug)) {
      const found = await findEstablishmentBySlug(db, slug);
      if (found) {
        const proposed = proposals.kind === 'verified' && proposals.children.some((c) => c.establishmentSlug === slug);
        establishment = { name: found.name, proposed };
      }
    }
    return reply.page(
      <MyChildrenPage
        children={children}
        proposals={proposals}
        csrfToken={session.csrfToken}
        codeForm={options.codeForm ?? { values: { code: '', birthDate: '' }, errors: {} }}
        notice={options.notice}
        establishment={establishment}
      />,
      options.status ?? 200,
    );
  }

  // The children are read with the session, in one statement.
  app.get(paths.canteen.children.pattern, { config: { accountRows: myFamilyRows } }, async (request, reply) => {
    const t = messagesFor(request.lang).parent.children;
    const info = queryParam(request.query, 'info');
    const linked = /^linked-([1-9][0-9]?)$/.exec(info);
    const notice = linked
      ? Number(linked[1]) === 1
        ? t.linkedOne
        : t.linkedMany(Number(linked[1]))
      : info === 'already'
        ? t.alreadyLinked
        : undefined;
    const slug = queryParam(request.query, 'etablissement').slice(0, 100);
    const session = sessionOf(request);
    return showChildren(
      reply,
      session.accountId,
      { ...(notice ? { notice } : {}), ...(slug ? { establishmentSlug: slug } : {}) },
      familyFromRows(session, accountRowsOf(request, myFamilyRows)),
    );
  });

  // The children the roll lists under the account's verified e-mail: linked when the parent confirms.
  app.post(paths.canteen.linkChildrenByEmail.pattern, { config: POST_LIMIT }, async (request, reply) => {
    const outcome = await linkByRollEmail(db, sessionOf(request).accountId);
    if (outcome.kind === 'linked' && outcome.pupils > 0) {
      return reply.redirect(paths.canteen.children(undefined, `linked-${Math.min(outcome.pupils, 99)}`), 303);
    }
    return reply.redirect(paths.canteen.children(), 303);
  });

  app.post<{ Body: CodeBody }>(
    paths.canteen.linkChildByCode.pattern,
    { config: POST_LIMIT },
    async (request, reply) => {
      const session = sessionOf(request);
      const t = messagesFor(request.lang).parent.code;
      const body = request.body ?? {};
      const rawCode = formText(body.code, 1000);
      const rawBirth = formText(body.birthDate, 1000);
      const values = { code: rawCode.slice(0, MAX_FIELD), birthDate: rawBirth.slice(0, MAX_FIELD) };
      const again = (errors: FieldErrors, status = 400) =>
        showChildren(reply, session.accountId, { codeForm: { values, errors }, status });

      // A locked form says so before anything else, whatever was typed.
      const lock = await linkCodeLock(db, session.accountId);
      if (!lock.allowed) return again({ code: t.locked(Math.ceil(lock.retryAfterSeconds / 60)) }, 429);

      const errors: Record<string, string> = {};
      const code = normalizeLinkCode(rawCode);
      if (rawCode.trim() === '') errors['code'] = t.codeMissing;
      else if (rawCode.length > MAX_FIELD || !LINK_CODE_PATTERN.test(code)) errors['code'] = t.codeInvalid;
      const birthDate = rawBirth.length > MAX_FIELD ? undefined : readBirthDate(rawBirth);
      if (rawBirth.trim() === '') errors['birthDate'] = t.birthMissing;
      else if (!birthDate) errors['birthDate'] = t.birthInvalid;
      if (Object.keys(errors).length > 0 || !birthDate) return again(errors);

      const outcome = await linkChildByCode(db, session.accountId, { code, birthDate });
      switch (outcome.kind) {
        case 'linked':
          return reply.redirect(paths.canteen.children(undefined, 'linked-1'), 303);
        case 'already_linked':
          return reply.redirect(paths.canteen.children(undefined, 'already'), 303);
        case 'not_found':
          return again({ code: t.notFound });
        case 'no_free_guardian':
          return again({ code: t.noFreeGuardian });
        case 'ambiguous':
          return again({ code: t.ambiguous });
        case 'locked':
          return again({ code: t.locked(Math.ceil(outcome.retryAfterSeconds / 60)) }, 429);
      }
    },
  );

  app.get<{ Params: { id: string } }>(paths.canteen.child.pattern, async (request, reply) => {
    const month = queryParam(request.query, 'mois');
    const accountId = sessionOf(request).accountId;
    const data = await childPage(db, accountId, request.params.id, month === '' ? undefined : month);
    if (!data) throw new NotFoundError('No such child for this account');
    const years =
      data.child.role === 'payer'
        ? ((await certificateYears(db, payments, accountId)).get(data.child.pupilId) ?? [])
        : [];
    return reply.page(<ChildPage data={data} certificateYears={years} />);
  });

  // The bills are read with the session, in one statement.
  app.get(paths.canteen.invoices.pattern, { config: { accountRows: myBillSummariesRows } }, async (request, reply) => {
    const accountId = sessionOf(request).accountId;
    const slug = queryParam(request.query, 'etablissement').slice(0, 100);
    const establishment = slug ? await findEstablishmentBySlug(db, slug) : undefined;
    // From a procedure's "Commencer": no child linked there yet → link one first.
    if (establishment && !(await hasChildAt(db, accountId, establishment.slug))) {
      return reply.redirect(paths.canteen.children(establishment.slug), 303);
    }
    const bills = billSummariesFromRows(accountRowsOf(request, myBillSummariesRows), {
      establishmentSlug: establishment?.slug,
    });
    return reply.page(<MyBillsPage bills={bills} establishmentName={establishment?.name} />);
  });

  app.get(paths.canteen.payments.pattern, async (request, reply) => {
    const accountId = sessionOf(request).accountId;
    const [settled, years, children] = await Promise.all([
      payments.settledPayments(accountId),
      certificateYears(db, payments, accountId),
      childrenOfAccount(db, accountId),
    ]);
    const certificates = children.flatMap((child) => {
      const childYears = years.get(child.pupilId) ?? [];
      return childYears.length === 0
        ? []
        : [{ pupilId: child.pupilId, name: `${child.firstName} ${child.lastName}`, years: childYears }];
    });
    return reply.page(<MyPaymentsPage payments={settled} certificates={certificates} />);
  });

  app.get<{ Params: { id: string } }>(paths.canteen.invoice.pattern, async (request, reply) => {
    const bill = await billForAccount(db, sessionOf(request).accountId, request.params.id);
    // Another family's bill is "not found", exactly like a bill that does not exist.
    if (!bill) throw new NotFoundError('No such bill for this account');
    return reply.page(<BillPage bill={bill} />);
  });

  app.get<{ Params: { id: string } }>(
    paths.canteen.invoicePdf.pattern,
    { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const bill = await billForAccount(db, sessionOf(request).accountId, request.params.id);
      if (!bill) throw new NotFoundError('No such bill for this account');
      const body = await renderInvoicePdf({ bill, lang: request.lang });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="facture-${bill.number ?? bill.id}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );

  app.get<{ Params: { reference: string } }>(
    paths.canteen.receipt.pattern,
    { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const reference = request.params.reference;
      const receipt = /^[A-Z0-9-]{1,40}$/.test(reference)
        ? await receiptOf(db, payments, sessionOf(request).accountId, reference)
        : undefined;
      if (!receipt) throw new NotFoundError('No such payment for this account');
      const body = await renderReceiptPdf({ receipt, lang: request.lang });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="recu-${receipt.reference}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );
  // A child's annual payment certificate: a payer's only; any other child is "not found".
  app.get<{ Params: { id: string; year: string } }>(
    paths.canteen.certificate.pattern,
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const accountId = sessionOf(request).accountId;
      const { id, year: typed } = request.params;
      if (!(await payerChild(db, accountId, id))) throw new NotFoundError('No such child for this account');
      const year = readCertificateYear(typed);
      if (year === undefined)
        return reply.page(
          <CertificateYearPage pupilId={id} firstYear={FIRST_CERTIFICATE_YEAR} lastYear={yearInMonaco(new Date())} />,
          400,
        );
      const certificate = await paymentCertificate(db, payments, { accountId, pupilId: id, year });
      if (!certificate) throw new NotFoundError('No such child for this account');
      const body = await renderCertificatePdf({ certificate, lang: request.lang });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="${certificateFilename(certificate, request.lang)}"`)
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );
}
