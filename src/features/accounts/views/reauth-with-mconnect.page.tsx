/** Before choosing a first password: identify again with MConnect (the account's only way in). */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import { MconnectLogin } from '../../../ui/mconnect-button.tsx';
import { BackToProfile } from './profile-form.tsx';

export function ReauthWithMconnectPage({ returnTo }: { returnTo: string }) {
  const { messages } = usePage();
  const t = messages.profile.passwordChange;
  return (
    <Layout title={t.firstTitle} section="profile">
      <PageHeading text={t.firstTitle} lead={t.firstLead} />
      <p>{t.reauthText}</p>
      <MconnectLogin
        href={paths.mconnect.login(returnTo, undefined, true)}
        action={messages.mconnect.buttonActionAgain}
      />
      <BackToProfile />
    </Layout>
  );
}
