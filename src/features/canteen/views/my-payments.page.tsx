/** "Mes paiements": the account's card payments, newest first, each with its receipt. */
import { formatDateTime } from '../../../lib/dates.ts';
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { SettledPaymentSummary } from '../../payments/payments.service.ts';
import { formatCents } from './format.ts';

export function MyPaymentsPage({ payments }: { payments: readonly SettledPaymentSummary[] }) {
  const { lang, messages } = usePage();
  const t = messages.parent.payments;
  return (
    <Layout title={t.title} section="myInvoices">
      <PageHeading text={t.title} lead={t.lead} />
      {payments.length === 0 ? (
        <div class="panel">
          <p>{t.none}</p>
        </div>
      ) : (
        <ul class="bill-list" aria-label={t.caption}>
          {payments.map((payment) => (
            <li class="panel bill-card" key={payment.reference}>
              <h2 class="heading-m">{payment.description}</h2>
              <dl class="summary-list">
                <div class="summary-list__row">
                  <dt>{t.paidAt}</dt>
                  <dd>{formatDateTime(payment.paidAt, lang)}</dd>
                </div>
                <div class="summary-list__row">
                  <dt>{t.amount}</dt>
                  <dd>
                    <strong>{formatCents(payment.amountCents, lang)}</strong>
                  </dd>
                </div>
                <div class="summary-list__row">
                  <dt>{t.reference}</dt>
                  <dd>{payment.reference}</dd>
                </div>
              </dl>
              <p>
                <a href={paths.canteen.receipt(payment.reference)} type="application/pdf">
                  {t.receipt}
                </a>
              </p>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={paths.canteen.invoices()}>{t.back}</a>
      </p>
    </Layout>
  );
}
