/** "Mes démarches": the user's dossiers, most recent first, or an empty state. */
import { formatDateTime } from '../../../lib/dates.ts';
import { paths } from '../../../paths.ts';
import { PageHeading, Tag } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { Dossier } from '../dossiers.service.ts';

export function MyProceduresPage({ dossiers }: { dossiers: readonly Dossier[] }) {
  const { lang, messages } = usePage();
  const t = messages.procedures;
  return (
    <Layout title={t.list.title} section="myProcedures">
      <PageHeading text={t.list.title} lead={t.list.lead} />
      {dossiers.length === 0 ? (
        <div class="panel">
          <p>{t.list.empty}</p>
          <p>{t.list.emptyHint}</p>
          <p>
            <a class="button" href={paths.catalogue.list()}>
              {t.list.seeCatalogue}
            </a>
          </p>
        </div>
      ) : (
        <div class="table-wrapper">
          <table class="table table--stacked">
            <caption class="visually-hidden">{t.list.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.list.procedure}</th>
                <th scope="col">{t.list.reference}</th>
                <th scope="col">{t.list.status}</th>
                <th scope="col">{t.list.updated}</th>
              </tr>
            </thead>
            <tbody>
              {dossiers.map((dossier) => (
                <tr key={dossier.reference}>
                  <td>
                    <a href={paths.dossiers.dossier(dossier.reference)}>{dossier.title[lang]}</a>
                  </td>
                  <td class="nowrap" data-label={t.list.reference}>
                    {dossier.reference}
                  </td>
                  <td data-label={t.list.status}>
                    <Tag text={t.states[dossier.status]} tone={dossier.status === 'terminee' ? 'online' : 'neutral'} />
                  </td>
                  <td data-label={t.list.updated}>{formatDateTime(dossier.updatedAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}
