/** A bill in a list: number, child(ren), establishment, month, status, amount and due date. */
import { paths } from '../../../paths.ts';
import { SummaryRow, Tag } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { keptFor } from '../../../ui/kept-html.ts';
import { isPayable } from '../invoice.states.ts';
import type { BillSummary } from '../parent.service.ts';
import { formatDay, formatMonth } from './format.ts';
import { formatMoney } from '../../../lib/money.ts';

/**
 * The card's content is rendered once per language and every value it shows, and kept (a list
 * page shows the same dozen bills to its family on every visit).
 */
export function BillCard({ bill, headingLevel = 2 }: { bill: BillSummary; headingLevel?: 2 | 3 }) {
  const { lang } = usePage();
  const shown = [
    headingLevel,
    bill.id,
    bill.number,
    bill.month,
    bill.status,
    bill.totalCents,
    bill.paidCents,
    bill.onlineDeadline,
    bill.establishmentName,
    bill.childNames,
  ];
  return (
    <li
      class={`panel bill-card${isPayable(bill.status) ? ' bill-card--unpaid' : ''}`}
      dangerouslySetInnerHTML={{
        __html: keptFor(shown, lang, () => <BillCardContent bill={bill} headingLevel={headingLevel} />),
      }}
    />
  );
}

function BillCardContent({ bill, headingLevel }: { bill: BillSummary; headingLevel: 2 | 3 }) {
  const { lang, messages } = usePage();
  const t = messages.parent.bills;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
      <Heading class="heading-m">
        <a href={paths.canteen.invoice(bill.id)}>
          {`${messages.parent.bill.title(bill.number ?? '')} — ${formatMonth(bill.month, lang)}`}
        </a>
      </Heading>
      <p>
        <Tag text={messages.canteen.invoiceStatus[bill.status]} tone={bill.status === 'paid' ? 'online' : 'neutral'} />
      </p>
      <dl class="summary-list">
        <SummaryRow label={t.children}>{bill.childNames.join(', ')}</SummaryRow>
        <SummaryRow label={t.establishment}>{bill.establishmentName}</SummaryRow>
        <SummaryRow label={t.amount}>
          <strong>{formatMoney(bill.totalCents, lang)}</strong>
          {bill.status === 'partially_paid' ? ` (${t.toPay(formatMoney(bill.totalCents - bill.paidCents, lang))})` : ''}
        </SummaryRow>
        {isPayable(bill.status) && bill.onlineDeadline ? (
          <SummaryRow label={t.dueDate}>{formatDay(bill.onlineDeadline, lang)}</SummaryRow>
        ) : null}
      </dl>
    </>
  );
}
