/** Levels of assurance on a configured scale (weakest first): whether one reaches another. */
export function reachesLevel(levels: readonly string[], acr: string | null | undefined, wanted: string): boolean {
  if (!acr) return false;
  const got = levels.indexOf(acr);
  const need = levels.indexOf(wanted);
  return got >= 0 && need >= 0 && got >= need;
}
