/**
 * The sandbox payment provider's settlement report as a CSV file, defined once for both of its
 * sides: the sandbox (dev/psp-sandbox) writes it, the payments feature's sandbox adapter reads it.
 * Comma-separated, CRLF, RFC 4180 quoting; one row per settled transaction (`payment`, or `refund`
 * with negative amounts), one `day_total` row per day of the period, one `total` row; amounts in
 * euros with two decimals and a point (`-5.57`), dates `YYYY-MM-DD` (days in Monaco).
 */
import { cents, formatEuros, type Cents } from './money.ts';

export const SANDBOX_SETTLEMENT_COLUMNS = [
  'merchant_id',
  'date',
  'type',
  'session_id',
  'refund_id',
  'merchant_reference',
  'gross',
  'fees',
  'net',
  'currency',
] as const;

export type SandboxSettlementRowType = 'payment' | 'refund' | 'day_total' | 'total';

/** One row of the report; `date` is '' on the `total` row, the ids are '' on totals. */
export interface SandboxSettlementRow {
  readonly merchantId: string;
  readonly date: string;
  readonly type: SandboxSettlementRowType;
  readonly sessionId: string;
  readonly refundId: string;
  readonly merchantReference: string;
  readonly gross: number;
  readonly fees: number;
  readonly net: number;
}

const AMOUNT = /^(-?)(\d{1,9})\.(\d{2})$/;

/** An amount cell (`12.34`, `-0.05`) → cents, exactly; undefined for anything else. */
export function parseSettlementAmount(text: string): Cents | undefined {
  const match = AMOUNT.exec(text);
  if (!match) return undefined;
  const value = Number.parseInt(match[2] ?? '', 10) * 100 + Number.parseInt(match[3] ?? '', 10);
  return cents(match[1] === '-' ? -value : value);
}

const cell = (value: string) => (/[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
/** A reference that a spreadsheet would read as a formula is written as text. */
const textCell = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** The report's file: the header, then the rows in the order given. */
export function writeSandboxSettlementCsv(rows: readonly SandboxSettlementRow[]): string {
  const lines = [SANDBOX_SETTLEMENT_COLUMNS.join(',')];
  for (const row of rows)
    lines.push(
      [
        row.merchantId,
        row.date,
        row.type,
        row.sessionId,
        row.refundId,
        textCell(row.merchantReference),
        formatEuros(cents(row.gross)),
        formatEuros(cents(row.fees)),
        formatEuros(cents(row.net)),
        'EUR',
      ]
        .map(cell)
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}
