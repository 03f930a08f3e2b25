/** Every pair of invoice states: allowed exactly when the table says so, and labelled in both languages. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { messagesFor } from '../../i18n/index.ts';
import { canTransition, INVOICE_STATES, isPayable } from './invoice.states.ts';

const allowed = new Set([
  'draft→to_pay',
  'to_pay→partially_paid',
  'to_pay→paid',
  'to_pay→cancelled',
  'partially_paid→paid',
  'partially_paid→to_pay',
  'partially_paid→cancelled',
  'paid→partially_paid',
  'paid→to_pay',
]);

test('each transition between invoice states is allowed exactly when listed; nothing goes back to draft or leaves cancelled', () => {
  for (const from of INVOICE_STATES) {
    for (const to of INVOICE_STATES) {
      assert.equal(canTransition(from, to), allowed.has(`${from}→${to}`), `${from} → ${to}`);
    }
  }
});

test('only a bill to pay or partly paid is payable, and every state has a French and an English label', () => {
  assert.deepEqual(
    INVOICE_STATES.filter((s) => isPayable(s)),
    ['to_pay', 'partially_paid'],
  );
  assert.equal(messagesFor('fr').canteen.invoiceStatus.to_pay, 'à payer');
  assert.equal(messagesFor('fr').canteen.invoiceStatus.partially_paid, 'partiellement payée');
  for (const state of INVOICE_STATES) assert.ok(messagesFor('en').canteen.invoiceStatus[state]);
});
