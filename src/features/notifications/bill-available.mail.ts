/**
 * "Votre facture de cantine est disponible": sent to each payer when a month is published, in
 * their language. A guardian without an account is told to create one with this same address.
 */
import { messagesFor } from '../../i18n/index.ts';
import { formatDay, formatMonth } from '../../lib/dates.ts';
import type { MailTemplate } from './mail.templates.tsx';
import { formatMoney } from '../../lib/money.ts';

export interface BillAvailableData {
  readonly payerEmail: string;
  readonly establishmentName: string;
  readonly creditorName: string;
  /** YYYY-MM */
  readonly month: string;
  readonly number: string;
  readonly totalCents: number;
  /** YYYY-MM-DD */
  readonly onlineDeadline: string;
  readonly hasAccount: boolean;
  /** Absolute links: the bills page, and the sign-up page for a guardian without an account. */
  readonly invoicesUrl: string;
  readonly signUpUrl: string;
}

export const billAvailable: MailTemplate<BillAvailableData> = (data, lang) => {
  const m = messagesFor(lang).canteen.billMail;
  const monthLabel = formatMonth(data.month, lang);
  const amount = formatMoney(data.totalCents, lang);
  const deadline = formatDay(data.onlineDeadline, lang);
  return {
    subject: m.subject,
    title: m.title,
    body: [
      m.intro(data.establishmentName, monthLabel),
      m.details(data.number, amount, deadline),
      m.creditor(data.creditorName),
      ...(data.hasAccount ? [] : [m.noAccount(data.payerEmail)]),
    ],
    action: data.hasAccount
      ? { label: m.action, url: data.invoicesUrl }
      : { label: m.actionNoAccount, url: data.signUpUrl },
    footnotes: [m.footnote],
  };
};
