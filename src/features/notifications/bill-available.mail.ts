/**
 * "Votre facture de cantine est disponible": sent to each payer when a month is published, in
 * their language. A guardian without an account is told to create one with this same address; one
 * whose account uses this address but is not linked to the child yet, to sign in and confirm their
 * children in "Mes enfants".
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
  /**
   * `linked`: the payer's account is linked to the child (the bill is in "Mes factures");
   * `unlinked`: an account uses this address, not linked yet; `none`: no account uses it.
   */
  readonly account: 'linked' | 'unlinked' | 'none';
  /** Absolute links: the bills page, the children page (to link), the sign-up page. */
  readonly invoicesUrl: string;
  readonly childrenUrl: string;
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
      ...(data.account === 'none'
        ? [m.noAccount(data.payerEmail)]
        : data.account === 'unlinked'
          ? [m.unlinkedAccount(data.payerEmail)]
          : []),
    ],
    action:
      data.account === 'linked'
        ? { label: m.action, url: data.invoicesUrl }
        : data.account === 'unlinked'
          ? { label: m.actionUnlinked, url: data.childrenUrl }
          : { label: m.actionNoAccount, url: data.signUpUrl },
    footnotes: [m.footnote],
  };
};
