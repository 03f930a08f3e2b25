/**
 * The annual payment certificate PDF of one child: what it prints (child, payer, each payment with
 * its bills and months, a refund taken back, the total, the creditor's legal details, the date of
 * issue), a year without payment, many payments on numbered pages, reproducible bytes, a file name
 * that is plain ASCII whatever the child's name; the year a payment counts in, and the years asked for.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pdfPageCount, pdfText } from '../../../test/helpers/pdf.ts';
import { certificateFilename, renderCertificatePdf } from './certificate-pdf.ts';
import { readCertificateYear, yearInMonaco, type PaymentCertificate } from './certificate.service.ts';

const FIXED = new Date('2026-12-04T08:00:00Z');

const certificate: PaymentCertificate = {
  year: 2026,
  child: { firstName: 'Léa', lastName: 'Rossi' },
  establishments: ['École de Fontvieille'],
  payer: { name: 'Marco Rossi', email: 'marco.rossi@example.org' },
  creditors: [
    {
      name: 'Restauration scolaire des écoles de Monaco',
      address: '3 avenue de l’Annonciade, 98000 Monaco',
      registration: '12S05678',
      vatNumber: 'FR 12 000000000',
    },
  ],
  payments: [
    {
      reference: 'PAY-7Q2K9M4XZA',
      // 23:30 UTC on 31 December 2025 is already 2026 in Monaco: the service put it in 2026.
      paidAt: new Date('2025-12-31T23:30:00Z'),
      bills: [{ number: 'RSP-2025-000412', month: '2025-12', establishmentName: 'École de Fontvieille' }],
      paidCents: 5570,
      refundedCents: 43,
      netCents: 5527,
    },
    {
      reference: 'PAY-8R3L0N5YWB',
      paidAt: new Date('2026-12-02T10:00:00Z'),
      bills: [
        { number: 'RSP-2026-000112', month: '2026-11', establishmentName: 'École de Fontvieille' },
        { number: 'RSP-2026-000113', month: '2026-09', establishmentName: 'École de Fontvieille' },
      ],
      paidCents: 11140,
      refundedCents: 0,
      netCents: 11140,
    },
  ],
  totalCents: 16667,
  issuedAt: FIXED,
};

test('the certificate names the child, the payer, each payment with its bills, the refund, the total and the creditor', async () => {
  const pdf = await renderCertificatePdf({ certificate, lang: 'fr', creationDate: FIXED });
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.equal(pdfPageCount(pdf), 1);
  const text = pdfText(pdf);
  for (const expected of [
    'Léa Rossi',
    'École de Fontvieille',
    'Marco Rossi (marco.rossi@example.org)',
    'du 1er janvier au 31 décembre 2026 (dates de Monaco)',
    '4 décembre 2026',
    '01/01/2026',
    'PAY-7Q2K9M4XZA',
    'RSP-2025-000412 (décembre 2025)',
    '55,70 €',
    '-0,43 €',
    '02/12/2026',
    'RSP-2026-000112 (novembre 2026)',
    'RSP-2026-000113 (septembre 2026)',
    '111,40 €',
    'Total payé en 2026',
    '166,67 €',
    'Paiements par carte bancaire en ligne, sans frais.',
    'Restauration scolaire des écoles de Monaco',
    'RCI 12S05678',
    'N° de TVA FR 12 000000000',
    'Attestation établie pour servir et valoir ce que de droit.',
    'Fait à Monaco, le 4 décembre 2026.',
  ])
    assert.ok(text.includes(expected), `${expected} in:\n${text}`);
  assert.doesNotMatch(text, /frais de/);
});

test('a year without payment says so, with a zero total', async () => {
  const text = pdfText(
    await renderCertificatePdf({
      certificate: { ...certificate, payments: [], totalCents: 0 },
      lang: 'fr',
      creationDate: FIXED,
    }),
  );
  assert.ok(text.includes('a été enregistré pour Léa Rossi en 2026.'), text);
  assert.ok(text.includes('0,00 €'), text);
  assert.ok(!text.includes('PAY-'), text);
});

test('in English, dates and amounts are English too', async () => {
  const text = pdfText(await renderCertificatePdf({ certificate, lang: 'en', creationDate: FIXED }));
  for (const expected of ['Payment certificate', 'year 2026', '€166.67', '-€0.43', 'RSP-2025-000412 (December 2025)'])
    assert.ok(text.includes(expected), `${expected} in:\n${text}`);
  assert.ok(!text.includes('Attestation'));
});

test('a year of many payments flows onto numbered pages; the same input gives the same bytes', async () => {
  const many: PaymentCertificate = {
    ...certificate,
    payments: Array.from({ length: 40 }, (_, i) => ({
      ...certificate.payments[1]!,
      reference: `PAY-${String(i).padStart(10, '0')}`,
    })),
  };
  const first = await renderCertificatePdf({ certificate: many, lang: 'fr', creationDate: FIXED });
  assert.ok(pdfPageCount(first) >= 2);
  assert.match(pdfText(first), /Page 2 sur \d/);
  assert.ok(pdfText(first).includes('PAY-0000000039'));
  assert.deepEqual(await renderCertificatePdf({ certificate: many, lang: 'fr', creationDate: FIXED }), first);
});

test('the file name is plain ASCII whatever the name', () => {
  assert.equal(certificateFilename(certificate, 'fr'), 'attestation-paiement-2026-lea-rossi.pdf');
  assert.equal(
    certificateFilename({ ...certificate, child: { firstName: 'Zoë "x"', lastName: 'N’Diaye-Ødegaard 🙂' } }, 'en'),
    'payment-certificate-2026-zoe-x-n-diaye-degaard.pdf',
  );
  assert.equal(
    certificateFilename({ ...certificate, child: { firstName: '李', lastName: '🙂' } }, 'fr'),
    'attestation-paiement-2026-enfant.pdf',
  );
});

test('a payment counts in its Monaco year; a year is four digits from 2000 to the current year', () => {
  assert.equal(yearInMonaco(new Date('2025-12-31T22:59:00Z')), 2025);
  assert.equal(yearInMonaco(new Date('2025-12-31T23:30:00Z')), 2026);
  const now = new Date('2026-12-04T12:00:00Z');
  assert.equal(readCertificateYear('2026', now), 2026);
  assert.equal(readCertificateYear('2000', now), 2000);
  for (const bad of ['1999', '2027', '0', '', '20266', '２０２６', '2026 ', '+2026', '2e3', 'abcd'])
    assert.equal(readCertificateYear(bad, now), undefined, bad);
  // On New Year's night in Monaco (still 31 December in UTC), the new year can be asked for.
  assert.equal(readCertificateYear('2027', new Date('2026-12-31T23:30:00Z')), 2027);
});
