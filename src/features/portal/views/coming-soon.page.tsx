/** The login and sign-up entry points, which say the service is coming until accounts exist. */
import { routes } from '../../../paths.ts';
import { Notice, PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';

export function ComingSoonPage({ which, returnTo }: { which: 'login' | 'signUp'; returnTo?: string | undefined }) {
  const { m } = usePage();
  const c = m.comingSoon;
  const title = which === 'login' ? c.loginTitle : c.signUpTitle;
  return (
    <Layout title={title}>
      <PageHeading text={title} />
      <Notice>
        <h2 class="heading-m">{c.heading}</h2>
        <p>{c.text}</p>
      </Notice>
      {returnTo ? <p>{c.returnNote}</p> : null}
      <p>
        <a href={routes.help.url()}>{c.help}</a>
      </p>
    </Layout>
  );
}
