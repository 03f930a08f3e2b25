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

/** The searchable text of an entry in one language, folded (case, accents, punctuation), by field. */
export interface FoldedFields {
  readonly title: string;
  readonly keywords: string;
  readonly summary: string;
  /** Description, audience, requirements, the slug's words and the establishment's name. */
  readonly body: string;
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

  /** The current snapshot; reloads it when the database says the catalogue changed. */
  async snapshot(): Promise<CatalogueSnapshot> {
    const current = this.current;
    if (current && this.now() - this.checkedAt < this.refreshSeconds * 1000) return current;
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

function buildSnapshot(
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
      title: foldForSearch(c.title),
      keywords: foldForSearch((c.keywords ?? []).join(' ')),
      summary: foldForSearch(c.summary),
      body: foldForSearch(
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

/** The search terms of a query: folded, at most MAX_TERMS, duplicates removed. */
export function searchTerms(query: string | undefined): string[] {
  if (!query) return [];
  const folded = foldForSearch(query.slice(0, MAX_QUERY_LENGTH));
  return [...new Set(folded.split(' ').filter((term) => term.length > 0))].slice(0, MAX_TERMS);
}

/** Whether a word of the folded `text` starts with `term` ("remboursements" is not found by "bourse"). */
function termMatches(text: string, term: string): boolean {
  const words = ` ${text}`;
  if (words.includes(` ${term}`)) return true;
  // A plural typed for a singular word: "cantines", "écoles", "travaux".
  return term.length > 3 && /[sx]$/.test(term) && words.includes(` ${term.slice(0, -1)}`);
}

/** What a term found in each field is worth: a title match ranks above a synonym, above the summary, above the rest. */
const FIELD_WEIGHTS = [
  ['title', 10],
  ['keywords', 6],
  ['summary', 3],
  ['body', 1],
] as const satisfies readonly (readonly [keyof FoldedFields, number])[];
const STRONG_WEIGHT = 3;

/** The weight of the best field of `folded` that contains `term`, 0 when none does. */
function termWeight(folded: FoldedFields, term: string): number {
  for (const [field, weight] of FIELD_WEIGHTS) if (termMatches(folded[field], term)) return weight;
  return 0;
}

/**
 * Entries that contain every term of the query (accent- and case-insensitive) and pass the
 * filters, ranked by where the terms are found (title, then keywords, summary, the rest), then
 * the most used. When some entries have every term in their title, keywords or summary, those
 * that have a term only deep in their text are left out: "cantine" finds the canteen procedures,
 * not every page that mentions a canteen in passing.
 */
export function searchCatalogue(snapshot: CatalogueSnapshot, search: CatalogueSearch): CatalogueEntry[] {
  const terms = searchTerms(search.query);
  const scored: { entry: CatalogueEntry; score: number; strong: boolean }[] = [];
  for (const entry of snapshot.entries) {
    if (search.audience && !entry.audiences.includes(search.audience)) continue;
    if (search.theme && entry.theme !== search.theme) continue;
    const folded = entry.folded[search.lang];
    let score = 0;
    let strong = true;
    let all = true;
    for (const term of terms) {
      const weight = termWeight(folded, term);
      if (weight === 0) {
        all = false;
        break;
      }
      score += weight;
      if (weight < STRONG_WEIGHT) strong = false;
    }
    if (all) scored.push({ entry, score, strong });
  }
  const anyStrong = scored.some((result) => result.strong);
  return scored
    .filter((result) => !anyStrong || result.strong)
    .sort((a, b) => b.score - a.score || b.entry.popularity - a.entry.popularity)
    .map(({ entry }) => entry);
}

/** The published entry for `slug`, or a 404. */
export function findEntry(snapshot: CatalogueSnapshot, slug: string): CatalogueEntry {
  const entry = snapshot.bySlug.get(slug);
  if (!entry) throw new NotFoundError(`Unknown procedure ${slug.slice(0, 100)}`);
  return entry;
}
