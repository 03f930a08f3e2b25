/** "Vérifiez vos e-mails": where the link went, and a form to have it sent again. */
import { paths } from '../../../paths.ts';
import { Notice, PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { PostForm } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';

export interface SignUpDonePageProps {
  readonly email: string;
  readonly verified: boolean;
  readonly resent: boolean;
  readonly csrfToken: string;
}

export function SignUpDonePage({ email, verified, resent, csrfToken }: SignUpDonePageProps) {
  const { messages } = usePage();
  const t = messages.signUp.done;
  if (verified) {
    return (
      <Layout title={t.alreadyVerified}>
        <PageHeading text={t.alreadyVerified} />
        <p>
          <a class="button" href={paths.site.home()}>
            {t.home}
          </a>
        </p>
      </Layout>
    );
  }
  return (
    <Layout title={t.title}>
      {resent ? (
        <Notice>
          <p>{t.resent}</p>
        </Notice>
      ) : null}
      <PageHeading text={t.title} lead={resent ? undefined : t.created} />
      <p>{t.sentTo}</p>
      <p class="signup-email">
        <strong>{email}</strong>
      </p>
      <p>{t.validity}</p>
      <p>{t.spam}</p>
      <PostForm action={paths.accounts.resendVerification()} csrfToken={csrfToken}>
        <button class="button button--secondary" type="submit">
          {t.resend}
        </button>
      </PostForm>
    </Layout>
  );
}
