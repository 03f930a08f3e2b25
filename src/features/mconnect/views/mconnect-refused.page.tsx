/** A link refused: the identity or the account is linked already, or the account was not proven. */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';

export function MconnectRefusedPage({ reason }: { reason: 'identity_taken' | 'account_has_identity' | 'not_proven' }) {
  const { messages } = usePage();
  const t = messages.mconnect;
  return (
    <Layout title={t.refused.title}>
      <PageHeading text={t.refused.title} />
      <p>{t.refused[reason]}</p>
      <ul class="link-list">
        <li>
          <a href={paths.accounts.login()}>{t.failed.passwordLogin}</a>
        </li>
        <li>
          <a href={paths.site.help()}>{messages.portal.layout.footerLinks.help}</a>
        </li>
      </ul>
    </Layout>
  );
}
