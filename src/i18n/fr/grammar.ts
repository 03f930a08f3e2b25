/**
 * "pour l’École de Fontvieille", "pour le Collège Charles III": the article a school's name takes
 * after a preposition such as "pour"; other names stay as they are.
 */
export function withArticle(name: string): string {
  if (/^[ÉE]cole\b/i.test(name)) return `l’${name}`;
  if (/^(Collège|Lycée)\b/i.test(name)) return `le ${name}`;
  return name;
}
