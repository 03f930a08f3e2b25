/** The MConnect section of "Mon profil" (registered as an account hook): linked since when, and the way to manage it. */
import { formatDate } from '../../../lib/dates.ts';
import { paths } from '../../../paths.ts';
import { usePage } from '../../../ui/context.ts';

export function MconnectProfileSection({ linkedAt }: { readonly linkedAt: Date | null }) {
  const { lang, messages } = usePage();
  const t = messages.mconnect.manage;
  return (
    <>
      <h2 class="heading-m">{t.heading}</h2>
      <p>{linkedAt ? t.linkedOn(formatDate(linkedAt, lang)) : t.notLinked}</p>
      <p>
        <a href={paths.mconnect.link()}>{linkedAt ? t.open : t.linkSubmit}</a>
      </p>
    </>
  );
}
