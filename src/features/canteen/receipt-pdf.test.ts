/**
 * The payment receipt PDF: what a parent keeps as proof (who paid, when in Monaco time, how much,
 * both references, the creditor's legal details, the bills and lines settled), in their language.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pdfPageCount, pdfText } from '../../../test/helpers/pdf.ts';
import type { BillLine } from './canteen.types.ts';
import type { ParentBill } from './parent.service.ts';
import { pdfText as drawableText } from './pdf-document.ts';
import { renderReceiptPdf, type PaymentReceipt } from './receipt-pdf.ts';

const FIXED = new Date('2026-11-20T08:00:00Z');

function line(pupilName: string, day: number): BillLine {
  const date = `2026-10-${String(day).padStart(2, '0')}`;
  return {
    pupilId: pupilName,
    pupilName,
    periodStart: date,
    periodEnd: date,
    quantity: 1,
    unitPriceCents: 557,
    sharePercent: 100,
    totalCents: 557,
  };
}

function bill(number: string, lines: readonly BillLine[]): ParentBill {
  const total = lines.reduce((sum, l) => sum + l.totalCents, 0);
  return {
    id: number,
    number,
    month: '2026-10',
    status: 'paid',
    payerEmail: 'marco.rossi@example.org',
    establishmentSlug: 'ecole-saint-charles',
    establishmentName: 'École Saint-Charles',
    creditorName: 'Restauration scolaire des écoles de Monaco',
    totalCents: total,
    netCents: total - 29,
    vatCents: 29,
    vatRateBasisPoints: 550,
    paidCents: total,
    paymentReference: `RF00${number}`,
    issuedOn: '2026-11-02',
    onlineDeadline: '2026-11-20',
    dueDate: '2026-11-30',
    lines,
    creditor: {
      name: 'Restauration scolaire des écoles de Monaco',
      address: '3 avenue de l’Annonciade, 98000 Monaco',
      registration: '12S05678',
      vatNumber: 'FR 12 000000000',
      merchantId: 'mairie-cantine',
    },
    childNames: [...new Set(lines.map((l) => l.pupilName))],
  };
}

const receipt: PaymentReceipt = {
  reference: 'PAY-7Q2K9M',
  providerRef: 'sbx_3f9a8c2e',
  // 23:30 UTC on 19 November is 00:30 on 20 November in Monaco.
  paidAt: new Date('2026-11-19T23:30:00Z'),
  amountCents: 1671,
  payer: { name: 'Marco Rossi', email: 'marco.rossi@example.org' },
  creditor: {
    name: 'Restauration scolaire des écoles de Monaco',
    address: '3 avenue de l’Annonciade, 98000 Monaco',
    registration: '12S05678',
    vatNumber: 'FR 12 000000000',
  },
  bills: [
    { bill: bill('RSP-2026-000012', [line('Matteo Rossi', 1), line('Matteo Rossi', 2)]), paidCents: 1114 },
    { bill: bill('RSP-2026-000013', [line('Léa Rossi', 1)]), paidCents: 557 },
  ],
};

test('the receipt says who paid, when in Monaco time, how much, with both references and the creditor', async () => {
  const pdf = await renderReceiptPdf({ receipt, lang: 'fr', creationDate: FIXED });
  assert.ok(pdf.subarray(0, 5).toString('latin1') === '%PDF-');
  assert.equal(pdfPageCount(pdf), 1);
  const text = pdfText(pdf);
  for (const expected of [
    'Reçu de paiement PAY-7Q2K9M',
    'Marco Rossi (marco.rossi@example.org)',
    '20 novembre 2026 à 00:30',
    '16,71 €',
    'sbx_3f9a8c2e',
    'Restauration scolaire des écoles de Monaco',
    'RCI 12S05678',
    'N° de TVA FR 12 000000000',
    // (test/helpers/pdf.ts reads back Latin-1: the dash and the apostrophe of Windows-1252 are not compared.)
    'Facture RSP-2026-000012',
    'École Saint-Charles, octobre 2026',
    'Matteo Rossi',
    'Léa Rossi',
    '11,14 €',
    '5,57 €',
    'Carte bancaire, en ligne, sans frais',
  ])
    assert.ok(text.includes(expected), `${expected} in:\n${text}`);
});

test('in English the receipt is in English, amounts and dates included', async () => {
  const text = pdfText(await renderReceiptPdf({ receipt, lang: 'en', creationDate: FIXED }));
  for (const expected of [
    'Payment receipt PAY-7Q2K9M',
    '20 November 2026 at 00:30',
    '€16.71',
    'Bills settled by this payment',
  ])
    assert.ok(text.includes(expected), `${expected} in:\n${text}`);
  assert.ok(!text.includes('Reçu'));
});

test('a receipt for many bills flows onto numbered pages; the same input gives the same bytes', async () => {
  const many: PaymentReceipt = {
    ...receipt,
    bills: Array.from({ length: 12 }, (_, i) => ({
      bill: bill(`RSP-2026-0001${String(i).padStart(2, '0')}`, [line('Matteo Rossi', 1), line('Léa Rossi', 2)]),
      paidCents: 1114,
    })),
  };
  const first = await renderReceiptPdf({ receipt: many, lang: 'fr', creationDate: FIXED });
  assert.ok(pdfPageCount(first) >= 2);
  assert.match(pdfText(first), /Page 2 sur \d/);
  assert.deepEqual(await renderReceiptPdf({ receipt: many, lang: 'fr', creationDate: FIXED }), first);
});

test('names the standard fonts cannot draw (Ødegaard, Zoë, N’Diaye, Łukasz, an emoji) do not break the receipt', async () => {
  const odd: PaymentReceipt = {
    ...receipt,
    payer: { name: 'Zoë N’Diaye-Ødegaard 🙂', email: 'zoe@example.org' },
    bills: [{ bill: bill('RSP-2026-000099', [line('Ærø Łukasz', 1)]), paidCents: 557 }],
  };
  const pdf = await renderReceiptPdf({ receipt: odd, lang: 'fr', creationDate: FIXED });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal(pdfPageCount(pdf), 1);
  // What is drawn: Latin-1 and Windows-1252 letters as they are, others spelled or "?".
  assert.equal(drawableText('Zoë N’Diaye-Ødegaard 🙂'), 'Zoë N’Diaye-Ødegaard ?');
  assert.equal(drawableText('Ærø Łukasz ă'), 'Ærø Lukasz a');
});
