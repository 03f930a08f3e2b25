import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DOSSIER_STATES, DOSSIER_TRANSITIONS, canTransition, isFinal, type DossierState } from './dossier.states.ts';

/** Every pair of states and whether the dossier may go from the first to the second. */
const EXPECTED: Record<DossierState, Record<DossierState, boolean>> = {
  brouillon: { brouillon: false, en_cours: true, terminee: false, echouee: false, annulee: true },
  en_cours: { brouillon: false, en_cours: false, terminee: true, echouee: true, annulee: true },
  echouee: { brouillon: false, en_cours: true, terminee: false, echouee: false, annulee: true },
  terminee: { brouillon: false, en_cours: false, terminee: false, echouee: false, annulee: false },
  annulee: { brouillon: false, en_cours: false, terminee: false, echouee: false, annulee: false },
};

test('every transition between two states is allowed or refused as the table says', () => {
  for (const from of DOSSIER_STATES) {
    for (const to of DOSSIER_STATES) {
      assert.equal(canTransition(from, to), EXPECTED[from][to], `${from} → ${to}`);
    }
  }
});

test('completed and cancelled dossiers are final; the others are not', () => {
  assert.deepEqual(
    DOSSIER_STATES.filter((state) => isFinal(state)),
    ['terminee', 'annulee'],
  );
  assert.equal(Object.keys(DOSSIER_TRANSITIONS).length, DOSSIER_STATES.length);
});
