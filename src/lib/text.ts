/** Text helpers: search folding, form fields. */

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

/**
 * A form field as text: the first value if repeated, '' if absent or not text, at most `max`
 * characters, without U+0000 (PostgreSQL text cannot hold it, and no one types it).
 */
export function formText(value: unknown, max: number): string {
  const first: unknown = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof first === 'string' ? first.slice(0, max).replaceAll(String.fromCharCode(0), '') : '';
}

/** Longest query parameter read; forms keep their own, shorter, limits. */
const MAX_QUERY_PARAM = 2000;

/** A query parameter as one string: the first of repeated parameters, '' when absent or not text. */
export function queryParam(query: unknown, name: string): string {
  if (typeof query !== 'object' || query === null) return '';
  return formText((query as Record<string, unknown>)[name], MAX_QUERY_PARAM);
}
