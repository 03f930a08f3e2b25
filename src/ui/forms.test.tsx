/** The shared form components: a radio button's markup, its hint and its escaping. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { fieldByLabel, parsePage, text } from '../../test/helpers/html.ts';
import { Radio } from './forms.tsx';

test('a radio without hint: its input and label, nothing checked, described by nothing', () => {
  assert.equal(
    renderToString(<Radio name="choix" value="oui" id="champ-choix" label="Oui" />),
    '<div class="radio"><input class="radio__input" type="radio" id="champ-choix" name="choix" value="oui"/>' +
      '<label class="radio__label" for="champ-choix">Oui</label></div>',
  );
});

test('a radio with a hint: the input is described by the hint, which follows the label', () => {
  const html = renderToString(
    <Radio name="choix" value="compte" id="champ-choix" label="J’ai un compte" hint="Je le relie" />,
  );
  assert.equal(
    html,
    '<div class="radio"><input class="radio__input" type="radio" id="champ-choix" name="choix" value="compte" aria-describedby="champ-choix-indice"/>' +
      '<label class="radio__label" for="champ-choix">J’ai un compte</label>' +
      '<p class="hint radio__hint" id="champ-choix-indice">Je le relie</p></div>',
  );
  const page = parsePage(`<!doctype html><html><body>${html}</body></html>`);
  const input = fieldByLabel(page, 'J’ai un compte');
  const hintId = input.getAttribute('aria-describedby');
  assert.equal(hintId, 'champ-choix-indice');
  assert.equal(text(page.getElementById(hintId)), 'Je le relie');
});

test('checked and the label’s language', () => {
  const checked = renderToString(
    <Radio name="langue" value="en" id="langue-en" label="English" checked labelLang="en" />,
  );
  assert.equal(
    checked,
    '<div class="radio"><input class="radio__input" type="radio" id="langue-en" name="langue" value="en" checked/>' +
      '<label class="radio__label" for="langue-en" lang="en">English</label></div>',
  );
  const unchecked = renderToString(<Radio name="langue" value="en" id="langue-en" label="English" checked={false} />);
  assert.doesNotMatch(unchecked, /checked|lang=/);
});

test('the label, value and hint are text, never HTML', () => {
  const html = renderToString(
    <Radio name="n" value={'"><b>v</b>'} id="r" label="<b>x</b>" hint="<script>alert(1)</script>" />,
  );
  const page = parsePage(`<!doctype html><html><body>${html}</body></html>`);
  assert.equal([...page.querySelectorAll('b, script')].length, 0);
  assert.equal(text(page.querySelector('label')), '<b>x</b>');
  assert.equal(page.querySelector('input')?.getAttribute('value'), '"><b>v</b>');
  assert.equal(text(page.querySelector('.radio__hint')), '<script>alert(1)</script>');
});
