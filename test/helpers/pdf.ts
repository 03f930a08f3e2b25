/** Reading a PDF made by pdfkit in tests: its pages and the text its content streams show. */
import { inflateSync } from 'node:zlib';

/** Object dictionaries are not compressed by pdfkit, so page objects can be counted in the raw bytes. */
export function pdfPageCount(pdf: Buffer): number {
  return [...pdf.toString('latin1').matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)].length;
}

/**
 * The text shown by the content streams (hex strings of TJ operators), one line per TJ, decoded
 * from Windows-1252 (the standard fonts' encoding): `€` and the non-breaking space come back.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  // pdfkit writes "stream\n", the data, "\nendstream": a data byte 0x0D just before is the data's.
  for (const stream of raw.matchAll(/stream\n([\s\S]*?)\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(stream[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hexes = [...(tj[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)];
      lines.push(hexes.map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1')).join(''));
    }
  }
  return lines.join('\n').replaceAll('\x80', '€').replaceAll('\xa0', ' ');
}
