/**
 * Message catalogues: `fr` is the source of truth; every other language is typed
 * against it with `Catalogue<typeof fr.x>` so a missing or extra key, or a message
 * function with other parameters, is a compile error.
 */
export const LANGUAGES = ['fr', 'en'] as const;
export type Lang = (typeof LANGUAGES)[number];
export const DEFAULT_LANG: Lang = 'fr';

/** BCP 47 tags for `Intl` formatting (money and dates in Monaco's conventions). */
export const LOCALE_TAGS: Record<Lang, string> = { fr: 'fr-MC', en: 'en-GB' };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Turns the literal types of an `as const` catalogue into plain strings, keeping its shape. */
export type Catalogue<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : T extends readonly (infer U)[]
      ? readonly Catalogue<U>[]
      : { readonly [K in keyof T]: Catalogue<T[K]> };
