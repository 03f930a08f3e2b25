/**
 * A bill: its summary, the lines per child, the VAT breakdown, how it will be paid (with the
 * payment reference and "Payer en ligne"), the creditor's legal details and the PDF.
 */
import { paths } from '../../../paths.ts';
import { Tag } from '../../../ui/components.tsx';
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
  const row = (label: string, value: string | preact.JSX.Element) => (
    <div class="summary-list__row">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
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
        {row(t.total, <strong>{formatMoney(bill.totalCents, lang)}</strong>)}
        {bill.paidCents > 0 ? row(t.paid, formatMoney(bill.paidCents, lang)) : null}
        {bill.status === 'partially_paid' ? row(t.remaining, formatMoney(remaining, lang)) : null}
        {bill.onlineDeadline ? row(t.onlineDeadline, formatDay(bill.onlineDeadline, lang)) : null}
        {bill.dueDate ? row(t.dueDate, formatDay(bill.dueDate, lang)) : null}
        {bill.paymentReference ? row(t.reference, <span class="nowrap">{bill.paymentReference}</span>) : null}
        {bill.issuedOn ? row(t.issuedOn, formatDay(bill.issuedOn, lang)) : null}
        {row(t.creditor, bill.creditor.name)}
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
        {row(t.vatRate, formatRate(bill.vatRateBasisPoints, lang))}
        {row(t.net, formatMoney(bill.netCents, lang))}
        {row(t.vatAmount, formatMoney(bill.vatCents, lang))}
        {row(t.gross, formatMoney(bill.totalCents, lang))}
      </dl>

      <h2 class="heading-l">{t.creditorDetails}</h2>
      <dl class="summary-list">
        {row(t.legalName, bill.creditor.name)}
        {bill.creditor.address ? row(t.address, bill.creditor.address) : null}
        {bill.creditor.registration ? row(t.registration, bill.creditor.registration) : null}
        {bill.creditor.vatNumber ? row(t.vatNumber, bill.creditor.vatNumber) : null}
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
