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
