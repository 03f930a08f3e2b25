/**
 * The receipt of one card payment, as a PDF: the creditor who was paid (with its legal details),
 * who paid, when (Europe/Monaco time), how much, the payment's reference and the provider's
 * transaction id, then every bill it settled with its lines per child. Drawn like the bill
 * (pdf-document.ts); a long receipt flows onto more pages, each numbered.
 */
import { formatDateTime } from '../../lib/dates.ts';
import { messagesFor } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/types.ts';
import type { ParentBill } from './parent.service.ts';
import { CONTENT_W, MARGIN, MUTED, PdfWriter, type CreditorBlock } from './pdf-document.ts';
import { formatMonth, formatShortDate } from './views/format.ts';
import { linesPerChild } from './views/bill-lines.ts';
import { formatMoney } from '../../lib/money.ts';

export interface PaymentReceipt {
  /** Our reference of the payment (shown to the parent and to the help desk). */
  readonly reference: string;
  /** The payment provider's id of the transaction. */
  readonly providerRef: string;
  readonly paidAt: Date;
  readonly amountCents: number;
  readonly payer: { readonly name: string | null; readonly email: string };
  readonly creditor: CreditorBlock;
  /** The bills it settled, each with the part of this payment it received. */
  readonly bills: readonly { readonly bill: ParentBill; readonly paidCents: number }[];
}

export interface ReceiptPdfInput {
  readonly receipt: PaymentReceipt;
  readonly lang: Lang;
  /** Written into the document info; fixed by tests for reproducible output. */
  readonly creationDate?: Date;
}

export function renderReceiptPdf({ receipt, lang, creationDate }: ReceiptPdfInput): Promise<Buffer> {
  const m = messagesFor(lang);
  const t = m.parent.receipt;
  const b = m.parent.bill;
  const meta = {
    lang,
    title: `${t.pdfTitle} ${receipt.reference}`,
    author: receipt.creditor.name,
    subject: t.subject(receipt.reference),
    creationDate,
  };
  return PdfWriter.render(meta, (w) => {
    const text = w.text.bind(w);
    w.header(receipt.creditor, b);
    w.y += text(`${t.pdfTitle} ${receipt.reference}`, MARGIN, CONTENT_W, { bold: true, size: 18 }) + 12;

    w.y += text(t.summary, MARGIN, CONTENT_W, { bold: true, size: 13 }) + 6;
    const payer = receipt.payer.name ? `${receipt.payer.name} (${receipt.payer.email})` : receipt.payer.email;
    w.row(t.payer, payer);
    w.row(t.paidAt, formatDateTime(receipt.paidAt, lang));
    w.row(t.amount, formatMoney(receipt.amountCents, lang), { bold: true });
    w.row(t.method, t.card);
    w.row(t.reference, receipt.reference);
    w.row(t.transaction, receipt.providerRef);
    w.y += 12;

    const cols = { period: MARGIN, quantity: MARGIN + 230, amount: MARGIN + 380 };
    const amountW = CONTENT_W - 380;
    w.y += text(t.billsHeading, MARGIN, CONTENT_W, { bold: true, size: 13 }) + 6;
    for (const { bill, paidCents } of receipt.bills) {
      w.ensure(90);
      const title = t.bill(bill.number ?? '', bill.establishmentName, formatMonth(bill.month, lang));
      w.y += text(title, MARGIN, CONTENT_W, { bold: true, size: 11 }) + 4;
      for (const group of linesPerChild(bill.lines)) {
        w.ensure(40);
        w.y += text(group.name, MARGIN, CONTENT_W, { bold: true }) + 3;
        for (const line of group.lines) {
          w.ensure(16);
          const period = b.periodText(formatShortDate(line.periodStart, lang), formatShortDate(line.periodEnd, lang));
          text(period, cols.period, 220, { color: MUTED });
          text(`${line.quantity} × ${formatMoney(line.unitPriceCents, lang)}`, cols.quantity, 150, { color: MUTED });
          w.y += text(formatMoney(line.totalCents, lang), cols.amount, amountW, { align: 'right', color: MUTED }) + 3;
        }
      }
      w.rule();
      w.y += 4;
      text(t.billTotal, cols.period, 360);
      w.y += text(formatMoney(bill.totalCents, lang), cols.amount, amountW, { align: 'right' }) + 3;
      text(t.billPaid, cols.period, 360, { bold: true });
      w.y += text(formatMoney(paidCents, lang), cols.amount, amountW, { bold: true, align: 'right' }) + 14;
    }

    w.footer(t.footer, b.pdfPage);
  });
}
