/** After a change of address is confirmed. */
import { paths } from '../../../paths.ts';
import { usePage } from '../../../ui/context.ts';
import { DonePage } from '../../../ui/done-page.tsx';

export function EmailChangedPage() {
  const { messages } = usePage();
  const t = messages.profile.emailChange;
  return (
    <DonePage title={t.doneTitle} text={t.doneText} action={{ label: t.doneAction, href: paths.accounts.profile() }} />
  );
}
