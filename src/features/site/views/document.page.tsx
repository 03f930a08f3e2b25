/** A long-form page (legal notice, terms, personal data, accessibility) from its content module. */
import { PageHeading } from '../../../ui/components.tsx';
import { Layout } from '../../../ui/layout.tsx';
import type { ContentDocument } from '../content/document.types.ts';

export function DocumentPage({ document }: { document: ContentDocument }) {
  return (
    <Layout title={document.title}>
      <PageHeading text={document.title} lead={document.lead} />
      <div class="prose">
        {document.sections.map((section) => (
          <section key={section.heading}>
            <h2 class="heading-m">{section.heading}</h2>
            {section.paragraphs.map((paragraph) => (
              <p key={paragraph}>{paragraph}</p>
            ))}
            {section.items && section.items.length > 0 ? (
              <ul class="bullets">
                {section.items.map((item) => (
                  <li key={item}>{item}</li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
      </div>
    </Layout>
  );
}
