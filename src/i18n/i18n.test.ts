import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LANGUAGES, messagesFor, negotiateLanguage } from './index.ts';
import { of, withArticle } from './fr/grammar.ts';

function leaves(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value))
      for (const [k, v] of leaves(child, `${prefix}${key}.`)) out.set(k, v);
  } else {
    out.set(prefix.slice(0, -1), value);
  }
  return out;
}

test('the English catalogue has exactly the keys of the French one, and no message is empty', () => {
  const fr = leaves(messagesFor('fr'));
  for (const lang of LANGUAGES) {
    const other = leaves(messagesFor(lang));
    assert.deepEqual([...other.keys()].sort(), [...fr.keys()].sort(), lang);
    for (const [key, value] of other) {
      if (typeof value === 'string') assert.notEqual(value.trim(), '', `${lang}: ${key} is empty`);
      else if (typeof value === 'function') assert.equal(typeof fr.get(key), 'function', `${lang}: ${key}`);
    }
  }
});

test('the language comes from the cookie first, then Accept-Language by quality, then French', () => {
  assert.equal(negotiateLanguage('en', 'fr'), 'en');
  assert.equal(negotiateLanguage(undefined, 'en-US,en;q=0.9'), 'en');
  assert.equal(negotiateLanguage(undefined, 'fr;q=0.4, en;q=0.8'), 'en');
  assert.equal(negotiateLanguage(undefined, 'de, it;q=0.9'), 'fr');
  assert.equal(negotiateLanguage(undefined, undefined), 'fr');
  assert.equal(negotiateLanguage('xx', 'es'), 'fr');
});

test('malformed or oversized Accept-Language headers fall back to French', () => {
  for (const header of ['en;q=abc', 'en;q=2', 'en;q=0', ';;;,,,', 'e'.repeat(1000), `${'x,'.repeat(300)}en`]) {
    assert.equal(negotiateLanguage(undefined, header), 'fr', header.slice(0, 30));
  }
});

test('no e-mail text points at a button: the plain-text version has none, so texts say "the link"', () => {
  for (const lang of LANGUAGES) {
    for (const [key, value] of leaves(messagesFor(lang))) {
      // The fallback under the HTML button is the one text of the HTML version only.
      if (!/(^|\.)mail\./i.test(key) || key === 'mail.linkFallback') continue;
      const text =
        typeof value === 'function' ? String((value as (...args: string[]) => unknown)('x', 'y', 'z')) : value;
      if (typeof text === 'string') assert.doesNotMatch(text, /\bbouton\b|\bbutton\b/i, `${lang} ${key}`);
    }
  }
});

test('French names take their article after "pour" and elide "de" before a vowel or a mute h', () => {
  assert.equal(withArticle('École de Fontvieille'), 'l’École de Fontvieille');
  assert.equal(withArticle('Collège Charles III'), 'le Collège Charles III');
  assert.equal(withArticle('Lycée Albert Ier'), 'le Lycée Albert Ier');
  assert.equal(withArticle('Restauration scolaire'), 'Restauration scolaire');
  assert.equal(of('octobre 2026'), 'd’octobre 2026');
  assert.equal(of('août 2026'), 'd’août 2026');
  assert.equal(of('septembre 2026'), 'de septembre 2026');
  assert.equal(of('Alba Rossi'), 'd’Alba Rossi');
  assert.equal(of('Hugo Bianchi'), 'd’Hugo Bianchi');
  assert.equal(of('Élodie'), 'd’Élodie');
  assert.equal(of('Léa Rossi'), 'de Léa Rossi');
  assert.equal(messagesFor('fr').parent.child.meals('octobre 2026'), 'Repas d’octobre 2026');
});
