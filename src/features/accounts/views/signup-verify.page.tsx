/** What a verification link shows: success, or why it does not work and what to do next. */
import { paths } from '../../../paths.ts';
import { Notice, PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';

export type VerifyResult = 'verified' | 'used' | 'expired' | 'unknown';

export function SignUpVerifyPage({ result }: { result: VerifyResult }) {
  const { messages, user } = usePage();
  const t = messages.signUp.verify;
  if (result === 'verified') {
    return (
      <Layout title={t.successTitle}>
        <PageHeading text={t.successTitle} />
        <p>{t.successText}</p>
        <p>
          {user ? (
            <a class="button" href={paths.site.home()}>
              {t.goHome}
            </a>
          ) : (
            <a class="button" href={paths.accounts.login()}>
              {t.goLogin}
            </a>
          )}
        </p>
      </Layout>
    );
  }
  return (
    <Layout title={t.failedTitle}>
      <PageHeading text={t.failedTitle} />
      <Notice tone="warning">
        <p>{t[result]}</p>
      </Notice>
      {user ? (
        <>
          <p>{t.signedInNext}</p>
          <p>
            <a class="button" href={paths.accounts.signUpDone()}>
              {t.newLink}
            </a>
          </p>
        </>
      ) : (
        <>
          <p>{t.anonymousNext}</p>
          <p>
            <a class="button" href={paths.accounts.login(paths.accounts.signUpDone())}>
              {t.goLogin}
            </a>
          </p>
        </>
      )}
    </Layout>
  );
}
