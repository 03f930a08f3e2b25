/**
 * The states of a dossier (one user's instance of a procedure) and the transitions allowed between
 * them, in one place. "Mes démarches" shows the state; services move a dossier only along these.
 */
export const DOSSIER_STATES = ['brouillon', 'en_cours', 'terminee', 'echouee', 'annulee'] as const;
export type DossierState = (typeof DOSSIER_STATES)[number];

export const DOSSIER_TRANSITIONS: Readonly<Record<DossierState, readonly DossierState[]>> = {
  // Started, nothing submitted yet (a basket being filled).
  brouillon: ['en_cours', 'annulee'],
  // Submitted and being processed (a payment awaiting its outcome).
  en_cours: ['terminee', 'echouee', 'annulee'],
  // Failed (a payment declined): the user may try again.
  echouee: ['en_cours', 'annulee'],
  terminee: [],
  annulee: [],
};

export function canTransition(from: DossierState, to: DossierState): boolean {
  return DOSSIER_TRANSITIONS[from].includes(to);
}

export function isFinal(state: DossierState): boolean {
  return DOSSIER_TRANSITIONS[state].length === 0;
}

/**
 * The states a dossier goes through to reach `to` from `from` by allowed transitions, shortest
 * first (`[]` when it is there already); undefined when it cannot get there.
 */
export function pathBetween(from: DossierState, to: DossierState): DossierState[] | undefined {
  if (from === to) return [];
  const previous = new Map<DossierState, DossierState>([[from, from]]);
  const queue: DossierState[] = [from];
  for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
    for (const next of DOSSIER_TRANSITIONS[state]) {
      if (previous.has(next)) continue;
      previous.set(next, state);
      if (next === to) {
        const path: DossierState[] = [to];
        for (let at = state; at !== from; at = previous.get(at) ?? from) path.unshift(at);
        return path;
      }
      queue.push(next);
    }
  }
  return undefined;
}
