/** An identity without names or date of birth: no account can be created from it. */
import { paths } from '../../../paths.ts';
import { Notice, PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';

export function IncompleteIdentityPage() {
  const { messages } = usePage();
  const t = messages.mconnect.create;
  return (
    <Layout title={t.incompleteTitle}>
      <PageHeading text={t.incompleteTitle} />
      <Notice tone="warning">
        <p>{t.incompleteText}</p>
      </Notice>
      <ul class="link-list">
        <li>
          <a href={paths.accounts.signUp()}>{messages.portal.layout.signUp}</a>
        </li>
        <li>
          <a href={paths.site.help()}>{messages.portal.layout.footerLinks.help}</a>
        </li>
      </ul>
    </Layout>
  );
}
