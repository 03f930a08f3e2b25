/** One dossier: its reference, state, and the timeline of what happened. */
import { formatDateTime } from '../../../lib/dates.ts';
import { formatMoney } from '../../../lib/money.ts';
import { paths } from '../../../paths.ts';
import { PageHeading, SummaryRow, Tag } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { Dossier, DossierEvent } from '../dossiers.service.ts';

export function DossierPage({ dossier, events }: { dossier: Dossier; events: readonly DossierEvent[] }) {
  const { lang, messages } = usePage();
  const t = messages.procedures;
  const eventLabel = (kind: string) =>
    kind in t.events && kind !== 'other' ? t.events[kind as keyof typeof t.events] : t.events.other;
  const amountOf = (details: DossierEvent['details']) =>
    typeof details.amountCents === 'number' && Number.isSafeInteger(details.amountCents)
      ? formatMoney(details.amountCents, lang)
      : null;
  return (
    <Layout
      title={dossier.title[lang]}
      section="myProcedures"
      breadcrumbs={[{ text: t.list.title, href: paths.dossiers.mine() }]}
    >
      <PageHeading text={dossier.title[lang]} />
      <dl class="summary-list">
        <SummaryRow label={t.detail.referenceLabel}>{dossier.reference}</SummaryRow>
        <SummaryRow label={t.detail.statusLabel}>
          <Tag text={t.states[dossier.status]} tone={dossier.status === 'terminee' ? 'online' : 'neutral'} />
        </SummaryRow>
        <SummaryRow label={t.detail.startedLabel}>{formatDateTime(dossier.createdAt, lang)}</SummaryRow>
      </dl>
      <h2 class="heading-m">{t.detail.timelineHeading}</h2>
      <ol class="timeline">
        {events.map((event, index) => {
          const to =
            typeof event.details.to === 'string' && event.details.to in t.states
              ? t.states[event.details.to as keyof typeof t.states]
              : null;
          const amount = amountOf(event.details);
          const payment =
            event.kind.startsWith('invoice_') && typeof event.details.payment === 'string'
              ? event.details.payment
              : null;
          return (
            <li class="timeline__item" key={index}>
              <p class="timeline__title">
                {eventLabel(event.kind)}
                {amount ? ` (${amount})` : ''}
                {to ? ` : ${to}` : ''}
              </p>
              {payment ? <p class="timeline__date">{t.byPayment(payment)}</p> : null}
              <p class="timeline__date">{formatDateTime(event.occurredAt, lang)}</p>
            </li>
          );
        })}
      </ol>
      <p>{t.detail.helpText(dossier.reference)}</p>
      <p>
        <a href={paths.dossiers.mine()}>{t.detail.back}</a>
      </p>
    </Layout>
  );
}
