/**
 * A procedure's page: its one-paragraph summary, then "Commencer" for procedures online here
 * (login first) or the link to the service for the others, then what it does, who it is for, what
 * you need, how long it takes; a QR code to open it on a phone (not shown on one).
 */
import { paths } from '../../../paths.ts';
import { PageHeading, Tag } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { CatalogueEntry } from '../catalogue.service.ts';

export function ProcedurePage({ entry }: { entry: CatalogueEntry }) {
  const { lang, m, user } = usePage();
  const p = m.procedure;
  const content = entry.content[lang];
  return (
    <Layout
      title={content.title}
      section="procedures"
      breadcrumbs={[{ text: m.catalogue.title, href: paths.catalogue.list() }]}
    >
      <p>{entry.kind === 'canteen' ? <Tag text={p.onlineBadge} tone="online" /> : <Tag text={p.externalBadge} />}</p>
      <PageHeading text={content.title} lead={content.summary} />
      {/* The main action right after the one-paragraph summary, before the details (GOV.UK's start page). */}
      {entry.kind === 'canteen' ? (
        <>
          <p>
            <a class="button button--start" href={paths.canteen.start(entry.slug)}>
              {p.start}
              <span aria-hidden="true"> →</span>
            </a>
          </p>
          <p class="hint">{user ? p.signedInAs(user.displayName) : p.startHint}</p>
          <p>
            <a href={paths.canteen.guide(entry.slug)} hreflang={lang} type="application/pdf">
              {m.canteen.printableGuide}
            </a>
          </p>
        </>
      ) : entry.externalUrl ? (
        <>
          <p>
            <a class="button button--start" href={entry.externalUrl} rel="noopener">
              {p.goToService}
              <span aria-hidden="true"> →</span>
            </a>
          </p>
          <p class="hint">{p.goToServiceHint}</p>
        </>
      ) : null}
      <div class="two-thirds-one-third">
        <div>
          <h2 class="heading-m">{p.whatHeading}</h2>
          <p>{content.description}</p>
          <h2 class="heading-m">{p.whoHeading}</h2>
          <p>{content.audience}</p>
          <h2 class="heading-m">{p.needHeading}</h2>
          <ul class="bullets">
            {content.requirements.map((item) => (
              <li key={item}>{item}</li>
            ))}
          </ul>
          <h2 class="heading-m">{p.durationHeading}</h2>
          <p>{content.duration}</p>
          <dl class="summary-list">
            <div class="summary-list__row">
              <dt>{p.themeHeading}</dt>
              <dd>{m.themes[entry.theme]}</dd>
            </div>
            <div class="summary-list__row">
              <dt>{p.audienceHeading}</dt>
              <dd>{entry.audiences.map((a) => m.audiences[a]).join(', ')}</dd>
            </div>
          </dl>
        </div>
        <aside class="sidebar">
          {/* Not shown on a phone (the reader is already on one); printed, it is. */}
          <section class="panel panel--qr" aria-labelledby="qr-heading">
            <h2 id="qr-heading" class="heading-s">
              {p.qrHeading}
            </h2>
            <img
              class="qr"
              src={paths.catalogue.qr(entry.slug)}
              width={160}
              height={160}
              alt={p.qrAlt(content.title)}
            />
          </section>
          <section class="panel" aria-labelledby="help-heading">
            <h2 id="help-heading" class="heading-s">
              {p.helpHeading}
            </h2>
            <p>
              <a href={paths.site.help()}>{p.helpText}</a>
            </p>
            <p>
              <a href={`mailto:${m.contact.email}`}>{m.contact.email}</a>
              <br />
              <a class="nowrap" href={`tel:${m.contact.phoneHref}`}>
                {m.contact.phone}
              </a>
            </p>
          </section>
        </aside>
      </div>
    </Layout>
  );
}
