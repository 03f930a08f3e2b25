/**
 * The catalogue of procedures as the portal shows it: the procedures of the database plus one
 * "Payer la cantine en ligne pour …" per establishment with a canteen. Every process keeps a
 * snapshot in memory and reloads it when the database's catalogue revision changes (checked at
 * most every `refreshSeconds`), so anonymous pages can be rendered once per change.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { NotFoundError } from '../../errors.ts';
import { LANGUAGES, messagesFor, type Lang } from '../../i18n/index.ts';
import { foldForSearch } from '../../lib/text.ts';
import { typesetDeep } from '../../lib/typography.ts';
import type { CanteenService, EstablishmentSummary } from '../canteen/canteen.service.ts';
import * as repository from './catalogue.repository.ts';
import {
  AUDIENCES,
  THEMES,
  type Audience,
  type Localized,
  type ProcedureContent,
  type Theme,
} from './catalogue.types.ts';

export const CANTEEN_SLUG_PREFIX = 'payer-la-cantine-';
/** Canteen payment comes first among the most used procedures. */
const CANTEEN_POPULARITY = 1001;

export type { EstablishmentSummary } from '../canteen/canteen.service.ts';

export interface CatalogueEntry {
  readonly slug: string;
  /** `canteen`: implemented by this portal; `external`: its description links to another service. */
  readonly kind: 'canteen' | 'external';
  readonly theme: Theme;
  readonly audiences: readonly Audience[];
  readonly popularity: number;
  readonly externalUrl: string | null;
  readonly content: Localized<ProcedureContent>;
  readonly establishment: EstablishmentSummary | null;
  /** Folded fields per language, for search (see searchCatalogue). */
  readonly folded: Localized<FoldedFields>;
}

/**
 * The searchable text of an entry in one language, by field: the distinct words of the field
 * folded (case, accents, punctuation), sorted, so that the words starting with a term are found by
 * a binary search instead of a scan of the text.
 */
export interface FoldedFields {
  readonly title: readonly string[];
  readonly keywords: readonly string[];
  readonly summary: readonly string[];
  /** Description, audience, requirements, the slug's words and the establishment's name. */
  readonly body: readonly string[];
}

/** The distinct words of `text` once folded, sorted (by code unit, the order binary search expects). */
export function foldedWords(text: string): readonly string[] {
  return [...new Set(foldForSearch(text).split(' '))].filter((word) => word.length > 0).sort();
}

export interface CatalogueSnapshot {
  readonly revision: string;
  /** Every published entry, most used first. */
  readonly entries: readonly CatalogueEntry[];
  readonly bySlug: ReadonlyMap<string, CatalogueEntry>;
  /** Canteen procedures, in the order of the establishments (schools, then collège, then lycées). */
  readonly canteenEntries: readonly CatalogueEntry[];
}

export interface CatalogueSearch {
  readonly lang: Lang;
  readonly query?: string | undefined;
  readonly audience?: Audience | undefined;
  readonly theme?: Theme | undefined;
}

export const MAX_QUERY_LENGTH = 100;
const MAX_TERMS = 10;

export class CatalogueService {
  private current: CatalogueSnapshot | undefined;
  private checkedAt = 0;
  private inFlight: Promise<CatalogueSnapshot> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly canteen: CanteenService,
    private readonly refreshSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The snapshot in memory, unless it is time to ask the database whether the catalogue changed. */
  private fresh(): CatalogueSnapshot | undefined {
    const current = this.current;
    return current && this.now() - this.checkedAt < this.refreshSeconds * 1000 ? current : undefined;
  }

  /**
   * The revision of the snapshot in memory while it is fresh, without waiting; undefined when it
   * is time to ask the database (the next `snapshot()` does).
   */
  freshRevision(): string | undefined {
    return this.fresh()?.revision;
  }

  /** The current snapshot; reloads it when the database says the catalogue changed. */
  async snapshot(): Promise<CatalogueSnapshot> {
    return this.fresh() ?? this.refreshing();
  }

  /**
   * `use(snapshot)`: at once, without a promise, while the snapshot in memory is fresh (so a page
   * kept in memory goes out in the turn its request arrived), after `snapshot()` otherwise. An
   * error `use` throws is thrown, or rejects the promise.
   */
  withSnapshot<T>(use: (snapshot: CatalogueSnapshot) => T): T | Promise<T> {
    const current = this.fresh();
    return current ? use(current) : this.refreshing().then(use);
  }

  private refreshing(): Promise<CatalogueSnapshot> {
    this.inFlight ??= this.refresh().finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  private async refresh(): Promise<CatalogueSnapshot> {
    const revision = await repository.readRevision(this.db);
    this.checkedAt = this.now();
    if (this.current?.revision === revision) return this.current;
    const [procedures, establishments] = await Promise.all([
      repository.listPublishedProcedures(this.db),
      this.canteen.establishmentsWithCanteen(),
    ]);
    this.current = buildSnapshot(revision, procedures, establishments);
    return this.current;
  }
}

type ProcedureRows = Awaited<ReturnType<typeof repository.listPublishedProcedures>>;

/** The snapshot of these procedure rows (most used first) and establishments: canteen procedures first. */
export function buildSnapshot(
  revision: string,
  procedures: ProcedureRows,
  establishments: readonly EstablishmentSummary[],
): CatalogueSnapshot {
  const canteenEntries = establishments.map(canteenEntry);
  const external = procedures.map((row) =>
    withFolded({
      slug: row.slug,
      kind: 'external',
      theme: parseTheme(row.theme),
      audiences: row.audiences.filter(isAudience),
      popularity: row.popularity,
      externalUrl: row.external_url,
      content: typesetFrench(row.content as Localized<ProcedureContent>),
      establishment: null,
    }),
  );
  const entries = [...canteenEntries, ...external];
  return {
    revision,
    entries,
    bySlug: new Map(entries.map((entry) => [entry.slug, entry])),
    canteenEntries,
  };
}

function canteenEntry(establishment: EstablishmentSummary): CatalogueEntry {
  const content = {} as Record<Lang, ProcedureContent>;
  for (const lang of LANGUAGES) {
    const c = messagesFor(lang).portal.canteen;
    content[lang] = {
      title: c.title(establishment.name),
      summary: c.summary,
      description: c.description(establishment.creditorName),
      audience: c.audience,
      requirements: c.requirements,
      duration: c.duration,
      keywords: c.keywords,
    };
  }
  return withFolded({
    slug: `${CANTEEN_SLUG_PREFIX}${establishment.slug}`,
    kind: 'canteen',
    theme: 'education',
    audiences: ['particulier'],
    popularity: CANTEEN_POPULARITY,
    externalUrl: null,
    content,
    establishment,
  });
}

function withFolded(entry: Omit<CatalogueEntry, 'folded'>): CatalogueEntry {
  const folded = {} as Record<Lang, FoldedFields>;
  for (const lang of LANGUAGES) {
    const c = entry.content[lang];
    folded[lang] = {
      title: foldedWords(c.title),
      keywords: foldedWords((c.keywords ?? []).join(' ')),
      summary: foldedWords(c.summary),
      body: foldedWords(
        [
          c.description,
          c.audience,
          ...c.requirements,
          entry.slug.replace(/-/g, ' '),
          entry.establishment?.name ?? '',
        ].join(' '),
      ),
    };
  }
  return { ...entry, folded };
}

/** French texts typeset for the screen (non-breaking spaces before : ; ? ! and inside « »). */
export function typesetFrench<T>(localized: Localized<T>): Localized<T> {
  return { ...localized, fr: typesetDeep(localized.fr) };
}

function parseTheme(value: string): Theme {
  return (THEMES as readonly string[]).includes(value) ? (value as Theme) : 'education';
}

export function isAudience(value: unknown): value is Audience {
  return typeof value === 'string' && (AUDIENCES as readonly string[]).includes(value);
}

export function isTheme(value: unknown): value is Theme {
  return typeof value === 'string' && (THEMES as readonly string[]).includes(value);
}

/**
 * Words too common to search on, folded, French and English: "de" or "the" alone would match
 * almost every procedure ("de" starts "demander"). Elided articles ("l’école", "d’enfant") leave
 * one letter, dropped too.
 */
const STOP_WORDS: ReadonlySet<string> = new Set([
  ...['a', 'au', 'aux', 'c', 'ce', 'ces', 'd', 'de', 'des', 'du', 'en', 'est', 'et', 'j', 'l', 'la'],
  ...['le', 'les', 'm', 'ma', 'mes', 'mon', 'n', 'ou', 'par', 'pour', 'qu', 'que', 's', 'sa', 'se'],
  ...['ses', 'son', 'sur', 't', 'un', 'une', 'y'],
  ...['an', 'and', 'at', 'for', 'from', 'in', 'is', 'it', 'my', 'of', 'on', 'or', 'the', 'to', 'with'],
]);

/** The search terms of a query: folded, without stop words, at most MAX_TERMS, duplicates removed. */
export function searchTerms(query: string | undefined): string[] {
  if (!query) return [];
  const folded = foldForSearch(query.slice(0, MAX_QUERY_LENGTH));
  const words = folded.split(' ').filter((term) => term.length > 0 && !STOP_WORDS.has(term));
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/**
 * The spellings a term is looked for as: the term, and its singular when it looks plural
 * ("cantines", "factures", "travaux" → "travau", "journaux" → "journal", "libraries" → "library").
 * Singular terms need no plural, since a term matches the start of a word ("facture" finds
 * "factures").
 */
function needles(term: string): string[] {
  const forms = [term];
  if (term.length > 3 && /[sx]$/.test(term)) forms.push(term.slice(0, -1));
  if (term.length > 3 && term.endsWith('aux')) forms.push(`${term.slice(0, -3)}al`);
  if (term.length > 4 && term.endsWith('ies')) forms.push(`${term.slice(0, -3)}y`);
  return forms;
}

/**
 * Whether one of the sorted `words` starts with one of the `forms` ("remboursements" is not found
 * by "bourse"): the first word not before the form, by binary search, is the only one to look at.
 */
export function termMatches(words: readonly string[], forms: readonly string[]): boolean {
  for (const form of forms) {
    let low = 0;
    let high = words.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (words[middle]! < form) low = middle + 1;
      else high = middle;
    }
    if (low < words.length && words[low]!.startsWith(form)) return true;
  }
  return false;
}

/** What a term found in each field is worth: a title match ranks above a synonym, above the summary, above the rest. */
const FIELD_WEIGHTS = [
  ['title', 10],
  ['keywords', 6],
  ['summary', 3],
  ['body', 1],
] as const satisfies readonly (readonly [keyof FoldedFields, number])[];
const STRONG_WEIGHT = 3;

/** The weight of the best field of `folded` that contains a spelling of the term, 0 when none does. */
function termWeight(folded: FoldedFields, termNeedles: readonly string[]): number {
  for (const [field, weight] of FIELD_WEIGHTS) if (termMatches(folded[field], termNeedles)) return weight;
  return 0;
}

interface Scored {
  readonly entry: CatalogueEntry;
  /** Position in the catalogue, which breaks ties. */
  readonly order: number;
  /** How many terms of the query the entry contains. */
  readonly matched: number;
  readonly score: number;
  /** Whether every term it contains is in its title, keywords or summary. */
  readonly strong: boolean;
}

/**
 * Entries that pass the filters, ranked by how many terms of the query they contain, then by where
 * (title, then keywords, summary, the rest), then catalogue order (most used first). Terms are
 * folded (case, accents, punctuation) and stop words dropped; a query made only of stop words
 * finds nothing, an empty one lists everything. Entries that contain every term come alone when
 * there are some; only when none does, those that contain some of them are shown, most terms
 * first. Among those kept, when some entries have their terms in their title, keywords or
 * summary, those that have a term only deep in their text are left out: "cantine" finds the
 * canteen procedures, not every page that mentions a canteen in passing.
 */
export function searchCatalogue(snapshot: CatalogueSnapshot, search: CatalogueSearch): CatalogueEntry[] {
  const terms = searchTerms(search.query);
  if (terms.length === 0 && foldForSearch(search.query ?? '') !== '') return [];
  const termNeedles = terms.map(needles);
  const scored: Scored[] = [];
  let anyComplete = false;
  for (let order = 0; order < snapshot.entries.length; order++) {
    const entry = snapshot.entries[order]!;
    if (search.audience && !entry.audiences.includes(search.audience)) continue;
    if (search.theme && entry.theme !== search.theme) continue;
    const folded = entry.folded[search.lang];
    let matched = 0;
    let score = 0;
    let strong = true;
    for (const forms of termNeedles) {
      const weight = termWeight(folded, forms);
      if (weight > 0) {
        matched += 1;
        score += weight;
        if (weight < STRONG_WEIGHT) strong = false;
      } else if (anyComplete) {
        // Once an entry has every term, one that misses a term cannot be shown.
        break;
      }
    }
    if (matched === terms.length) anyComplete = true;
    if (matched > 0 || terms.length === 0) scored.push({ entry, order, matched, score, strong });
  }
  const complete = scored.filter((result) => result.matched === terms.length);
  const kept = anyComplete ? complete : scored;
  const anyStrong = kept.some((result) => result.strong);
  return kept
    .filter((result) => !anyStrong || result.strong)
    .sort((a, b) => b.matched - a.matched || b.score - a.score || a.order - b.order)
    .map(({ entry }) => entry);
}

/** The published entry for `slug`, or a 404. */
export function findEntry(snapshot: CatalogueSnapshot, slug: string): CatalogueEntry {
  const entry = snapshot.bySlug.get(slug);
  if (!entry) throw new NotFoundError(`Unknown procedure ${slug.slice(0, 100)}`);
  return entry;
}
