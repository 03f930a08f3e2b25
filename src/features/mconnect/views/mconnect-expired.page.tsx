/** A first login that waited too long, or was used already. */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';

export function MconnectExpiredPage() {
  const { messages } = usePage();
  const t = messages.mconnect;
  return (
    <Layout title={t.expired.title}>
      <PageHeading text={t.expired.title} />
      <p>{t.expired.text}</p>
      <ul class="link-list">
        <li>
          <a href={paths.mconnect.login()}>{t.failed.retry}</a>
        </li>
        <li>
          <a href={paths.accounts.login()}>{t.failed.passwordLogin}</a>
        </li>
      </ul>
    </Layout>
  );
}
