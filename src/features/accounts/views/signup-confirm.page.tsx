/** What a verification link opens: the address it verifies and a button (a POST), so opening the link changes nothing. */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { PostForm } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';

export function SignUpConfirmPage({ csrfToken, token, email }: { csrfToken: string; token: string; email: string }) {
  const { messages } = usePage();
  const t = messages.signUp.verify;
  return (
    <Layout title={t.confirmTitle}>
      <PageHeading text={t.confirmTitle} />
      <p>{t.confirmText(email)}</p>
      <PostForm action={paths.accounts.verifyEmail(token)} csrfToken={csrfToken}>
        <button class="button" type="submit">
          {t.confirmSubmit}
        </button>
      </PostForm>
    </Layout>
  );
}
