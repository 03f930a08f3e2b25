/**
 * "pour l’École de Fontvieille", "pour le Collège Charles III": the article a school's name takes
 * after a preposition such as "pour"; other names stay as they are.
 */
export function withArticle(name: string): string {
  if (/^[ÉE]cole\b/i.test(name)) return `l’${name}`;
  if (/^(Collège|Lycée)\b/i.test(name)) return `le ${name}`;
  return name;
}

/**
 * "de" before a word, elided before a vowel or a mute h: "d’octobre 2026", "d’Alba",
 * "de septembre 2026", "de Léa". Used for months and first names.
 */
export function of(word: string): string {
  return /^[aeiouyàâäéèêëîïôöûüh]/i.test(word) ? `d’${word}` : `de ${word}`;
}
