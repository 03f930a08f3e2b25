/** A list of procedures as cards: title link, summary, and whether it is online here. */
import { paths } from '../paths.ts';
import { Tag } from './components.tsx';
import { usePage } from './context.ts';

/** What a card shows of a procedure (the catalogue's entries have this shape). */
export interface ProcedureCard {
  readonly slug: string;
  /** `canteen`: online on this portal; `external`: another service. */
  readonly kind: 'canteen' | 'external';
  readonly theme: keyof Messages['portal']['themes'];
  readonly content: Readonly<Record<Lang, { readonly title: string; readonly summary: string }>>;
}
import type { Lang, Messages } from '../i18n/index.ts';

export function ProcedureList({
  entries,
  headingLevel = 3,
}: {
  entries: readonly ProcedureCard[];
  headingLevel?: 2 | 3;
}) {
  const { lang, m } = usePage();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ul class="procedure-list">
      {entries.map((entry) => {
        const content = entry.content[lang];
        return (
          <li class="procedure-card" key={entry.slug}>
            <Heading class="procedure-card__title">
              <a href={paths.catalogue.procedure(entry.slug)}>{content.title}</a>
            </Heading>
            <p class="procedure-card__summary">{content.summary}</p>
            <p class="procedure-card__meta">
              {entry.kind === 'canteen' ? (
                <Tag text={m.catalogue.online} tone="online" />
              ) : (
                <Tag text={m.catalogue.external} />
              )}
              <span class="procedure-card__theme">{m.themes[entry.theme]}</span>
            </p>
          </li>
        );
      })}
    </ul>
  );
}
