/**
 * One identity everywhere: the colours the e-mails and the PDFs use (src/ui/tokens.ts) are the
 * stylesheet's own custom properties, and the primary button of the web is Monaco red.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { TOKENS, TOKEN_PROPERTIES } from '../src/ui/tokens.ts';

const css = readFileSync(new URL('../public/css/main.css', import.meta.url), 'utf8');
const root = /:root\s*\{([^}]*)\}/.exec(css)?.[1] ?? '';

function property(name: string): string | undefined {
  return new RegExp(`${name}:\\s*([^;]+);`).exec(root)?.[1]?.trim().toLowerCase();
}

test('the tokens of the e-mails and the PDFs are the stylesheet’s colours', () => {
  assert.ok(root.length > 0, 'the stylesheet has its :root tokens');
  for (const [key, value] of Object.entries(TOKENS))
    assert.equal(property(TOKEN_PROPERTIES[key as keyof typeof TOKENS]), value, key);
  assert.equal(property('--primary'), 'var(--red)', 'the primary action is Monaco red');
});
