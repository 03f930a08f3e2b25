/** An MConnect login that ended without an identity: why, and a way on. */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { MconnectFailureReason } from '../mconnect.client.ts';

export function MconnectFailedPage({ reason }: { reason: MconnectFailureReason | 'no_transaction' }) {
  const { messages } = usePage();
  const t = messages.mconnect.failed;
  const page = t[reason];
  return (
    <Layout title={page.title}>
      <PageHeading text={page.title} />
      <p>{page.text}</p>
      <ul class="link-list">
        {reason !== 'unavailable' ? (
          <li>
            <a href={paths.mconnect.login()}>{t.retry}</a>
          </li>
        ) : null}
        <li>
          <a href={paths.accounts.login()}>{t.passwordLogin}</a>
        </li>
      </ul>
    </Layout>
  );
}
