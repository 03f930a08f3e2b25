/** Help: contact details from the flyer, what MConnect is, the FAQ, and the printable guide of each canteen procedure. */
import { paths } from '../../../paths.ts';
import { PageHeading, SummaryRow } from '../../../ui/components.tsx';
import { usePage } from '../../../ui/context.ts';
import { Layout } from '../../../ui/layout.tsx';
import { MCONNECT_HELP_ANCHOR } from '../../../ui/mconnect-button.tsx';
import type { CatalogueEntry } from '../../catalogue/catalogue.service.ts';
import type { FaqEntry } from '../content/document.types.ts';

/** A page named in quotes in an answer («…» or “…”) becomes a link to it. */
function LinkedParagraph({ text, links }: { text: string; links: ReadonlyMap<string, string> }) {
  const parts = text.split(/(«\u00a0?[^»]+?\u00a0?»|“[^”]+”)/u);
  return (
    <p>
      {parts.map((part, index) => {
        const name = part.replace(/^[«“]\u00a0?|\u00a0?[»”]$/gu, '').trim();
        const href = index % 2 === 1 ? links.get(name) : undefined;
        return href ? (
          <a key={index} href={href}>
            {part}
          </a>
        ) : (
          part
        );
      })}
    </p>
  );
}

export function HelpPage({ faq, canteen }: { faq: readonly FaqEntry[]; canteen: readonly CatalogueEntry[] }) {
  const { m, messages } = usePage();
  const h = m.help;
  const links = new Map<string, string>([
    [messages.accounts.login.forgottenIdentifier, paths.accounts.forgottenIdentifier()],
    [messages.accounts.login.forgottenPassword, paths.accounts.forgottenPassword()],
    [m.layout.signUp, paths.accounts.signUp()],
    [m.layout.myProcedures, paths.dossiers.mine()],
  ]);
  return (
    <Layout title={h.title} section="help">
      <PageHeading text={h.title} lead={h.lead} />
      <section class="panel" aria-labelledby="contact-heading">
        <h2 id="contact-heading" class="heading-m">
          {h.contactHeading}
        </h2>
        <dl class="summary-list">
          <SummaryRow label={h.emailLabel}>
            <a href={`mailto:${m.contact.email}`}>{m.contact.email}</a>
          </SummaryRow>
          <SummaryRow label={h.phoneLabel}>
            <a class="nowrap" href={`tel:${m.contact.phoneHref}`}>
              {m.contact.phone}
            </a>
          </SummaryRow>
          <SummaryRow label={h.hoursLabel}>{m.contact.hours}</SummaryRow>
          <SummaryRow label={h.addressLabel}>
            <address>
              {m.contact.organisation}
              {m.contact.addressLines.map((line) => (
                <>
                  <br />
                  {line}
                </>
              ))}
            </address>
          </SummaryRow>
        </dl>
      </section>
      <section id={MCONNECT_HELP_ANCHOR} class="panel panel--mconnect" aria-labelledby="mconnect-heading">
        <h2 id="mconnect-heading" class="heading-m">
          {h.mconnectHeading}
        </h2>
        {h.mconnectText.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
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
              <LinkedParagraph key={paragraph} text={paragraph} links={links} />
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
