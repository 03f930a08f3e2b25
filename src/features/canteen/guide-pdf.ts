/**
 * The printable canteen guide: one A4 page, in the spirit of the official MonGuichet.mc flyer,
 * that a school office hands to parents. It explains how to reach the school's canteen payment
 * procedure on the portal, how to log in (MConnect, existing account, new account) and carries
 * a QR code that opens the procedure.
 *
 * Layout is measured before it is drawn: the two body columns are laid out at a font scale that
 * fits the space left between the header and the help box (shrinking down to a floor), the spare
 * height is spread between blocks so that both columns end on the same line, and every text call
 * carries a height bound so pdfkit clips instead of adding a page.
 */
import { TOKENS } from '../../ui/tokens.ts';
import type PDFDocumentType from 'pdfkit';
import type QRCodeType from 'qrcode';
import { guide as enGuide } from '../../i18n/en/guide.ts';
import { guide as frGuide } from '../../i18n/fr/guide.ts';
import type { Catalogue, Lang } from '../../i18n/types.ts';

export interface CanteenGuideInput {
  lang: Lang;
  /** e.g. "Payer la cantine en ligne pour l’École de Fontvieille". */
  procedureTitle: string;
  establishmentName: string;
  /** Absolute URL the QR code opens. */
  procedureUrl: string;
  /** e.g. "https://monguichet.mc", shown as text. */
  /** The service's name as printed ("MonGuichet.mc", SERVICE_NAME): never the machine's host name. */
  serviceName: string;
  contactEmail: string;
  contactPhone: string;
  /** Written into the document info; fix it for reproducible output. Defaults to now. */
  creationDate?: Date;
}

type Guide = Catalogue<typeof frGuide>;
type Doc = PDFKit.PDFDocument;
type QrSymbol = ReturnType<typeof QRCodeType.create>;

const CATALOGUES: Readonly<Record<Lang, Guide>> = { fr: frGuide, en: enGuide };
const PDF_LANG: Readonly<Record<Lang, string>> = { fr: 'fr-MC', en: 'en' };
const AUTHOR = 'Gouvernement Princier — MonGuichet.mc';

const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN = 36;
const CONTENT_W = PAGE_W - 2 * MARGIN;
const MM = 72 / 25.4;

// Every colour is a token of the stylesheet (src/ui/tokens.ts), as on the web and in the e-mails.
const RED = TOKENS.red;
const DARK_RED = TOKENS.redDark;
const INK = TOKENS.text;
const MUTED = TOKENS.muted;
const TINT = TOKENS.redTint;
const GREY = TOKENS.panel;
const WHITE = TOKENS.white;
const RULE = TOKENS.border;

const REGULAR = 'Helvetica';
const BOLD = 'Helvetica-Bold';

/** Longest procedure title or establishment name printed in full; longer ones end with "…". */
const MAX_NAME_CHARS = 160;
/** The body font scale never goes under this; what still does not fit is clipped. */
const MIN_SCALE = 0.72;

// ---------------------------------------------------------------------------------------------
// Text preparation
// ---------------------------------------------------------------------------------------------

/** The characters of Windows-1252 above 0x7F that are not Latin-1, all drawable with Helvetica. */
const CP1252_EXTRAS = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
const NBSP = '\u00a0';

function isWinAnsi(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRAS.includes(ch);
}

/** Keeps the text drawable with the standard fonts: strips accents they lack, else "?". */
function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (isWinAnsi(ch) || ch === '\n') {
      out += ch;
    } else if (ch === '\u202f' || ch === '\u2007' || ch === '\u2060') {
      out += NBSP;
    } else if (/\s/u.test(ch)) {
      out += ' ';
    } else {
      const base = ch.normalize('NFD').replace(/\p{M}/gu, '');
      out += base.length > 0 && [...base].every(isWinAnsi) ? base : '?';
    }
  }
  return out;
}

/** French print typography: typographic apostrophe, non-breaking space inside « » and before ? ! : ; */
function typo(text: string): string {
  return toWinAnsi(
    text
      .replace(/'/g, '’')
      .replace(/«\s+/g, `«${NBSP}`)
      .replace(/\s+»/g, `${NBSP}»`)
      .replace(/\s+([?!:;])/g, `${NBSP}$1`),
  );
}

function ellipsize(text: string, max: number): string {
  const chars = [...text.trim()];
  return chars.length <= max
    ? chars.join('')
    : `${chars
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

interface Segment {
  readonly text: string;
  readonly bold: boolean;
}

/** Splits a catalogue string into runs; what sits between « » or “ ” is bold, as on the flyer. */
function rich(text: string, bold = false): Segment[] {
  const segments: Segment[] = [];
  const quoted = /(«[^»]*»|“[^”]*”)[.,;:!?)]*/g;
  let last = 0;
  for (const match of text.matchAll(quoted)) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index), bold });
    segments.push({ text: match[0], bold: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), bold });
  return segments.map((s) => ({ text: typo(s.text), bold: s.bold })).filter((s) => s.text !== '');
}

const plain = (text: string, bold = false): Segment[] => [{ text: typo(text), bold }];

// ---------------------------------------------------------------------------------------------
// Text measuring and drawing
// ---------------------------------------------------------------------------------------------

interface TextStyle {
  readonly size: number;
  readonly color: string;
  readonly lineGap?: number;
  readonly align?: 'left' | 'center' | 'right';
  readonly characterSpacing?: number;
}

/** Height of a run of segments; measured in bold when any run is bold, an upper bound. */
function measure(doc: Doc, segments: readonly Segment[], width: number, style: TextStyle): number {
  const text = segments.map((s) => s.text).join('');
  if (text === '') return 0;
  doc.font(segments.some((s) => s.bold) ? BOLD : REGULAR).fontSize(style.size);
  return doc.heightOfString(text, {
    width,
    lineGap: style.lineGap ?? 0,
    characterSpacing: style.characterSpacing ?? 0,
  });
}

/** Draws segments as one paragraph, never below `maxY` (pdfkit clips rather than adds a page). */
function draw(
  doc: Doc,
  segments: readonly Segment[],
  x: number,
  y: number,
  width: number,
  style: TextStyle,
  maxY = PAGE_H,
): void {
  const height = Math.min(maxY, PAGE_H) - y;
  if (segments.length === 0 || height <= 0) return;
  doc.fillColor(style.color).fontSize(style.size);
  segments.forEach((segment, i) => {
    doc.font(segment.bold ? BOLD : REGULAR);
    const options: PDFKit.Mixins.TextOptions = {
      width,
      height,
      lineGap: style.lineGap ?? 0,
      align: style.align ?? 'left',
      characterSpacing: style.characterSpacing ?? 0,
      ellipsis: true,
      continued: i < segments.length - 1,
    };
    if (i === 0) doc.text(segment.text, x, y, options);
    else doc.text(segment.text, options);
  });
}

/** Largest size in [min, max] (0.5 pt steps) at which the text holds in `maxLines` lines. */
function fitSize(
  doc: Doc,
  segments: readonly Segment[],
  width: number,
  maxLines: number,
  max: number,
  min: number,
  lineGap = 0,
): number {
  for (let size = max; size > min; size -= 0.5) {
    doc.fontSize(size);
    const limit = maxLines * (doc.currentLineHeight(true) + lineGap) + 0.5;
    if (measure(doc, segments, width, { size, color: INK, lineGap }) <= limit) return size;
  }
  return min;
}

// ---------------------------------------------------------------------------------------------
// Body columns: one code path to measure (dry) and to draw
// ---------------------------------------------------------------------------------------------

interface ColumnFrame {
  readonly x: number;
  readonly width: number;
  readonly top: number;
  readonly bottom: number;
  readonly scale: number;
  readonly dry: boolean;
  /** Added to every gap so the column ends at `bottom`. */
  readonly extraGap: number;
}

class Column {
  readonly doc: Doc;
  readonly frame: ColumnFrame;
  readonly lang: Lang;
  y: number;
  gaps = 0;

  constructor(doc: Doc, frame: ColumnFrame, lang: Lang) {
    this.doc = doc;
    this.frame = frame;
    this.lang = lang;
    this.y = frame.top;
  }

  private get s(): number {
    return this.frame.scale;
  }

  /** Space between blocks: this is where the spare height goes. */
  gap(base: number): void {
    this.y += base * this.s + this.frame.extraGap;
    this.gaps += 1;
  }

  space(base: number): void {
    this.y += base * this.s;
  }

  /** A red bar with the section title in white capitals. */
  heading(text: string): void {
    const { x, width } = this.frame;
    const pad = 5 * this.s;
    const style: TextStyle = { size: 10.5 * this.s, color: WHITE, characterSpacing: 0.4 };
    const segments = plain(text.toLocaleUpperCase(this.lang), true);
    const textH = measure(this.doc, segments, width - 2 * pad, style);
    const h = textH + 2 * pad;
    if (!this.frame.dry) {
      this.doc.rect(x, this.y, width, h).fill(RED);
      draw(this.doc, segments, x + pad, this.y + pad + 0.6 * this.s, width - 2 * pad, style);
    }
    this.y += h;
  }

  /** A secondary title: red bold capitals over a thin red rule. */
  subheading(text: string): void {
    const { x, width } = this.frame;
    const style: TextStyle = { size: 10 * this.s, color: RED, characterSpacing: 0.3 };
    const segments = plain(text.toLocaleUpperCase(this.lang), true);
    const h = measure(this.doc, segments, width, style);
    const rule = 4 * this.s;
    if (!this.frame.dry) {
      draw(this.doc, segments, x, this.y, width, style, this.frame.bottom);
      this.doc.rect(x, this.y + h + rule - 1.5, width, 1.5).fill(RED);
    }
    this.y += h + rule;
  }

  /** A red bold line under a heading, e.g. "Depuis monguichet.mc". */
  lead(text: string): void {
    const style: TextStyle = { size: 10 * this.s, color: RED };
    this.paragraph(plain(text.toLocaleUpperCase(this.lang), true), style, 0);
  }

  paragraph(segments: readonly Segment[], style: TextStyle, indent: number): void {
    const { x, width } = this.frame;
    const h = measure(this.doc, segments, width - indent, style);
    if (!this.frame.dry) draw(this.doc, segments, x + indent, this.y, width - indent, style, this.frame.bottom);
    this.y += h;
  }

  /** A numbered step: white number in a red disc, text beside it. */
  step(n: number, segments: readonly Segment[]): void {
    const { x, width } = this.frame;
    const size = 10 * this.s;
    const r = 8 * this.s;
    const indent = 2 * r + 7 * this.s;
    const style: TextStyle = { size, color: INK, lineGap: 1 * this.s };
    const textH = measure(this.doc, segments, width - indent, style);
    const cy = this.y + 0.36 * size;
    if (!this.frame.dry) {
      this.doc.circle(x + r, cy, r).fill(RED);
      const numberSize = 10 * this.s;
      draw(this.doc, plain(String(n), true), x, cy - 0.36 * numberSize, 2 * r, {
        size: numberSize,
        color: WHITE,
        align: 'center',
      });
      draw(this.doc, segments, x + indent, this.y, width - indent, style, this.frame.bottom);
    }
    this.y += Math.max(textH, cy + r - this.y);
  }

  /** "A", "B", "C": a red square with the letter, and the case in bold capitals beside it. */
  option(letter: string, text: string): void {
    const { x, width } = this.frame;
    const box = 17 * this.s;
    const indent = box + 7 * this.s;
    const style: TextStyle = { size: 9 * this.s, color: INK, lineGap: 0.5 * this.s };
    const segments = plain(text.toLocaleUpperCase(this.lang), true);
    const textH = measure(this.doc, segments, width - indent, style);
    const h = Math.max(box, textH);
    if (!this.frame.dry) {
      this.doc.rect(x, this.y, box, box).fill(RED);
      const letterSize = 12 * this.s;
      draw(this.doc, plain(letter, true), x, this.y + box / 2 - 0.36 * letterSize, box, {
        size: letterSize,
        color: WHITE,
        align: 'center',
      });
      const textY = this.y + Math.max(0, (box - textH) / 2);
      draw(this.doc, segments, x + indent, textY, width - indent, style, this.frame.bottom);
    }
    this.y += h;
  }

  /** A bullet item: small red square, text indented. */
  bullet(segments: readonly Segment[], indent: number, size = 9.5): void {
    const { x, width } = this.frame;
    const style: TextStyle = { size: size * this.s, color: INK, lineGap: 1 * this.s };
    const textIndent = indent + 10 * this.s;
    const h = measure(this.doc, segments, width - textIndent, style);
    if (!this.frame.dry) {
      const sq = 3.4 * this.s;
      this.doc.rect(x + indent, this.y + 0.36 * style.size - sq / 2, sq, sq).fill(RED);
      draw(this.doc, segments, x + textIndent, this.y, width - textIndent, style, this.frame.bottom);
    }
    this.y += h;
  }

  /** A block of fixed height drawn by `paint` at the current position. */
  block(height: number, paint: (x: number, y: number, width: number) => void): void {
    if (!this.frame.dry) paint(this.frame.x, this.y, this.frame.width);
    this.y += height;
  }
}

// ---------------------------------------------------------------------------------------------
// Pieces of the page
// ---------------------------------------------------------------------------------------------

/** A shield "fusilly argent and gules", after the arms of the Principality. */
function drawShield(doc: Doc, cx: number, top: number, w: number, h: number): void {
  const x = cx - w / 2;
  const outline = (): void => {
    doc
      .moveTo(x, top)
      .lineTo(x + w, top)
      .lineTo(x + w, top + h * 0.55)
      .quadraticCurveTo(x + w, top + h * 0.86, cx, top + h)
      .quadraticCurveTo(x, top + h * 0.86, x, top + h * 0.55)
      .closePath();
  };
  doc.save();
  outline();
  doc.fill(WHITE);
  outline();
  doc.clip();
  const lw = w / 3;
  const lh = h / 3.2;
  for (let row = -1; row <= 4; row += 1) {
    for (let col = -1; col <= 3; col += 1) {
      const mx = x + col * lw + lw / 2;
      const my = top + row * lh;
      doc
        .moveTo(mx, my - lh / 2)
        .lineTo(mx + lw / 2, my)
        .lineTo(mx, my + lh / 2)
        .lineTo(mx - lw / 2, my)
        .closePath();
    }
  }
  doc.fill(RED);
  doc.restore();
  outline();
  doc.lineWidth(1.4).stroke(WHITE);
}

/** A tick drawn as a stroked path (no glyph outside WinAnsi needed). */
function drawTick(doc: Doc, x: number, y: number, size: number): void {
  doc.circle(x + size / 2, y + size / 2, size / 2).fill(RED);
  doc
    .moveTo(x + size * 0.27, y + size * 0.52)
    .lineTo(x + size * 0.44, y + size * 0.69)
    .lineTo(x + size * 0.75, y + size * 0.34)
    .lineWidth(size * 0.13)
    .lineCap('round')
    .lineJoin('round')
    .stroke(WHITE);
  doc.lineCap('butt').lineJoin('miter');
}

/**
 * The QR code as vector squares, one per dark module, filled as a single path (no seams),
 * on a white square that includes the 4-module quiet zone. The modules are the text colour
 * (17:1 on white, far above what a reader needs).
 */
function drawQr(doc: Doc, qr: QrSymbol, x: number, y: number, side: number): void {
  const n = qr.modules.size;
  const quiet = 4;
  const m = side / (n + 2 * quiet);
  doc.rect(x, y, side, side).fill(WHITE);
  for (let row = 0; row < n; row += 1) {
    for (let col = 0; col < n; col += 1) {
      if (qr.modules.get(row, col)) doc.rect(x + (quiet + col) * m, y + (quiet + row) * m, m, m);
    }
  }
  doc.fill(INK);
}

interface Context {
  readonly doc: Doc;
  readonly t: Guide;
  readonly lang: Lang;
  readonly input: CanteenGuideInput;
  readonly qr: QrSymbol;
}

/** Red band: "new" badge, title, subtitle, and the Government's shield. Returns its bottom. */
function drawHeader({ doc, t, lang }: Context): number {
  const govW = 128;
  const titleW = CONTENT_W - govW - 24;
  const badge = plain(t.header.badge.toLocaleUpperCase(lang), true);
  const badgeStyle: TextStyle = { size: 8.5, color: RED, characterSpacing: 0.6 };
  doc.font(BOLD).fontSize(badgeStyle.size);
  const badgeW = doc.widthOfString(badge[0]?.text ?? '', { characterSpacing: 0.6 }) + 14;

  const titleSegs = plain(t.header.title, true);
  const titleSize = fitSize(doc, titleSegs, titleW, 2, 26, 17);
  const titleStyle: TextStyle = { size: titleSize, color: WHITE };
  const titleY = 26 + 15 + 9;
  const titleH = measure(doc, titleSegs, titleW, titleStyle);
  const subSegs = plain(t.header.subtitle.toLocaleUpperCase(lang), true);
  const subStyle: TextStyle = { size: 10.5, color: WHITE, characterSpacing: 1 };
  const subY = titleY + titleH + 6;
  const subH = measure(doc, subSegs, titleW, subStyle);

  const govX = PAGE_W - MARGIN - govW;
  const shieldH = 46;
  const govSegs = plain(t.header.government.toLocaleUpperCase(lang), true);
  const prinSegs = plain(t.header.principality.toLocaleUpperCase(lang));
  const govStyle: TextStyle = { size: 8, color: WHITE, align: 'center', characterSpacing: 0.5 };
  const govY = 26 + shieldH + 8;
  const govH = measure(doc, govSegs, govW, govStyle);
  const prinH = measure(doc, prinSegs, govW, { ...govStyle, size: 7.5 });

  const bottom = Math.max(subY + subH, govY + govH + 2 + prinH) + 20;

  doc.rect(0, 0, PAGE_W, bottom).fill(RED);
  doc.rect(0, bottom - 4, PAGE_W, 4).fill(DARK_RED);

  doc.roundedRect(MARGIN, 26, badgeW, 15, 7.5).fill(WHITE);
  draw(doc, badge, MARGIN, 26 + 4, badgeW, { ...badgeStyle, align: 'center' });
  draw(doc, titleSegs, MARGIN, titleY, titleW, titleStyle);
  draw(doc, subSegs, MARGIN, subY, titleW, subStyle);

  drawShield(doc, govX + govW / 2, 26, 38, shieldH);
  draw(doc, govSegs, govX, govY, govW, govStyle);
  draw(doc, prinSegs, govX, govY + govH + 2, govW, { ...govStyle, size: 7.5 });
  return bottom;
}

/** Tinted strip naming the school. Returns its bottom. */
function drawEstablishment({ doc, t, input }: Context, top: number): number {
  const pad = 8;
  const accent = 5;
  const textX = MARGIN + accent + 10;
  const textW = CONTENT_W - accent - 10 - pad;
  const label = `${t.header.establishmentLabel} `;
  const maxLines = 3;
  let name = ellipsize(input.establishmentName, MAX_NAME_CHARS);
  const segments = (): Segment[] => [...plain(label), ...plain(name, true)];
  const size = fitSize(doc, segments(), textW, 1, 13, 8.5);
  const style: TextStyle = { size, color: INK };
  doc.fontSize(size);
  const limit = maxLines * doc.currentLineHeight(true) + 0.5;
  while (measure(doc, segments(), textW, style) > limit && name.length > 8) {
    name = ellipsize(name, [...name].length - 8);
  }
  const h = measure(doc, segments(), textW, style) + 2 * pad;
  doc.rect(MARGIN, top, CONTENT_W, h).fill(TINT);
  doc.rect(MARGIN, top, accent, h).fill(RED);
  draw(doc, segments(), textX, top + pad + 0.5, textW, style, top + h);
  return top + h;
}

/** The three promises with ticks, and the MConnect badge. Returns the bottom. */
function drawPromises({ doc, t, lang }: Context, top: number): number {
  const badgeW = 138;
  const listW = CONTENT_W - badgeW - 20;
  const tick = 13;
  const style: TextStyle = { size: 10.5, color: INK };
  let y = top;
  for (const promise of t.promises) {
    const segments = plain(promise);
    const h = measure(doc, segments, listW - tick - 8, style);
    drawTick(doc, MARGIN, y + 0.36 * style.size - tick / 2, tick);
    draw(doc, segments, MARGIN + tick + 8, y, listW - tick - 8, style);
    y += Math.max(h, tick) + 5;
  }
  const listBottom = y - 5;

  const badgeX = PAGE_W - MARGIN - badgeW;
  const compat = plain(t.mconnect.compatible);
  const name = plain(t.mconnect.name.toLocaleUpperCase(lang), true);
  const compatStyle: TextStyle = { size: 8.5, color: INK, align: 'center' };
  const nameStyle: TextStyle = { size: 16, color: RED, align: 'center', characterSpacing: 1.5 };
  const compatH = measure(doc, compat, badgeW - 12, compatStyle);
  const nameH = measure(doc, name, badgeW - 12, nameStyle);
  const boxH = Math.max(listBottom - top, compatH + nameH + 18);
  const innerY = top + (boxH - compatH - nameH - 2) / 2;
  doc.roundedRect(badgeX, top, badgeW, boxH, 6).lineWidth(1.5).stroke(RED);
  draw(doc, compat, badgeX + 6, innerY, badgeW - 12, compatStyle);
  draw(doc, name, badgeX + 6, innerY + compatH + 2, badgeW - 12, nameStyle);
  return top + Math.max(boxH, listBottom - top);
}

/** Grey box at the foot of the page: helpdesk contact and the DITN's address. Returns its top. */
function drawHelp({ doc, t, lang, input }: Context, bottom: number): number {
  const pad = 10;
  const half = (CONTENT_W - 2 * pad - 16) / 2;
  const leftX = MARGIN + pad;
  const rightX = leftX + half + 16;

  const heading = plain(t.help.heading.toLocaleUpperCase(lang), true);
  const headingStyle: TextStyle = { size: 11, color: RED, characterSpacing: 0.4 };
  const intro = plain(t.help.intro);
  const introStyle: TextStyle = { size: 9, color: INK };
  const contact = [
    { text: toWinAnsi(input.contactEmail.trim()), bold: true },
    { text: '  |  ', bold: false },
    { text: toWinAnsi(input.contactPhone.trim()).replace(/ /g, NBSP), bold: true },
  ];
  const contactStyle: TextStyle = { size: 10, color: INK };
  const headingH = measure(doc, heading, half, headingStyle);
  const introH = measure(doc, intro, half, introStyle);
  const contactH = measure(doc, contact, half, contactStyle);
  const leftH = headingH + 4 + introH + 2 + contactH;

  const ditnName = plain(t.ditn.name, true);
  const ditnStyle: TextStyle = { size: 9, color: INK, lineGap: 0.5 };
  const address = plain(t.ditn.address.join('\n'));
  const nameH = measure(doc, ditnName, half, ditnStyle);
  const addressH = measure(doc, address, half, ditnStyle);
  const rightH = nameH + 2 + addressH;

  const h = Math.max(leftH, rightH) + 2 * pad;
  const top = bottom - h;
  doc.rect(MARGIN, top, CONTENT_W, h).fill(GREY);
  doc.rect(MARGIN, top, CONTENT_W, 2).fill(RED);
  let y = top + pad + 1;
  draw(doc, heading, leftX, y, half, headingStyle);
  y += headingH + 4;
  draw(doc, intro, leftX, y, half, introStyle);
  y += introH + 2;
  draw(doc, contact, leftX, y, half, contactStyle);

  doc
    .moveTo(rightX - 8, top + pad)
    .lineTo(rightX - 8, top + h - pad)
    .lineWidth(0.75)
    .stroke(RULE);
  draw(doc, ditnName, rightX, top + pad + 1, half, ditnStyle);
  draw(doc, address, rightX, top + pad + 1 + nameH + 2, half, { ...ditnStyle, color: MUTED });
  return top;
}

/** Red band at the bottom edge. Returns its top. */
function drawFooter({ doc, t, input }: Context): number {
  const h = 34;
  const top = PAGE_H - h;
  doc.rect(0, top, PAGE_W, h).fill(RED);
  const style: TextStyle = { size: 9, color: WHITE, characterSpacing: 0.3 };
  const y = top + (h - 9 * 0.72) / 2 - 0.5;
  draw(doc, plain(t.footer, true), MARGIN, y, CONTENT_W * 0.7, style);
  draw(doc, plain(input.serviceName, true), MARGIN + CONTENT_W * 0.7, y, CONTENT_W * 0.3, {
    ...style,
    align: 'right',
  });
  return top;
}

const QR_SIDE = 40 * MM;

/** Left column: access steps, QR code, what else the portal offers. */
function leftColumn(ctx: Context, col: Column): void {
  const { doc, t, input, qr } = ctx;
  const s = col.frame.scale;
  const procedureTitle = ellipsize(input.procedureTitle, MAX_NAME_CHARS);
  col.heading(t.access.heading);
  col.space(8);
  col.lead(t.access.from(input.serviceName));
  col.space(6);
  col.step(1, rich(t.access.step1));
  col.space(6);
  col.step(2, rich(t.access.step2(procedureTitle)));
  col.space(6);
  col.step(3, rich(t.access.step3));
  col.gap(14);

  // QR block: red frame, QR code on the left, caption on the right, URL under the code.
  const pad = 8;
  const url: Segment[] = [{ text: toWinAnsi(input.procedureUrl.trim()), bold: false }];
  const urlStyle: TextStyle = { size: 7.5, color: INK };
  const innerW = col.frame.width - 2 * pad;
  const urlH = measure(doc, url, innerW, urlStyle);
  const captionW = innerW - QR_SIDE - 10;
  const caption = plain(t.qr.caption, true);
  const captionStyle: TextStyle = { size: 12.5 * s, color: INK, lineGap: 1 };
  const captionH = measure(doc, caption, captionW, captionStyle);
  const orType = plain(t.qr.orType);
  const orStyle: TextStyle = { size: 8.5 * s, color: MUTED };
  const orH = measure(doc, orType, captionW, orStyle);
  const h = pad + QR_SIDE + 4 + urlH + pad;
  col.block(h, (x, y, width) => {
    doc.roundedRect(x, y, width, h, 6).fill(TINT);
    doc.roundedRect(x, y, width, h, 6).lineWidth(1.5).stroke(RED);
    drawQr(doc, qr, x + pad, y + pad, QR_SIDE);
    doc.link(x + pad, y + pad, QR_SIDE, QR_SIDE, input.procedureUrl);
    const textX = x + pad + QR_SIDE + 10;
    const textY = y + pad + Math.max(0, (QR_SIDE - captionH - 8 - orH) / 2);
    doc.rect(textX, textY - 6, 24, 3).fill(RED);
    draw(doc, caption, textX, textY + 2, captionW, captionStyle);
    draw(doc, orType, textX, textY + 2 + captionH + 6, captionW, orStyle);
    const urlY = y + pad + QR_SIDE + 4;
    draw(doc, url, x + pad, urlY, innerW, urlStyle, y + h);
    doc.link(x + pad, urlY, innerW, urlH, input.procedureUrl);
  });
  col.gap(14);

  col.subheading(t.also.heading);
  col.space(7);
  t.also.items.forEach((item, i) => {
    if (i > 0) col.space(4);
    col.bullet(rich(item), 2);
  });
}

/** Right column: how to log in, cases A, B, C. */
function rightColumn({ t, input }: Context, col: Column): void {
  const s = col.frame.scale;
  col.heading(t.login.heading);
  col.space(8);
  col.lead(t.login.via(input.serviceName));
  col.gap(8);

  const bullets = (items: readonly string[]): void => {
    items.forEach((item) => {
      col.space(4);
      col.bullet(rich(item), 24 * s);
    });
  };

  col.option('A', t.login.mconnect.heading);
  bullets(t.login.mconnect.steps);
  col.gap(12);

  col.option('B', t.login.account.heading);
  col.space(3);
  col.paragraph(rich(t.login.account.examples), { size: 8.5 * s, color: MUTED }, 24 * s);
  bullets(t.login.account.steps);
  col.space(6);
  const note: TextStyle = { size: 8.5 * s, color: MUTED, lineGap: 0.5 * s };
  col.paragraph(rich(t.login.account.forgottenIdentifier), note, 24 * s);
  col.space(4);
  col.paragraph(rich(t.login.account.forgottenPassword), note, 24 * s);
  col.gap(12);

  col.option('C', t.login.noAccount.heading);
  bullets(t.login.noAccount.steps);
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

function layoutBody(ctx: Context, top: number, bottom: number): void {
  const gutter = 22;
  const width = (CONTENT_W - gutter) / 2;
  const columns = [
    { x: MARGIN, render: leftColumn },
    { x: MARGIN + width + gutter, render: rightColumn },
  ];
  const run = (render: (c: Context, col: Column) => void, frame: ColumnFrame): Column => {
    const col = new Column(ctx.doc, frame, ctx.lang);
    render(ctx, col);
    return col;
  };

  let scale = 1;
  let dryRuns = columns.map((c) => run(c.render, { x: c.x, width, top, bottom, scale, dry: true, extraGap: 0 }));
  while (scale > MIN_SCALE && dryRuns.some((col) => col.y > bottom)) {
    scale = Math.max(MIN_SCALE, scale - 0.02);
    dryRuns = columns.map((c) => run(c.render, { x: c.x, width, top, bottom, scale, dry: true, extraGap: 0 }));
  }
  columns.forEach((c, i) => {
    const dry = dryRuns[i];
    const slack = dry ? bottom - dry.y : 0;
    const extraGap = dry && dry.gaps > 0 && slack > 0 ? Math.min(slack / dry.gaps, 40) : 0;
    run(c.render, { x: c.x, width, top, bottom, scale, dry: false, extraGap });
  });
}

export async function renderCanteenGuidePdf(input: CanteenGuideInput): Promise<Buffer> {
  // Loaded on the first guide asked for, not with the app (pdfkit and qrcode take half a second).
  const PDFDocument: typeof PDFDocumentType = (await import('pdfkit')).default;
  const QRCode: typeof QRCodeType = (await import('qrcode')).default;
  return new Promise<Buffer>((resolve, reject) => {
    try {
      const t = CATALOGUES[input.lang];
      const qr = QRCode.create(input.procedureUrl, { errorCorrectionLevel: 'M' });
      const doc = new PDFDocument({
        size: 'A4',
        margin: 0,
        lang: PDF_LANG[input.lang],
        displayTitle: true,
        info: {
          Title: t.meta.title(ellipsize(input.establishmentName, MAX_NAME_CHARS)),
          Author: AUTHOR,
          Subject: t.meta.subject,
          Keywords: t.meta.keywords,
          Creator: 'MonGuichet.mc',
          CreationDate: input.creationDate ?? new Date(),
        },
      });
      const chunks: Buffer[] = [];
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
      // Every text call is height-bound, so this is a tripwire for a layout bug, not a fallback.
      doc.on('pageAdded', () => {
        throw new Error('canteen guide: the layout overflowed its single page');
      });

      const ctx: Context = { doc, t, lang: input.lang, input, qr };
      const headerBottom = drawHeader(ctx);
      const stripBottom = drawEstablishment(ctx, headerBottom + 14);
      const promisesBottom = drawPromises(ctx, stripBottom + 14);
      const footerTop = drawFooter(ctx);
      const helpTop = drawHelp(ctx, footerTop - 14);
      layoutBody(ctx, promisesBottom + 16, helpTop - 14);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
