/** Long-form page content (legal notices, accessibility statement, FAQ), one module per page. */
import type { Localized } from '../../catalogue/catalogue.types.ts';

export interface DocumentSection {
  readonly heading: string;
  readonly paragraphs: readonly string[];
  /** An optional bulleted list shown after the paragraphs. */
  readonly items?: readonly string[];
}

export interface ContentDocument {
  readonly title: string;
  /** One-sentence lead under the title. */
  readonly lead: string;
  readonly sections: readonly DocumentSection[];
}

export type LocalizedDocument = Localized<ContentDocument>;

export interface FaqEntry {
  readonly question: string;
  /** Paragraphs of the answer. */
  readonly answer: readonly string[];
}
