/**
 * What the canteen's A4 documents (a bill, a payment receipt) share: the standard fonts (text stays
 * selectable and searchable), the red band and the creditor's block at the top, a cursor that
 * flows onto a new page, and a footer with the page number on every page.
 */
import { TOKENS } from '../../ui/tokens.ts';
import type PDFDocumentType from 'pdfkit';
import type { Lang } from '../../i18n/types.ts';

type Doc = PDFKit.PDFDocument;

export const PAGE_W = 595.28;
export const PAGE_H = 841.89;
export const MARGIN = 50;
export const CONTENT_W = PAGE_W - 2 * MARGIN;
const BOTTOM = PAGE_H - MARGIN - 30;
// Every colour is a token of the stylesheet (src/ui/tokens.ts): the red of the web's buttons, its text.
export const RED = TOKENS.red;
export const INK = TOKENS.text;
export const MUTED = TOKENS.muted;
const RULE = TOKENS.border;
const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const PDF_LANG: Readonly<Record<Lang, string>> = { fr: 'fr-MC', en: 'en' };

const CP1252_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';

/** Letters with no decomposition to a drawable one. */
const SPELLED: Readonly<Record<string, string>> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i' };

function drawable(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.includes(ch);
}

/**
 * Keeps the text drawable with the standard fonts (Windows-1252): narrow spaces become
 * non-breaking ones, accented letters lose what the fonts lack (ă → a), anything else is "?".
 */
export function pdfText(text: string): string {
  let out = '';
  for (const ch of text) {
    if (drawable(ch)) out += ch;
    else if (ch === '\u202f' || ch === '\u2007' || ch === '\u2060') out += '\u00a0';
    else if (/\s/u.test(ch)) out += ' ';
    else {
      const base = SPELLED[ch] ?? ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base.length > 0 && [...base].every(drawable) ? base : '?';
    }
  }
  return out;
}

export interface TextOptions {
  readonly bold?: boolean;
  readonly size?: number;
  readonly color?: string;
  readonly align?: 'left' | 'right';
}

export interface CreditorBlock {
  readonly name: string;
  readonly address: string | null;
  readonly registration: string | null;
  readonly vatNumber: string | null;
}

/** An A4 document being drawn, with its cursor `y`. */
export class PdfWriter {
  y = MARGIN;

  private constructor(readonly doc: Doc) {}

  /** Opens a document; `draw` fills it; resolves with its bytes. */
  static async render(
    meta: { lang: Lang; title: string; author: string; subject: string; creationDate: Date | undefined },
    draw: (writer: PdfWriter) => void,
  ): Promise<Buffer> {
    // Loaded on the first document asked for, not with the app (pdfkit takes a third of a second).
    const PDFDocument: typeof PDFDocumentType = (await import('pdfkit')).default;
    return new Promise<Buffer>((resolve, reject) => {
      try {
        const doc: Doc = new PDFDocument({
          size: 'A4',
          margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
          lang: PDF_LANG[meta.lang],
          displayTitle: true,
          bufferPages: true,
          info: {
            Title: pdfText(meta.title),
            Author: pdfText(meta.author),
            Subject: pdfText(meta.subject),
            Creator: 'MonGuichet.mc',
            CreationDate: meta.creationDate ?? new Date(),
          },
        });
        const chunks: Buffer[] = [];
        doc.on('data', (chunk: Buffer) => chunks.push(chunk));
        doc.on('end', () => resolve(Buffer.concat(chunks)));
        doc.on('error', reject);
        draw(new PdfWriter(doc));
        doc.end();
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Starts a new page when `height` does not fit under the cursor. */
  ensure(height: number): void {
    if (this.y + height > BOTTOM) {
      this.doc.addPage();
      this.y = MARGIN;
    }
  }

  /** Draws text at the cursor's height (the cursor does not move); returns the height it took. */
  text(value: string, x: number, width: number, options: TextOptions = {}): number {
    this.doc
      .font(options.bold ? BOLD : REGULAR)
      .fontSize(options.size ?? 10)
      .fillColor(options.color ?? INK);
    const content = pdfText(value);
    const height = this.doc.heightOfString(content, { width });
    this.doc.text(content, x, this.y, { width, align: options.align ?? 'left', lineBreak: true });
    return height;
  }

  /** Draws a label and its value on one row and moves the cursor under them. */
  row(label: string, value: string, { bold = false }: { bold?: boolean } = {}): void {
    const lh = this.text(label, MARGIN, 170, { bold: true });
    const vh = this.text(value, MARGIN + 180, CONTENT_W - 180, { bold });
    this.y += Math.max(lh, vh) + 4;
  }

  rule(): void {
    this.doc
      .moveTo(MARGIN, this.y)
      .lineTo(PAGE_W - MARGIN, this.y)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
  }

  /** The red band, the creditor (who bills or collects) on the left, the portal on the right. */
  header(creditor: CreditorBlock, labels: { registration: string; vatNumber: string }): void {
    this.doc.rect(0, 0, PAGE_W, 8).fill(RED);
    this.y = MARGIN;
    const left = CONTENT_W * 0.6;
    const h = this.text(creditor.name, MARGIN, left, { bold: true, size: 12 });
    const portalHeight = this.text('MonGuichet.mc', MARGIN + left, CONTENT_W - left, {
      bold: true,
      color: RED,
      align: 'right',
    });
    this.y += h + 2;
    for (const detail of [
      creditor.address,
      creditor.registration ? `${labels.registration} ${creditor.registration}` : null,
      creditor.vatNumber ? `${labels.vatNumber} ${creditor.vatNumber}` : null,
    ]) {
      if (detail) this.y += this.text(detail, MARGIN, left, { size: 9, color: MUTED }) + 1;
    }
    this.y = Math.max(this.y, MARGIN + portalHeight) + 18;
  }

  /** On every page: the note on the left, "Page n sur N" on the right. */
  footer(note: string, pageLabel: (page: number, pages: number) => string): void {
    const range = this.doc.bufferedPageRange();
    for (let i = 0; i < range.count; i += 1) {
      this.doc.switchToPage(range.start + i);
      const footerY = PAGE_H - MARGIN - 12;
      this.doc.font(REGULAR).fontSize(8).fillColor(MUTED);
      this.doc.text(pdfText(note), MARGIN, footerY, { width: CONTENT_W * 0.75, lineBreak: false });
      this.doc.text(pdfText(pageLabel(i + 1, range.count)), MARGIN + CONTENT_W * 0.75, footerY, {
        width: CONTENT_W * 0.25,
        align: 'right',
        lineBreak: false,
      });
    }
  }
}
