/** Domain types of the catalogue of procedures ("démarches"). */
import type { Lang } from '../../i18n/types.ts';

export const AUDIENCES = ['particulier', 'professionnel'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const THEMES = [
  'education',
  'etat-civil',
  'residence',
  'transport',
  'emploi',
  'fiscalite',
  'sante-social',
  'logement',
  'entreprise',
  'culture-sport',
] as const;
export type Theme = (typeof THEMES)[number];

export type Localized<T> = Record<Lang, T>;

/** The texts of a procedure page, in one language. */
export interface ProcedureContent {
  /** "Demander une carte de résident", imperative, as on the portal's tiles. */
  readonly title: string;
  /** One sentence for lists and search results. */
  readonly summary: string;
  /** What the procedure does: 2 to 4 sentences. */
  readonly description: string;
  /** Who it is for: one or two sentences. */
  readonly audience: string;
  /** What you need before you start: 2 to 5 short items. */
  readonly requirements: readonly string[];
  /** How long it takes, e.g. "10 minutes en ligne ; réponse sous 15 jours". */
  readonly duration: string;
  /** Words people type for it that its texts do not use ("restaurant scolaire", "carte grise"); not shown. */
  readonly keywords?: readonly string[];
}

/** A procedure of the catalogue as written into the database by the demo seed or the back office. */
export interface ProcedureSeed {
  /** French kebab-case, unique, e.g. "demander-une-carte-de-resident". */
  readonly slug: string;
  readonly theme: Theme;
  readonly audiences: readonly Audience[];
  /** Higher is more used; the home page shows the most used first. 0..1000. */
  readonly popularity: number;
  /** Where the online service lives when this portal does not offer it itself (https URL). */
  readonly externalUrl: string;
  readonly content: Localized<ProcedureContent>;
}
