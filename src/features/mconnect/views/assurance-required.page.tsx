/** A procedure that requires a level of assurance, started after a password login (or a lower one). */
import { routes } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';

export function AssuranceRequiredPage({ loginUrl }: { loginUrl: string }) {
  const { messages } = usePage();
  const t = messages.mconnect.assurance;
  return (
    <Layout title={t.title}>
      <PageHeading text={t.title} />
      <p>{t.text}</p>
      <p>
        <a class="button" href={loginUrl}>
          {messages.mconnect.button}
        </a>
      </p>
      <p>
        <a href={routes.help.url()}>{messages.portal.layout.footerLinks.help}</a>
      </p>
    </Layout>
  );
}
