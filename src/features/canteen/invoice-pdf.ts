/**
 * A bill as a PDF: A4, the same content as the bill's page (summary, lines per child, VAT
 * breakdown, how to pay with the payment reference, the creditor's legal details), drawn with the
 * standard fonts so the text stays selectable and searchable. A normal bill fits one page; a long
 * one flows onto more, each numbered.
 */
import { messagesFor } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/types.ts';
import type { ParentBill } from './parent.service.ts';
import { CONTENT_W, MARGIN, MUTED, PdfWriter } from './pdf-document.ts';
import { formatDay, formatMonth, formatRate, formatShortDate } from './views/format.ts';
import { linesPerChild } from './views/bill-lines.ts';
import { formatMoney } from '../../lib/money.ts';

export interface InvoicePdfInput {
  readonly bill: ParentBill;
  readonly lang: Lang;
  /** Written into the document info; fixed by tests for reproducible output. */
  readonly creationDate?: Date;
}

export function renderInvoicePdf({ bill, lang, creationDate }: InvoicePdfInput): Promise<Buffer> {
  const m = messagesFor(lang);
  const t = m.parent.bill;
  const meta = {
    lang,
    title: `${t.pdfTitle} ${bill.number ?? ''}`,
    author: bill.creditor.name,
    subject: `${bill.establishmentName} — ${formatMonth(bill.month, lang)}`,
    creationDate,
  };
  return PdfWriter.render(meta, (w) => {
    const text = w.text.bind(w);
    w.header(bill.creditor, t);

    w.y += text(`${t.pdfTitle} ${bill.number ?? ''}`, MARGIN, CONTENT_W, { bold: true, size: 18 }) + 4;
    w.y += text(`${bill.establishmentName} — ${formatMonth(bill.month, lang)}`, MARGIN, CONTENT_W, { size: 12 }) + 12;

    // Summary, two columns of label / value.
    const summary: [string, string][] = [
      [t.pdfPayer, bill.payerEmail],
      [t.status, m.canteen.invoiceStatus[bill.status]],
      ...(bill.issuedOn ? ([[t.issuedOn, formatDay(bill.issuedOn, lang)]] as [string, string][]) : []),
      ...(bill.onlineDeadline
        ? ([[t.onlineDeadline, formatDay(bill.onlineDeadline, lang)]] as [string, string][])
        : []),
      ...(bill.dueDate ? ([[t.dueDate, formatDay(bill.dueDate, lang)]] as [string, string][]) : []),
      ...(bill.paymentReference ? ([[t.reference, bill.paymentReference]] as [string, string][]) : []),
      [t.total, formatMoney(bill.totalCents, lang)],
      ...(bill.paidCents > 0 ? ([[t.paid, formatMoney(bill.paidCents, lang)]] as [string, string][]) : []),
    ];
    for (const [label, value] of summary) w.row(label, value, { bold: label === t.total });
    w.y += 10;

    // Lines per child: period, meals × price, amount.
    const cols = { period: MARGIN, quantity: MARGIN + 230, amount: MARGIN + 380 };
    const amountW = CONTENT_W - 380;
    w.y += text(t.lines, MARGIN, CONTENT_W, { bold: true, size: 13 }) + 6;
    for (const group of linesPerChild(bill.lines)) {
      w.ensure(60);
      w.y += text(group.name, MARGIN, CONTENT_W, { bold: true, size: 11 }) + 4;
      text(t.period, cols.period, 220, { bold: true, size: 9, color: MUTED });
      text(t.quantity, cols.quantity, 140, { bold: true, size: 9, color: MUTED });
      w.y += text(t.lineTotal, cols.amount, amountW, { bold: true, size: 9, color: MUTED, align: 'right' }) + 3;
      w.rule();
      w.y += 4;
      for (const line of group.lines) {
        w.ensure(18);
        text(
          t.periodText(formatShortDate(line.periodStart, lang), formatShortDate(line.periodEnd, lang)),
          cols.period,
          220,
        );
        text(
          `${line.quantity} × ${formatMoney(line.unitPriceCents, lang)}${line.sharePercent < 100 ? ` (${t.share} ${formatRate(line.sharePercent * 100, lang)})` : ''}`,
          cols.quantity,
          150,
        );
        w.y += text(formatMoney(line.totalCents, lang), cols.amount, amountW, { align: 'right' }) + 4;
      }
      w.rule();
      w.y += 4;
      text(t.subtotal(group.name), cols.period, 360, { bold: true });
      w.y += text(formatMoney(group.totalCents, lang), cols.amount, amountW, { bold: true, align: 'right' }) + 12;
    }

    // VAT breakdown.
    w.ensure(70);
    w.y += text(t.vatCaption, MARGIN, CONTENT_W, { bold: true, size: 13 }) + 6;
    const vatCols = [MARGIN, MARGIN + 120, MARGIN + 250, MARGIN + 370];
    const vatW = 125;
    [t.vatRate, t.net, t.vatAmount, t.gross].forEach((label, i) =>
      text(label, vatCols[i] ?? MARGIN, i === 0 ? 110 : vatW, {
        bold: true,
        size: 9,
        color: MUTED,
        align: i === 0 ? 'left' : 'right',
      }),
    );
    w.y += 14;
    w.rule();
    w.y += 4;
    [
      formatRate(bill.vatRateBasisPoints, lang),
      formatMoney(bill.netCents, lang),
      formatMoney(bill.vatCents, lang),
      formatMoney(bill.totalCents, lang),
    ].forEach((value, i) =>
      text(value, vatCols[i] ?? MARGIN, i === 0 ? 110 : vatW, { align: i === 0 ? 'left' : 'right', bold: i === 3 }),
    );
    w.y += 26;

    // How to pay.
    w.ensure(80);
    w.y += text(t.howToPay, MARGIN, CONTENT_W, { bold: true, size: 13 }) + 6;
    const how =
      bill.status === 'paid'
        ? t.paidText
        : bill.status === 'cancelled'
          ? t.cancelledText
          : `${t.payOnline}${bill.paymentReference ? `\n${t.payReference(bill.paymentReference)}` : ''}`;
    w.y += text(how, MARGIN, CONTENT_W) + 16;

    w.footer(t.pdfFooter, t.pdfPage);
  });
}
