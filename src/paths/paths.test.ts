/**
 * The path tables: each route builds its URL and carries the pattern its handler registers, no two
 * routes share a pattern, and parameters are encoded.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { paths } from '../paths.ts';
import { fixed, route, withQuery } from './route.ts';

/** `[group.name, pattern]` of every route of every table. */
const everyPattern = (): [string, string][] =>
  Object.entries(paths).flatMap(([group, table]) =>
    Object.entries<{ readonly pattern: string }>(table).map(([name, value]): [string, string] => [
      `${group}.${name}`,
      value.pattern,
    ]),
  );

test('a route builds its URL from its parameters and carries its pattern, which cannot be changed', () => {
  const invoice = route('/mes-factures/:id', (id: string) => `/mes-factures/${id}`);
  assert.equal(invoice('42'), '/mes-factures/42');
  assert.equal(invoice.pattern, '/mes-factures/:id');
  assert.throws(() => Object.assign(invoice, { pattern: '/autre' }), TypeError);
  const help = fixed('/aide');
  assert.equal(help(), '/aide');
  assert.equal(help.pattern, '/aide');
});

test('no two routes share a pattern, and every pattern is a path', () => {
  const seen = new Map<string, string>();
  for (const [name, pattern] of everyPattern()) {
    assert.match(pattern, /^\//, name);
    assert.equal(seen.get(pattern), undefined, `${name} and ${seen.get(pattern)} share ${pattern}`);
    seen.set(pattern, name);
  }
  assert.ok(seen.size > 50);
});

test('parameters are encoded, and empty query parameters are left out', () => {
  assert.equal(paths.canteen.invoice('a/b c'), '/mes-factures/a%2Fb%20c');
  assert.equal(paths.canteen.start('cantine-école'), '/demarches/cantine-%C3%A9cole/commencer');
  assert.equal(paths.catalogue.list({ q: 'cantine', theme: '' }), '/demarches?q=cantine');
  assert.equal(paths.canteen.children(undefined, 'rattache'), '/mes-enfants?info=rattache');
  assert.equal(
    paths.mconnect.login('/mon-profil', undefined, true),
    '/connexion/mconnect?retour=%2Fmon-profil&reauth=1',
  );
  assert.equal(withQuery('/aide', undefined), '/aide');
});
