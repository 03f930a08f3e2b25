/**
 * A bill as a PDF: A4, the same content as the bill's page (summary, lines per child, VAT
 * breakdown, how to pay with the payment reference, the creditor's legal details), drawn with the
 * standard fonts so the text stays selectable and searchable. A normal bill fits one page; a long
 * one flows onto more, each numbered.
 */
import PDFDocument from 'pdfkit';
import { messagesFor } from '../../i18n/index.ts';
import type { Lang } from '../../i18n/types.ts';
import type { ParentBill } from './parent.service.ts';
import { formatCents, formatDay, formatMonth, formatRate, formatShortDate } from './views/format.ts';
import { linesPerChild } from './views/bill-lines.ts';

type Doc = PDFKit.PDFDocument;

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN = 50;
const CONTENT_W = PAGE_W - 2 * MARGIN;
const BOTTOM = PAGE_H - MARGIN - 30;
const RED = '#CE1126';
const INK = '#111111';
const MUTED = '#4A4A4A';
const RULE = '#B1B4B6';
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const PDF_LANG: Readonly<Record<Lang, string>> = { fr: 'fr-MC', en: 'en' };

const CP1252_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** Keeps the text drawable with the standard fonts (Windows-1252): narrow spaces become non-breaking ones. */
function pdfText(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.includes(ch)) out += ch;
    else if (ch === '\u202f' || ch === '\u2007' || ch === '\u2060') out += '\u00a0';
    else if (/\s/u.test(ch)) out += ' ';
    else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base.length > 0 ? base : '?';
    }
  }
  return out;
}

export interface InvoicePdfInput {
  readonly bill: ParentBill;
  readonly lang: Lang;
  /** Written into the document info; fixed by tests for reproducible output. */
  readonly creationDate?: Date;
}

export function renderInvoicePdf({ bill, lang, creationDate }: InvoicePdfInput): Promise<Buffer> {
  const m = messagesFor(lang);
  const t = m.parent.bill;
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const doc: Doc = new PDFDocument({
        size: 'A4',
        margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
        lang: PDF_LANG[lang],
        displayTitle: true,
        bufferPages: true,
        info: {
          Title: pdfText(`${t.pdfTitle} ${bill.number ?? ''}`),
          Author: pdfText(bill.creditor.name),
          Subject: pdfText(`${bill.establishmentName} — ${formatMonth(bill.month, lang)}`),
          Creator: 'MonGuichet.mc',
          CreationDate: creationDate ?? new Date(),
        },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);

      let y = MARGIN;
      const ensure = (height: number) => {
        if (y + height > BOTTOM) {
          doc.addPage();
          y = MARGIN;
        }
      };
      const text = (
        value: string,
        x: number,
        width: number,
        options: { bold?: boolean; size?: number; color?: string; align?: 'left' | 'right' } = {},
      ) => {
        doc
          .font(options.bold ? BOLD : REGULAR)
          .fontSize(options.size ?? 10)
          .fillColor(options.color ?? INK);
        const content = pdfText(value);
        const height = doc.heightOfString(content, { width });
        doc.text(content, x, y, { width, align: options.align ?? 'left', lineBreak: true });
        return height;
      };
      const rule = () => {
        doc
          .moveTo(MARGIN, y)
          .lineTo(PAGE_W - MARGIN, y)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .stroke();
      };

      // Header: the creditor (who bills) on the left, the portal on the right.
      doc.rect(0, 0, PAGE_W, 8).fill(RED);
      y = MARGIN;
      const left = CONTENT_W * 0.6;
      const h = text(bill.creditor.name, MARGIN, left, { bold: true, size: 12 });
      const portalHeight = text('MonGuichet.mc', MARGIN + left, CONTENT_W - left, {
        bold: true,
        color: RED,
        align: 'right',
      });
      y += h + 2;
      for (const detail of [
        bill.creditor.address,
        bill.creditor.registration ? `${t.registration} ${bill.creditor.registration}` : null,
        bill.creditor.vatNumber ? `${t.vatNumber} ${bill.creditor.vatNumber}` : null,
      ]) {
        if (detail) y += text(detail, MARGIN, left, { size: 9, color: MUTED }) + 1;
      }
      y = Math.max(y, MARGIN + portalHeight) + 18;

      y += text(`${t.pdfTitle} ${bill.number ?? ''}`, MARGIN, CONTENT_W, { bold: true, size: 18 }) + 4;
      y += text(`${bill.establishmentName} — ${formatMonth(bill.month, lang)}`, MARGIN, CONTENT_W, { size: 12 }) + 12;

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
        [t.total, formatCents(bill.totalCents, lang)],
        ...(bill.paidCents > 0 ? ([[t.paid, formatCents(bill.paidCents, lang)]] as [string, string][]) : []),
      ];
      for (const [label, value] of summary) {
        const lh = text(label, MARGIN, 170, { bold: true });
        const vh = text(value, MARGIN + 180, CONTENT_W - 180, { bold: label === t.total });
        y += Math.max(lh, vh) + 4;
      }
      y += 10;

      // Lines per child: period, meals × price, amount.
      const cols = { period: MARGIN, quantity: MARGIN + 230, amount: MARGIN + 380 };
      const amountW = CONTENT_W - 380;
      y += text(t.lines, MARGIN, CONTENT_W, { bold: true, size: 13 }) + 6;
      for (const group of linesPerChild(bill.lines)) {
        ensure(60);
        y += text(group.name, MARGIN, CONTENT_W, { bold: true, size: 11 }) + 4;
        text(t.period, cols.period, 220, { bold: true, size: 9, color: MUTED });
        text(t.quantity, cols.quantity, 140, { bold: true, size: 9, color: MUTED });
        y += text(t.lineTotal, cols.amount, amountW, { bold: true, size: 9, color: MUTED, align: 'right' }) + 3;
        rule();
        y += 4;
        for (const line of group.lines) {
          ensure(18);
          text(
            t.periodText(formatShortDate(line.periodStart, lang), formatShortDate(line.periodEnd, lang)),
            cols.period,
            220,
          );
          text(
            `${line.quantity} × ${formatCents(line.unitPriceCents, lang)}${line.sharePercent < 100 ? ` (${t.share} ${formatRate(line.sharePercent * 100, lang)})` : ''}`,
            cols.quantity,
            150,
          );
          y += text(formatCents(line.totalCents, lang), cols.amount, amountW, { align: 'right' }) + 4;
        }
        rule();
        y += 4;
        text(t.subtotal(group.name), cols.period, 360, { bold: true });
        y += text(formatCents(group.totalCents, lang), cols.amount, amountW, { bold: true, align: 'right' }) + 12;
      }

      // VAT breakdown.
      ensure(70);
      y += text(t.vatCaption, MARGIN, CONTENT_W, { bold: true, size: 13 }) + 6;
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
      y += 14;
      rule();
      y += 4;
      [
        formatRate(bill.vatRateBasisPoints, lang),
        formatCents(bill.netCents, lang),
        formatCents(bill.vatCents, lang),
        formatCents(bill.totalCents, lang),
      ].forEach((value, i) =>
        text(value, vatCols[i] ?? MARGIN, i === 0 ? 110 : vatW, { align: i === 0 ? 'left' : 'right', bold: i === 3 }),
      );
      y += 26;

      // How to pay.
      ensure(80);
      y += text(t.howToPay, MARGIN, CONTENT_W, { bold: true, size: 13 }) + 6;
      const how =
        bill.status === 'paid'
          ? t.paidText
          : bill.status === 'cancelled'
            ? t.cancelledText
            : `${t.payOnline}${bill.paymentReference ? `\n${t.payReference(bill.paymentReference)}` : ''}`;
      y += text(how, MARGIN, CONTENT_W) + 16;

      // Footer on every page: the portal's note and the page number.
      const range = doc.bufferedPageRange();
      for (let i = 0; i < range.count; i += 1) {
        doc.switchToPage(range.start + i);
        const footerY = PAGE_H - MARGIN - 12;
        doc.font(REGULAR).fontSize(8).fillColor(MUTED);
        doc.text(pdfText(t.pdfFooter), MARGIN, footerY, { width: CONTENT_W * 0.75, lineBreak: false });
        doc.text(pdfText(t.pdfPage(i + 1, range.count)), MARGIN + CONTENT_W * 0.75, footerY, {
          width: CONTENT_W * 0.25,
          align: 'right',
          lineBreak: false,
        });
      }
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
