/**
 * A procedure needs a stronger login than the one of this session: only MConnect at the required
 * level of assurance will do (shown by any feature that gates on a level).
 */
import { paths } from '../paths.ts';
import { PageHeading } from './components.tsx';
import { usePage } from './context.ts';
import { Layout } from './layout.tsx';
import { MconnectLogin } from './mconnect-button.tsx';

export function AssuranceRequiredPage({ loginUrl }: { loginUrl: string }) {
  const { messages } = usePage();
  const t = messages.mconnect.assurance;
  return (
    <Layout title={t.title}>
      <PageHeading text={t.title} />
      <p>{t.text}</p>
      <MconnectLogin href={loginUrl} />
      <p>
        <a href={paths.site.help()}>{messages.portal.layout.footerLinks.help}</a>
      </p>
    </Layout>
  );
}
