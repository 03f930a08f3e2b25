/**
 * The annual payment certificate of one child, as a PDF: the child, their establishment(s), the
 * payer, each payment of the year (date in Monaco, `PAY-…` reference, the bills and months, the
 * child's part, a refund taken back), the total to the cent, the creditor(s) with their legal
 * details, the date of issue. Drawn like the bill and the receipt (pdf-document.ts); a long year
 * flows onto more pages, each numbered.
 */
import { formatDate } from '../../lib/dates.ts';
import { messagesFor } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/types.ts';
import { todayInMonaco } from './calendar.ts';
import type { PaymentCertificate } from './certificate.service.ts';
import { CONTENT_W, MARGIN, MUTED, PdfWriter } from './pdf-document.ts';
import { formatMonth, formatShortDate } from './views/format.ts';
import { formatMoney } from '../../lib/money.ts';

export interface CertificatePdfInput {
  readonly certificate: PaymentCertificate;
  readonly lang: Lang;
  /** Written into the document info; fixed by tests for reproducible output. */
  readonly creationDate?: Date;
}

const COLS = { date: MARGIN, reference: MARGIN + 75, bills: MARGIN + 185, amount: MARGIN + 395 };
const AMOUNT_W = CONTENT_W - 395;

export function renderCertificatePdf({ certificate: c, lang, creationDate }: CertificatePdfInput): Promise<Buffer> {
  const m = messagesFor(lang);
  const t = m.parent.certificate;
  const b = m.parent.bill;
  const childName = `${c.child.firstName} ${c.child.lastName}`;
  const payerName = c.payer.name ?? c.payer.email;
  const creditor = c.creditors[0] ?? { name: 'MonGuichet.mc', address: null, registration: null, vatNumber: null };
  const meta = {
    lang,
    title: t.pdfTitle(c.year),
    author: creditor.name,
    subject: t.subject(childName, c.year),
    creationDate,
  };
  return PdfWriter.render(meta, (w) => {
    const text = w.text.bind(w);
    w.header(creditor, b);
    w.y += text(t.pdfTitle(c.year), MARGIN, CONTENT_W, { bold: true, size: 16 }) + 12;

    w.row(t.child, childName, { bold: true });
    w.row(t.establishments, c.establishments.join(', '));
    w.row(t.payer, c.payer.name ? `${c.payer.name} (${c.payer.email})` : c.payer.email);
    w.row(t.year, t.yearValue(c.year));
    w.row(t.issuedOn, formatDate(c.issuedAt, lang));
    w.y += 8;
    w.y += text(t.intro(payerName, childName, c.year), MARGIN, CONTENT_W) + 14;

    w.y += text(t.paymentsHeading, MARGIN, CONTENT_W, { bold: true, size: 13 }) + 6;
    if (c.payments.length === 0) {
      w.y += text(t.none(childName, c.year), MARGIN, CONTENT_W) + 10;
    } else {
      text(t.date, COLS.date, 70, { bold: true });
      text(t.reference, COLS.reference, 105, { bold: true });
      text(t.bills, COLS.bills, 205, { bold: true });
      w.y += text(t.amount, COLS.amount, AMOUNT_W, { bold: true, align: 'right' }) + 3;
      w.rule();
      w.y += 5;
      for (const payment of c.payments) {
        w.ensure(40);
        const bills = payment.bills.map((bill) => t.bill(bill.number, formatMonth(bill.month, lang))).join('\n');
        const heights = [
          text(formatShortDate(todayInMonaco(payment.paidAt), lang), COLS.date, 70),
          text(payment.reference, COLS.reference, 105),
          text(bills, COLS.bills, 205),
          text(formatMoney(payment.paidCents, lang), COLS.amount, AMOUNT_W, { align: 'right' }),
        ];
        w.y += Math.max(...heights) + 3;
        if (payment.refundedCents > 0) {
          text(`${t.refunded} (${payment.reference})`, COLS.bills, 205, { color: MUTED });
          w.y +=
            text(formatMoney(-payment.refundedCents, lang), COLS.amount, AMOUNT_W, { align: 'right', color: MUTED }) +
            3;
        }
        w.y += 3;
      }
    }
    w.ensure(40);
    w.rule();
    w.y += 5;
    text(`${t.total(c.year)} — ${childName}`, MARGIN, 390, { bold: true, size: 11 });
    w.y += text(formatMoney(c.totalCents, lang), COLS.amount, AMOUNT_W, { bold: true, size: 11, align: 'right' }) + 4;
    w.y += text(t.noFee, MARGIN, CONTENT_W, { color: MUTED, size: 9 }) + 16;

    w.ensure(60 + 45 * c.creditors.length);
    w.y += text(t.creditors, MARGIN, CONTENT_W, { bold: true, size: 13 }) + 6;
    for (const cr of c.creditors) {
      w.y += text(cr.name, MARGIN, CONTENT_W, { bold: true }) + 2;
      for (const detail of [
        cr.address,
        cr.registration ? `${b.registration} ${cr.registration}` : null,
        cr.vatNumber ? `${b.vatNumber} ${cr.vatNumber}` : null,
      ]) {
        if (detail) w.y += text(detail, MARGIN, CONTENT_W, { size: 9, color: MUTED }) + 1;
      }
      w.y += 6;
    }
    w.y += 10;
    w.ensure(40);
    w.y += text(t.validity, MARGIN, CONTENT_W) + 4;
    w.y += text(t.madeOn(formatDate(c.issuedAt, lang)), MARGIN, CONTENT_W) + 4;

    w.footer(t.footer, b.pdfPage);
  });
}

/** The file name of a certificate: ASCII, no space (`attestation-paiement-2026-lea-rossi.pdf`). */
export function certificateFilename(certificate: PaymentCertificate, lang: Lang): string {
  const slug = `${certificate.child.firstName} ${certificate.child.lastName}`
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return messagesFor(lang).parent.certificate.filename(slug || 'enfant', certificate.year);
}
