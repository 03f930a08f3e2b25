/** Help: contact details from the flyer, the FAQ, and the printable guide of each canteen procedure. */
import { paths } from '../../../paths.ts';
import { PageHeading } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import type { CatalogueEntry } from '../../catalogue/catalogue.service.ts';
import type { FaqEntry } from '../content/document.types.ts';

export function HelpPage({ faq, canteen }: { faq: readonly FaqEntry[]; canteen: readonly CatalogueEntry[] }) {
  const { m } = usePage();
  const h = m.help;
  return (
    <Layout title={h.title} section="help">
      <PageHeading text={h.title} lead={h.lead} />
      <section class="panel" aria-labelledby="contact-heading">
        <h2 id="contact-heading" class="heading-m">
          {h.contactHeading}
        </h2>
        <dl class="summary-list">
          <div class="summary-list__row">
            <dt>{h.emailLabel}</dt>
            <dd>
              <a href={`mailto:${m.contact.email}`}>{m.contact.email}</a>
            </dd>
          </div>
          <div class="summary-list__row">
            <dt>{h.phoneLabel}</dt>
            <dd>
              <a class="nowrap" href={`tel:${m.contact.phoneHref}`}>
                {m.contact.phone}
              </a>
            </dd>
          </div>
          <div class="summary-list__row">
            <dt>{h.hoursLabel}</dt>
            <dd>{m.contact.hours}</dd>
          </div>
          <div class="summary-list__row">
            <dt>{h.addressLabel}</dt>
            <dd>
              <address>
                {m.contact.organisation}
                {m.contact.addressLines.map((line) => (
                  <>
                    <br />
                    {line}
                  </>
                ))}
              </address>
            </dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="faq-heading">
        <h2 id="faq-heading" class="heading-l">
          {h.faqHeading}
        </h2>
        {faq.map((entry, index) => (
          <section class="faq" key={entry.question} aria-labelledby={`faq-${index}`}>
            <h3 id={`faq-${index}`} class="heading-s">
              {entry.question}
            </h3>
            {entry.answer.map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
          </section>
        ))}
      </section>
      <section aria-labelledby="guides-heading">
        <h2 id="guides-heading" class="heading-m">
          {h.printableGuides}
        </h2>
        <ul class="link-list">
          {canteen.map((entry) => (
            <li key={entry.slug}>
              <a href={paths.canteen.guide(entry.slug)} type="application/pdf">
                {entry.establishment?.name ?? entry.slug} (PDF)
              </a>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
