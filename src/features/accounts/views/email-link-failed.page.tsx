/** A change-of-address link that is unknown, used or expired. */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';

export function EmailLinkFailedPage({ reason }: { reason: 'unknown' | 'used' | 'expired' }) {
  const { messages } = usePage();
  const t = messages.profile.emailChange;
  return (
    <Layout title={t.failedTitle}>
      <PageHeading text={t.failedTitle} />
      <p>{t.failedText[reason]}</p>
      <p>
        <a href={paths.accounts.profileEmail()}>{t.failedAction}</a>
      </p>
    </Layout>
  );
}
