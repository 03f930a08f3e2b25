/** After the account was closed (no session any more). */
import { paths } from '../../../paths.ts';
import { usePage } from '../../../ui/context.ts';
import { DonePage } from '../../../ui/done-page.tsx';

export function AccountClosedPage() {
  const { messages } = usePage();
  const t = messages.profile.close;
  return <DonePage title={t.doneTitle} text={t.doneText} action={{ label: t.doneAction, href: paths.site.home() }} />;
}
