/** After logging out: who is signed in on this device now (nobody), and MConnect left too when it was. */
import { paths } from '../../../paths.ts';
import { Notice, PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';

export function LoggedOutPage({ mconnect }: { mconnect: boolean }) {
  const { messages } = usePage();
  const t = messages.accounts.loggedOut;
  return (
    <Layout title={t.title}>
      <PageHeading text={t.title} />
      <Notice>
        <p>{t.text}</p>
        {mconnect ? <p>{t.mconnectToo}</p> : null}
      </Notice>
      <p>{t.sharedComputer}</p>
      <p>
        <a class="button" href={paths.accounts.login()}>
          {t.loginAgain}
        </a>
      </p>
      <p>
        <a href={paths.site.home()}>{t.home}</a>
      </p>
    </Layout>
  );
}
