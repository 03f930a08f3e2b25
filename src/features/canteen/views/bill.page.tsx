/**
 * A bill: its summary, the lines per child, the VAT breakdown, how it will be paid (with the
 * payment reference and "Payer en ligne"), the creditor's legal details and the PDF.
 */
import { paths } from '../../../paths.ts';
import { SummaryRow, Tag } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { ParentBill } from '../parent.service.ts';
import { linesPerChild } from './bill-lines.ts';
import { formatDay, formatDayMonth, formatMonth, formatRate } from './format.ts';
import { formatMoney } from '../../../lib/money.ts';

export function BillPage({ bill }: { bill: ParentBill }) {
  const { lang, messages } = usePage();
  const t = messages.parent.bill;
  const title = t.title(bill.number ?? '');
  const remaining = bill.totalCents - bill.paidCents;
  return (
    <Layout
      title={title}
      section="myInvoices"
      breadcrumbs={[{ text: messages.parent.bills.title, href: paths.canteen.invoices() }]}
    >
      <h1 class="heading-xl">{title}</h1>
      <p class="lead">{`${bill.establishmentName} — ${formatMonth(bill.month, lang)}`}</p>
      <p>
        <Tag text={messages.canteen.invoiceStatus[bill.status]} tone={bill.status === 'paid' ? 'online' : 'neutral'} />
      </p>
      <h2 class="visually-hidden">{t.summary}</h2>
      <dl class="summary-list">
        <SummaryRow label={t.total}>
          <strong>{formatMoney(bill.totalCents, lang)}</strong>
        </SummaryRow>
        {bill.paidCents > 0 ? <SummaryRow label={t.paid}>{formatMoney(bill.paidCents, lang)}</SummaryRow> : null}
        {bill.status === 'partially_paid' ? (
          <SummaryRow label={t.remaining}>{formatMoney(remaining, lang)}</SummaryRow>
        ) : null}
        {bill.onlineDeadline ? (
          <SummaryRow label={t.onlineDeadline}>{formatDay(bill.onlineDeadline, lang)}</SummaryRow>
        ) : null}
        {bill.dueDate ? <SummaryRow label={t.dueDate}>{formatDay(bill.dueDate, lang)}</SummaryRow> : null}
        {bill.paymentReference ? (
          <SummaryRow label={t.reference}>
            <span class="nowrap">{bill.paymentReference}</span>
          </SummaryRow>
        ) : null}
        {bill.issuedOn ? <SummaryRow label={t.issuedOn}>{formatDay(bill.issuedOn, lang)}</SummaryRow> : null}
        <SummaryRow label={t.creditor}>{bill.creditor.name}</SummaryRow>
      </dl>

      <h2 class="heading-l">{t.howToPay}</h2>
      {bill.status === 'paid' ? (
        <p>{t.paidText}</p>
      ) : bill.status === 'cancelled' ? (
        <p>{t.cancelledText}</p>
      ) : (
        <div class="panel">
          <p>{t.payOnline}</p>
          <p>
            <a class="button" href={paths.canteen.pay()}>
              {t.payOnlineButton}
            </a>
          </p>
          {bill.paymentReference ? (
            <p>
              <strong>{t.payReference(bill.paymentReference)}</strong>
            </p>
          ) : null}
        </div>
      )}

      <h2 class="heading-l">{t.lines}</h2>
      {linesPerChild(bill.lines).map((group) => (
        <table class="table table--compact" key={group.name}>
          <caption>{t.linesCaption(group.name)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.period}</th>
              <th scope="col">{t.quantity}</th>
              <th scope="col" class="num">
                {t.lineTotal}
              </th>
            </tr>
          </thead>
          <tbody>
            {group.lines.map((line) => (
              <tr key={`${line.periodStart}-${line.unitPriceCents}`}>
                <td>{t.periodText(formatDayMonth(line.periodStart, lang), formatDayMonth(line.periodEnd, lang))}</td>
                <td class="nowrap">
                  {`${line.quantity} × ${formatMoney(line.unitPriceCents, lang)}`}
                  {line.sharePercent < 100 ? ` (${t.share} ${formatRate(line.sharePercent * 100, lang)})` : ''}
                </td>
                <td class="num">{formatMoney(line.totalCents, lang)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                {t.subtotal(group.name)}
              </th>
              <td class="num">
                <strong>{formatMoney(group.totalCents, lang)}</strong>
              </td>
            </tr>
          </tfoot>
        </table>
      ))}

      <h3 class="heading-m">{t.vatCaption}</h3>
      <dl class="summary-list">
        <SummaryRow label={t.vatRate}>{formatRate(bill.vatRateBasisPoints, lang)}</SummaryRow>
        <SummaryRow label={t.net}>{formatMoney(bill.netCents, lang)}</SummaryRow>
        <SummaryRow label={t.vatAmount}>{formatMoney(bill.vatCents, lang)}</SummaryRow>
        <SummaryRow label={t.gross}>{formatMoney(bill.totalCents, lang)}</SummaryRow>
      </dl>

      <h2 class="heading-l">{t.creditorDetails}</h2>
      <dl class="summary-list">
        <SummaryRow label={t.legalName}>{bill.creditor.name}</SummaryRow>
        {bill.creditor.address ? <SummaryRow label={t.address}>{bill.creditor.address}</SummaryRow> : null}
        {bill.creditor.registration ? (
          <SummaryRow label={t.registration}>{bill.creditor.registration}</SummaryRow>
        ) : null}
        {bill.creditor.vatNumber ? <SummaryRow label={t.vatNumber}>{bill.creditor.vatNumber}</SummaryRow> : null}
      </dl>

      <p>
        <a class="button button--secondary" href={paths.canteen.invoicePdf(bill.id)}>
          {t.pdf}
        </a>
      </p>
      <p>
        <a href={paths.canteen.invoices()}>{t.back}</a>
      </p>
    </Layout>
  );
}
