/** The payment receipt e-mail: amount, creditor, Monaco time, the bills settled, the reference, the PDF link. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { composeMail } from './mail.templates.tsx';
import { paymentReceipt, type PaymentReceiptMailData } from './payment-receipt.mail.ts';

const data: PaymentReceiptMailData = {
  reference: 'PAY-7Q2K9M',
  amountCents: 1671,
  // 23:30 UTC on 19 November is 00:30 on 20 November in Monaco.
  paidAt: new Date('2026-11-19T23:30:00Z'),
  creditorName: 'Restauration scolaire des écoles de Monaco',
  bills: [
    { number: 'RSP-2026-000012', establishmentName: 'École Saint-Charles', month: '2026-10', paidCents: 1114 },
    { number: 'RSP-2026-000013', establishmentName: 'Collège Charles III', month: '2026-10', paidCents: 557 },
  ],
  receiptUrl: 'https://monguichet.mc/mes-factures/paiements/PAY-7Q2K9M/recu.pdf',
};

test('the French receipt e-mail gives the amount, the creditor, the Monaco time, every bill and the reference', () => {
  const mail = composeMail('marco.rossi@example.org', 'fr', paymentReceipt, data);
  assert.equal(mail.to, 'marco.rossi@example.org');
  assert.match(mail.subject, /^Paiement de cantine confirmé\s: 16,71\s€$/);
  for (const expected of [
    /16,71\s€ à Restauration scolaire des écoles de Monaco, le 20 novembre 2026 à 00:30 \(heure de Monaco\)/,
    /la facture RSP-2026-000012 \(École Saint-Charles, octobre 2026\)\s: 11,14\s€/,
    /la facture RSP-2026-000013 \(Collège Charles III, octobre 2026\)\s: 5,57\s€/,
    /Référence du paiement\s: PAY-7Q2K9M/,
    /https:\/\/monguichet\.mc\/mes-factures\/paiements\/PAY-7Q2K9M\/recu\.pdf/,
  ]) {
    assert.match(mail.text, expected);
    assert.match(mail.html, expected);
  }
  assert.doesNotMatch(mail.text, /bouton|frais (?!n)/);
});

test('in English the receipt e-mail is in English', () => {
  const mail = composeMail('marco.rossi@example.org', 'en', paymentReceipt, data);
  assert.match(mail.subject, /^Canteen payment confirmed: €16\.71$/);
  assert.match(mail.text, /on 20 November 2026 at 00:30 \(Monaco time\)/);
  assert.match(mail.text, /bill RSP-2026-000012 \(École Saint-Charles, October 2026\): €11\.14/);
});
