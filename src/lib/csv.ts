/**
 * CSV in and out. Reading: UTF-8 (a BOM is dropped), `;` or `,` (taken from the header line),
 * CRLF or LF, double-quoted fields; a file that is not UTF-8 text is refused. Writing: `;`, CRLF,
 * and every cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is
 * neutralised with a leading apostrophe.
 */

export type CsvParse =
  | { readonly ok: true; readonly separator: ';' | ','; readonly header: string[]; readonly rows: CsvRow[] }
  | { readonly ok: false; readonly line?: number; readonly message: string };

export interface CsvRow {
  /** 1-based line of the file (the header is line 1). */
  readonly line: number;
  readonly cells: string[];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Parses `bytes`, whose first line must be exactly `expectedHeader` (in order), separated by `;` or `,`. */
export function parseCsv(bytes: Uint8Array, expectedHeader: readonly string[]): CsvParse {
  if (bytes.length === 0) return { ok: false, message: 'le fichier est vide' };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return { ok: false, message: 'le fichier n’est pas un texte UTF-8 (est-ce bien un fichier CSV ?)' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) return { ok: false, message: 'le fichier n’est pas un fichier CSV (contenu binaire)' };
  if (text.trim() === '') return { ok: false, message: 'le fichier est vide' };
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const expected = expectedHeader.join(';');
  const separator = firstLine.includes(';') ? ';' : firstLine.includes(',') ? ',' : undefined;
  if (!separator) {
    return {
      ok: false,
      line: 1,
      message: `en-tête attendu « ${expected} » (séparateur ; ou ,), trouvé « ${firstLine.slice(0, 120)} »`,
    };
  }
  const records = splitRecords(text, separator);
  if (!records.ok) return records;
  const [head, ...rest] = records.rows;
  const header = (head?.cells ?? []).map((h) => h.trim());
  const missing = expectedHeader.filter((h) => !header.includes(h));
  if (header.length !== expectedHeader.length || header.some((h, i) => h !== expectedHeader[i])) {
    return {
      ok: false,
      line: 1,
      message: `en-tête attendu « ${expected} » (séparateur ; ou ,), trouvé « ${header.join(separator).slice(0, 160)} »${
        missing.length > 0 ? ` ; colonne(s) manquante(s) : ${missing.join(', ')}` : ''
      }`,
    };
  }
  const rows = rest.filter((r) => !(r.cells.length === 1 && r.cells[0]?.trim() === ''));
  for (const row of rows) {
    if (row.cells.length !== header.length) {
      return {
        ok: false,
        line: row.line,
        message: `${row.cells.length} champ(s) au lieu de ${header.length} (séparateur « ${separator} » attendu)`,
      };
    }
  }
  return { ok: true, separator, header, rows };
}

function splitRecords(
  text: string,
  separator: string,
): { ok: true; rows: CsvRow[] } | { ok: false; line: number; message: string } {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (char === '\n') line++;
        cell += char;
      }
    } else if (char === '"' && cell === '') {
      quoted = true;
    } else if (char === separator) {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line++;
      recordLine = line;
    } else {
      cell += char;
    }
  }
  if (quoted) return { ok: false, line: recordLine, message: 'guillemet ouvert jamais fermé' };
  if (cell !== '' || cells.length > 0) {
    cells.push(cell);
    rows.push({ line: recordLine, cells });
  }
  return { ok: true, rows };
}

/** True when a spreadsheet would read the cell as a formula. */
export function looksLikeFormula(value: string): boolean {
  return /^[=+\-@\t\r]/.test(value);
}

/** One cell, quoted when needed, and neutralised when a spreadsheet would run it as a formula. */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && looksLikeFormula(text)) text = `'${text}`;
  return /[";\r\n,]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document: `;`-separated, CRLF line ends, every cell through `csvCell`. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(';')).join('\r\n') + '\r\n';
}
