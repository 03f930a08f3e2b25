/** A payment certificate asked for a year it cannot be issued for (not four digits, before 2000, or in the future). */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';

export function CertificateYearPage({
  pupilId,
  firstYear,
  lastYear,
}: {
  pupilId: string;
  firstYear: number;
  lastYear: number;
}) {
  const { messages } = usePage();
  const t = messages.parent.certificate;
  return (
    <Layout
      title={t.badYearTitle}
      section="myChildren"
      breadcrumbs={[{ text: messages.parent.children.title, href: paths.canteen.children() }]}
    >
      <PageHeading text={t.badYearTitle} />
      <p>{t.badYear(firstYear, lastYear)}</p>
      <p>
        <a href={paths.canteen.child(pupilId)}>{t.back}</a>
      </p>
    </Layout>
  );
}
