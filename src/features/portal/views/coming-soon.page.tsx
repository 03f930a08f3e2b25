/** Account pages not opened yet (sign-up, recovery): they say the service is coming. */
import { routes } from '../../../paths.ts';
import { Notice, PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';

export function ComingSoonPage({ which }: { which: 'signUp' | 'forgottenIdentifier' | 'forgottenPassword' }) {
  const { m } = usePage();
  const c = m.comingSoon;
  const title = { signUp: c.signUpTitle, forgottenIdentifier: c.forgottenIdentifierTitle, forgottenPassword: c.forgottenPasswordTitle }[which];
  return (
    <Layout title={title}>
      <PageHeading text={title} />
      <Notice>
        <h2 class="heading-m">{c.heading}</h2>
        <p>{c.text}</p>
      </Notice>
      <p>
        <a href={routes.help.url()}>{c.help}</a>
      </p>
    </Layout>
  );
}
