/** A bill's card is kept once rendered: it must still show each bill as it now stands. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePage, text } from '../../../../test/helpers/html.ts';
import type { Lang } from '../../../i18n/index.ts';
import { renderInLanguage } from '../../../ui/kept-html.ts';
import type { BillSummary } from '../parent.service.ts';
import { BillCard } from './bill-card.tsx';

const bill: BillSummary = {
  id: '9c1d7f3e-2b4a-4c5d-8e6f-7a8b9c0d1e2f',
  number: 'RSS-2026-000042',
  month: '2026-10',
  status: 'to_pay',
  establishmentSlug: 'ecole-de-fontvieille',
  establishmentName: 'École de Fontvieille',
  totalCents: 10026,
  paidCents: 0,
  onlineDeadline: '2026-11-25',
  dueDate: '2026-11-30',
  childNames: ['Léa Rossi'],
};

function card(shown: BillSummary, lang: Lang = 'fr', headingLevel: 2 | 3 = 2) {
  const page = parsePage(renderInLanguage(lang, () => <BillCard bill={shown} headingLevel={headingLevel} />));
  const li = page.querySelector('li');
  assert.ok(li);
  return {
    unpaid: (li.getAttribute('class') ?? '').split(' ').includes('bill-card--unpaid'),
    heading: page.querySelector('h2, h3')?.tagName.toLowerCase(),
    text: text(li),
  };
}

test('a kept bill card shows the bill as it now stands: status, amounts, names, language and heading', () => {
  for (let round = 0; round < 2; round += 1) {
    const due = card(bill);
    assert.equal(due.unpaid, true);
    assert.match(due.text, /Facture RSS-2026-000042 — octobre 2026/);
    assert.match(due.text, /à payer/i);
    assert.match(due.text, /100,26 €/);
    assert.match(due.text, /25 novembre 2026/);

    const partly = card({ ...bill, status: 'partially_paid', paidCents: 5000 });
    assert.equal(partly.unpaid, true);
    assert.match(partly.text, /50,26 €/, 'what is left to pay');

    const paid = card({ ...bill, status: 'paid', paidCents: 10026 });
    assert.equal(paid.unpaid, false);
    assert.match(paid.text, /payée/);
    assert.doesNotMatch(paid.text, /25 novembre 2026/, 'no deadline once paid');

    assert.match(card({ ...bill, childNames: ['Léa Rossi', 'Noé Rossi'] }).text, /Léa Rossi, Noé Rossi/);
    assert.match(card({ ...bill, establishmentName: 'Collège Charles III' }).text, /Collège Charles III/);
    assert.match(card(bill, 'en').text, /€100\.26/);
    assert.equal(card(bill, 'fr', 3).heading, 'h3');
    assert.equal(card(bill).heading, 'h2');
  }
});

test('a name on a kept card is escaped, and each list of names gets its own card', () => {
  const hostile = card({ ...bill, childNames: ['<img src=x onerror=alert(1)>'] });
  assert.match(hostile.text, /<img src=x onerror=alert\(1\)>/, 'shown as text');
  const html = renderInLanguage('fr', () => <BillCard bill={{ ...bill, childNames: ['<b>x</b>'] }} />);
  assert.doesNotMatch(html, /<b>x<\/b>/);
  assert.match(card({ ...bill, childNames: ['Léa'] }).text, /Léa$|Léa[^,]/);
  assert.match(card({ ...bill, childNames: ['Léa', 'Noé'] }).text, /Léa, Noé/);
});
