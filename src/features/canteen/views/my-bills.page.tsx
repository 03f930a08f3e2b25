/** "Mes factures": every bill the account may read, unpaid first; optionally one establishment's. */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import { isPayable } from '../invoice.states.ts';
import type { BillSummary } from '../parent.service.ts';
import { BillCard } from './bill-card.tsx';

export function MyBillsPage({
  bills,
  establishmentName,
}: {
  bills: readonly BillSummary[];
  /** Set when the list shows one establishment's bills (from its procedure's "Commencer"). */
  establishmentName?: string | undefined;
}) {
  const { messages } = usePage();
  const t = messages.parent.bills;
  const title = establishmentName ? t.filtered(establishmentName) : t.title;
  return (
    <Layout title={title} section="myInvoices">
      <PageHeading text={title} lead={t.lead} />
      {establishmentName ? (
        <p>
          <a href={paths.canteen.invoices()}>{t.showAll}</a>
        </p>
      ) : null}
      {bills.length === 0 ? (
        <div class="panel">
          <p>{t.none}</p>
          <p>{t.noneLinkHint}</p>
          <p>
            <a class="button" href={paths.canteen.children()}>
              {messages.parent.children.title}
            </a>
          </p>
        </div>
      ) : (
        <>
          {bills.some((b) => isPayable(b.status)) ? (
            <p>
              <a class="button" href={paths.canteen.pay()}>
                {messages.payments.basket.payLink}
              </a>
            </p>
          ) : null}
          <ul class="bill-list" aria-label={t.caption}>
            {bills.map((bill) => (
              <BillCard key={bill.id} bill={bill} />
            ))}
          </ul>
          <p>
            <a href={paths.canteen.payments()}>{messages.parent.payments.link}</a>
          </p>
        </>
      )}
    </Layout>
  );
}
