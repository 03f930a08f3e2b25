/** A list of procedures as cards: title link, summary, and whether it is online here. */
import type { Lang, Messages } from '../i18n/index.ts';
import { paths } from '../paths.ts';
import { Tag } from './components.tsx';
import { usePage } from './context.ts';
import { placeKept, renderInLanguage, type KeptPart } from './kept-html.ts';

/** What a card shows of a procedure (the catalogue's entries have this shape). */
export interface ProcedureCard {
  readonly slug: string;
  /** `canteen`: online on this portal; `external`: another service. */
  readonly kind: 'canteen' | 'external';
  readonly theme: keyof Messages['portal']['themes'];
  readonly content: Readonly<Record<Lang, { readonly title: string; readonly summary: string }>>;
}

type HeadingLevel = 2 | 3;

export function ProcedureList({
  entries,
  headingLevel = 3,
}: {
  entries: readonly ProcedureCard[];
  headingLevel?: HeadingLevel;
}) {
  const { lang } = usePage();
  return (
    <ul class="procedure-list">
      {entries.map((entry) => (
        <li
          class="procedure-card"
          key={entry.slug}
          dangerouslySetInnerHTML={{ __html: cardHtml(entry, lang, headingLevel) }}
        />
      ))}
    </ul>
  );
}

/**
 * A card's content, rendered once per entry, language and heading level and kept as long as the
 * entry object lives: the catalogue's entries are immutable and replaced by new objects when the
 * catalogue changes, so a card never outlives what it shows. A search page draws its results
 * from these instead of rendering ten cards for each request.
 */
const cards = new WeakMap<ProcedureCard, Map<string, KeptPart>>();

function cardHtml(entry: ProcedureCard, lang: Lang, headingLevel: HeadingLevel): string {
  let forEntry = cards.get(entry);
  if (forEntry === undefined) {
    forEntry = new Map();
    cards.set(entry, forEntry);
  }
  const key = `${lang} ${headingLevel}`;
  let card = forEntry.get(key);
  if (card === undefined) {
    card = { html: renderInLanguage(lang, () => <CardContent entry={entry} headingLevel={headingLevel} />) };
    forEntry.set(key, card);
  }
  return placeKept(card);
}

function CardContent({ entry, headingLevel }: { entry: ProcedureCard; headingLevel: HeadingLevel }) {
  const { lang, m } = usePage();
  const content = entry.content[lang];
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <>
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
    </>
  );
}
