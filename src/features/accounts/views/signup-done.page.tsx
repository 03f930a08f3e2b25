/**
 * "Vérifiez vos e-mails": where the link went, and a form to have it sent again. Reached from
 * "Commencer" by a person whose address is not verified yet, it says first that this is why the
 * procedure cannot start, and how to get a new link.
 */
import { paths } from '../../../paths.ts';
import { Notice, PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { PostForm } from '../../../ui/forms.tsx';
import { Layout } from '../../../ui/layout.tsx';

export interface SignUpDonePageProps {
  readonly email: string;
  readonly verified: boolean;
  readonly resent: boolean;
  /** The procedure whose "Commencer" sent the person here, to go back to once verified. */
  readonly procedurePath?: string | undefined;
  readonly csrfToken: string;
}

export function SignUpDonePage({ email, verified, resent, procedurePath, csrfToken }: SignUpDonePageProps) {
  const { messages } = usePage();
  const t = messages.signUp.done;
  if (verified) {
    return (
      <Layout title={t.alreadyVerified}>
        <PageHeading text={t.alreadyVerified} />
        <p>
          {procedurePath ? (
            <a class="button" href={procedurePath}>
              {t.resumeProcedure}
            </a>
          ) : (
            <a class="button" href={paths.site.home()}>
              {t.home}
            </a>
          )}
        </p>
      </Layout>
    );
  }
  const resentNotice = resent ? (
    <Notice>
      <p>{t.resent}</p>
    </Notice>
  ) : null;
  const sentTo = (
    <>
      <p>{t.sentTo}</p>
      <p class="signup-email">
        <strong>{email}</strong>
      </p>
    </>
  );
  if (procedurePath) {
    const b = t.blocked;
    return (
      <Layout title={b.title}>
        {resentNotice}
        <PageHeading text={b.title} lead={b.why} />
        {sentTo}
        <p>{b.next}</p>
        <h2 class="heading-m">{b.newLinkHeading}</h2>
        <p>{b.newLinkText}</p>
        <PostForm action={paths.accounts.resendVerification()} csrfToken={csrfToken}>
          <button class="button button--secondary" type="submit">
            {b.resend}
          </button>
        </PostForm>
      </Layout>
    );
  }
  return (
    <Layout title={t.title}>
      {resentNotice}
      <PageHeading text={t.title} lead={resent ? undefined : t.created} />
      {sentTo}
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
