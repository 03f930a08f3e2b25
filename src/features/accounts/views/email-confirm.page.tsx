/** The page a change-of-address link opens: the address, and a button to confirm it. */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { PostForm } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';

/** What a change link opens: the address it confirms, and a button (a link alone changes nothing). */
export function EmailConfirmPage({ csrfToken, token, email }: { csrfToken: string; token: string; email: string }) {
  const { messages } = usePage();
  const t = messages.profile.emailChange;
  return (
    <Layout title={t.confirmTitle}>
      <PageHeading text={t.confirmTitle} />
      <p>{t.confirmText(email)}</p>
      <PostForm action={paths.accounts.confirmEmailChange(token)} csrfToken={csrfToken}>
        <button class="button" type="submit">
          {t.confirmSubmit}
        </button>
      </PostForm>
    </Layout>
  );
}
