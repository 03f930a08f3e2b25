/**
 * "Votre facture de cantine est disponible": sent to each payer when a month is published, in
 * their language. A guardian without an account is told to create one with this same address.
 */
import { messagesFor } from '../../i18n/index.ts';
import type { MailTemplate } from './mail.templates.tsx';

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

const LOCALES = { fr: 'fr-MC', en: 'en-GB' } as const;

export const billAvailable: MailTemplate<BillAvailableData> = (data, lang) => {
  const m = messagesFor(lang).canteen.billMail;
  const [year, month] = data.month.split('-').map(Number);
  const monthLabel = new Intl.DateTimeFormat(LOCALES[lang], { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year ?? 2000, (month ?? 1) - 1, 1)),
  );
  const amount = new Intl.NumberFormat(LOCALES[lang], { style: 'currency', currency: 'EUR' }).format(
    // The exact decimal text, never a float: Intl formats a numeric string as written.
    `${Math.trunc(data.totalCents / 100)}.${String(data.totalCents % 100).padStart(2, '0')}` as `${number}`,
  );
  const deadline = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${data.onlineDeadline}T00:00:00Z`),
  );
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
