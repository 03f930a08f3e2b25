import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  DOSSIER_STATES,
  DOSSIER_TRANSITIONS,
  canTransition,
  isFinal,
  pathBetween,
  type DossierState,
} from './dossier.states.ts';

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

test('the way from one state to another goes by allowed transitions only, the shortest', () => {
  assert.deepEqual(pathBetween('en_cours', 'en_cours'), []);
  assert.deepEqual(pathBetween('brouillon', 'en_cours'), ['en_cours']);
  assert.deepEqual(pathBetween('brouillon', 'terminee'), ['en_cours', 'terminee']);
  // A payment declined, then paid after all (a late success): back in progress, then done.
  assert.deepEqual(pathBetween('echouee', 'terminee'), ['en_cours', 'terminee']);
  assert.equal(pathBetween('terminee', 'en_cours'), undefined);
  assert.equal(pathBetween('annulee', 'terminee'), undefined);
  for (const from of DOSSIER_STATES)
    for (const to of DOSSIER_STATES) {
      const path = pathBetween(from, to);
      if (!path) continue;
      let at = from;
      for (const next of path) {
        assert.ok(canTransition(at, next), `${from} → ${to} goes ${at} → ${next}`);
        at = next;
      }
      assert.equal(at, to);
    }
});
