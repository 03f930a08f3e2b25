/** The confirmation of a link, showing both identities. */
import { paths } from '../../../paths.ts';
import { PageHeading, SummaryRow } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { PostForm } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { IdentityClaims } from '../mconnect.client.ts';
import { fullName } from './identity-text.ts';

export function ConfirmLinkPage({
  csrfToken,
  claims,
  identifier,
}: {
  csrfToken: string;
  claims: IdentityClaims;
  identifier: string;
}) {
  const { messages } = usePage();
  const t = messages.mconnect.confirm;
  return (
    <Layout title={t.title}>
      <PageHeading text={t.title} />
      <dl class="summary-list">
        <SummaryRow label={t.identity}>{fullName(claims)}</SummaryRow>
        <SummaryRow label={t.account}>{identifier}</SummaryRow>
      </dl>
      <p>{t.text}</p>
      <PostForm action={paths.mconnect.confirm()} csrfToken={csrfToken}>
        <div class="button-group">
          <button class="button" type="submit">
            {t.submit}
          </button>
          <button class="button button--secondary" type="submit" name="annuler" value="oui">
            {messages.mconnect.firstLogin.cancel}
          </button>
        </div>
      </PostForm>
    </Layout>
  );
}
