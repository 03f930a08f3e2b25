/** Text helpers shared by search and slugs. */

/**
 * Folds a text for accent- and case-insensitive matching: "Cantîne", "CANTINE" and "cantine"
 * all become "cantine"; ligatures are spelt out and punctuation becomes a single space.
 */
export function foldForSearch(text: string): string {
  return text
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A URL slug from a name: "École de la Condamine" → "ecole-de-la-condamine". */
export function slugify(text: string): string {
  return foldForSearch(text).replace(/ /g, '-');
}
