/** "Mes paiements": the account's card payments, newest first, each with its receipt. */
import { formatDateTime } from '../../../lib/dates.ts';
import { paths } from '../../../paths.ts';
import { PageHeading, SummaryRow } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { SettledPaymentSummary } from '../../payments/payments.service.ts';
import { formatMoney } from '../../../lib/money.ts';

/** A child linked as a payer and the years the account's payments settled their bills (newest first). */
export interface ChildCertificates {
  readonly pupilId: string;
  readonly name: string;
  readonly years: readonly number[];
}

export function MyPaymentsPage({
  payments,
  certificates = [],
}: {
  payments: readonly SettledPaymentSummary[];
  certificates?: readonly ChildCertificates[];
}) {
  const { lang, messages } = usePage();
  const t = messages.parent.payments;
  const c = messages.parent.certificate;
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
                <SummaryRow label={t.paidAt}>{formatDateTime(payment.paidAt, lang)}</SummaryRow>
                <SummaryRow label={t.amount}>
                  <strong>{formatMoney(payment.amountCents, lang)}</strong>
                </SummaryRow>
                <SummaryRow label={t.reference}>{payment.reference}</SummaryRow>
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
      {certificates.length > 0 ? (
        <section aria-labelledby="attestations">
          <h2 class="heading-l" id="attestations">
            {c.heading}
          </h2>
          <p>{c.lead}</p>
          {certificates.map((child) => (
            <div key={child.pupilId}>
              <h3 class="heading-m">{child.name}</h3>
              <ul class="link-list">
                {child.years.map((year) => (
                  <li key={year}>
                    <a href={paths.canteen.certificate(child.pupilId, year)} type="application/pdf">
                      {c.link(year)}
                    </a>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
      <p>
        <a href={paths.canteen.invoices()}>{t.back}</a>
      </p>
    </Layout>
  );
}
