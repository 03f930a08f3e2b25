/**
 * The page the provider sends the browser back to: says exactly what happened to the payment.
 * While the result is not known it reloads itself (a meta refresh, and a link, no JavaScript).
 * In a basket, after a success, it offers the next card payment.
 */
import { paths } from '../../../paths.ts';
import { Notice } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { PostForm } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ReturnView } from '../payments.types.ts';
import { formatMoney } from '../../../lib/money.ts';

/** Seconds between two reloads of a payment not confirmed yet. */
export const PENDING_REFRESH_SECONDS = 3;

export function ReturnPage({
  view,
  token,
  csrfToken,
  retryPath,
}: {
  view: ReturnView;
  token: string;
  csrfToken: string;
  /** Where "Réessayer" leads (the basket page). */
  retryPath: string;
}) {
  const { lang, messages } = usePage();
  const t = messages.payments.result;
  const { attempt } = view;
  const amount = formatMoney(attempt.amountCents, lang);
  const back = (
    <p>
      <a href={view.returnPath}>{t.back}</a>
    </p>
  );
  const retry = (
    <p>
      <a class="button" href={retryPath}>
        {t.retry}
      </a>
    </p>
  );
  let title: string;
  let body: preact.JSX.Element;
  let refresh: number | undefined;
  switch (attempt.state) {
    case 'SUCCEEDED':
    case 'SUCCEEDED_LATE':
      title = t.paidTitle;
      body = (
        <>
          <Notice>
            <p>
              {attempt.state === 'SUCCEEDED'
                ? t.paid(amount, attempt.reference)
                : t.paidLate(amount, attempt.reference)}
            </p>
          </Notice>
          {view.receiptPath ? (
            <p>
              <a href={view.receiptPath} type="application/pdf">
                {t.receipt}
              </a>
            </p>
          ) : null}
          {view.next ? (
            <section aria-labelledby="paiement-suivant">
              <h2 class="heading-m" id="paiement-suivant">
                {t.nextTitle}
              </h2>
              <p>{t.next(view.next.position + 1, view.attempts.length, formatMoney(view.next.amountCents, lang))}</p>
              <PostForm action={paths.payments.continue(view.basketId)} csrfToken={csrfToken}>
                <button class="button" type="submit">
                  {t.continue}
                </button>
              </PostForm>
            </section>
          ) : (
            back
          )}
        </>
      );
      break;
    case 'DECLINED': {
      const reasons: Record<string, string> = t.reasons;
      title = t.declinedTitle;
      body = (
        <>
          <p>{t.declined(reasons[attempt.failureReason ?? ''] ?? t.reasons.other)}</p>
          {retry}
          {back}
        </>
      );
      break;
    }
    case 'CANCELLED':
      title = t.cancelledTitle;
      body = (
        <>
          <p>{t.cancelled}</p>
          {retry}
          {back}
        </>
      );
      break;
    case 'EXPIRED':
      title = t.expiredTitle;
      body = (
        <>
          <p>{t.expired}</p>
          {retry}
          {back}
        </>
      );
      break;
    case 'ERRORED':
    case 'START_FAILED':
      title = t.errorTitle;
      body = (
        <>
          <p>{t.error}</p>
          {retry}
          {back}
        </>
      );
      break;
    case 'NEEDS_REVIEW':
      title = t.reviewTitle;
      body = (
        <>
          <p>{t.review}</p>
          <p>{attempt.reference}</p>
          {back}
        </>
      );
      break;
    default:
      title = t.pendingTitle;
      refresh = PENDING_REFRESH_SECONDS;
      body = (
        <>
          <p>{t.pending}</p>
          <p>
            <a class="button" href={paths.payments.return(token)}>
              {t.refresh}
            </a>
          </p>
        </>
      );
  }
  return (
    <Layout title={title} section="myInvoices" refreshSeconds={refresh}>
      <h1 class="heading-xl">{title}</h1>
      <p class="lead">{`${attempt.description} — ${amount}`}</p>
      {body}
    </Layout>
  );
}
