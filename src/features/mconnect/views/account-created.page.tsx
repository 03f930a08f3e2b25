/** After an account was created from the MConnect identity: its identifier, the e-mail sent, then onwards. */
import { Notice, PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';

export function AccountCreatedPage(props: {
  identifier: string;
  email: string;
  emailVerified: boolean;
  continueTo: string;
}) {
  const { messages } = usePage();
  const t = messages.mconnect.created;
  return (
    <Layout title={t.title}>
      <PageHeading text={t.title} />
      <Notice>
        <p>
          <strong>{t.identifier(props.identifier)}</strong>
        </p>
        <p>{props.emailVerified ? t.welcomeSent(props.email) : t.verifySent(props.email)}</p>
      </Notice>
      <p>{t.withMconnect}</p>
      <p>
        <a class="button" href={props.continueTo}>
          {t.continue}
        </a>
      </p>
    </Layout>
  );
}
