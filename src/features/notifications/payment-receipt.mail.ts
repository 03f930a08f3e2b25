/**
 * "Votre paiement est confirmé": sent once per settled card payment (queued in the payment's own
 * transaction), in the payer's language, with the bills it settled and the link to its receipt.
 */
import { z } from 'zod';
import { formatDateTime } from '../../lib/dates.ts';
import { messagesFor } from '../../i18n/index.ts';
import { formatMonth } from '../../lib/dates.ts';
import type { MailTemplate } from './mail.templates.tsx';
import { formatMoney } from '../../lib/money.ts';

export interface PaymentReceiptMailData {
  readonly reference: string;
  readonly amountCents: number;
  readonly paidAt: Date;
  readonly creditorName: string;
  readonly bills: readonly {
    readonly number: string;
    readonly establishmentName: string;
    /** YYYY-MM */
    readonly month: string;
    readonly paidCents: number;
  }[];
  /** Absolute link to the receipt PDF (behind login). */
  readonly receiptUrl: string;
}

/**
 * The same data as it travels in a mail job (JSON: the date as its ISO text), checked when the job
 * is queued and again when the worker renders it.
 */
export const paymentReceiptDataSchema = z.object({
  reference: z.string().min(1).max(100),
  amountCents: z.number().int().nonnegative(),
  paidAt: z.coerce.date(),
  creditorName: z.string().max(200),
  bills: z
    .array(
      z.object({
        number: z.string().max(100),
        establishmentName: z.string().max(200),
        month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
        paidCents: z.number().int().nonnegative(),
      }),
    )
    .max(500)
    .readonly(),
  receiptUrl: z.url({ protocol: /^https?$/ }),
}) satisfies z.ZodType<PaymentReceiptMailData, unknown>;

export const paymentReceipt: MailTemplate<PaymentReceiptMailData> = (data, lang) => {
  const m = messagesFor(lang).canteen.receiptMail;
  const amount = formatMoney(data.amountCents, lang);
  return {
    subject: m.subject(amount),
    title: m.title,
    body: [
      m.intro(amount, data.creditorName, formatDateTime(data.paidAt, lang)),
      m.billsIntro,
      {
        items: data.bills.map((b) =>
          m.bill(b.number, b.establishmentName, formatMonth(b.month, lang), formatMoney(b.paidCents, lang)),
        ),
      },
      m.reference(data.reference),
    ],
    action: { label: m.action, url: data.receiptUrl },
    footnotes: [m.footnote],
  };
};
