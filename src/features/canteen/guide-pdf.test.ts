import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateSync } from 'node:zlib';
import { renderCanteenGuidePdf, type CanteenGuideInput } from './guide-pdf.ts';

const FIXED_DATE = new Date('2025-09-01T08:00:00Z');

const fontvieille: CanteenGuideInput = {
  lang: 'fr',
  procedureTitle: 'Payer la cantine en ligne pour l’École de Fontvieille',
  establishmentName: 'École de Fontvieille',
  procedureUrl: 'https://monguichet.mc/demarches/payer-la-cantine-en-ligne-ecole-de-fontvieille',
  serviceName: 'MonGuichet.mc',
  contactEmail: 'contact@monguichet.mc',
  contactPhone: '(+377) 98 98 95 99',
  creationDate: FIXED_DATE,
};

/** Object dictionaries are not compressed by pdfkit, so page objects can be counted in the raw bytes. */
function pageCount(pdf: Buffer): number {
  return [...pdf.toString('latin1').matchAll(/\/Type\s*\/Page(?![a-zA-Z])/g)].length;
}

/** The text shown by the content streams (hex strings of TJ operators), one line per TJ. */
function shownText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const stream of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    let content: string;
    try {
      content = inflateSync(Buffer.from(stream[1] ?? '', 'latin1')).toString('latin1');
    } catch {
      continue;
    }
    for (const tj of content.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      const hexes = [...(tj[1] ?? '').matchAll(/<([0-9a-fA-F]*)>/g)];
      lines.push(hexes.map((h) => Buffer.from(h[1] ?? '', 'hex').toString('latin1')).join(''));
    }
  }
  return lines.join('\n');
}

test('the guide is a PDF document', async () => {
  const pdf = await renderCanteenGuidePdf(fontvieille);
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.match(pdf.subarray(-6).toString('latin1'), /%%EOF/);
});

test('the guide fits on exactly one A4 page', async () => {
  const pdf = await renderCanteenGuidePdf(fontvieille);
  assert.equal(pageCount(pdf), 1);
  assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 595\.28 841\.89\]/);
});

test('the French guide is declared in French and shows the French texts and the school', async () => {
  const pdf = await renderCanteenGuidePdf(fontvieille);
  assert.match(pdf.toString('latin1'), /\/Lang \(fr-MC\)/);
  const text = shownText(pdf);
  assert.match(text, /Payez la cantine de vos/);
  assert.match(text, /Fontvieille/);
  assert.match(text, /contact@monguichet\.mc/);
});

test('the English guide differs from the French one and is written in English', async () => {
  const fr = await renderCanteenGuidePdf(fontvieille);
  const en = await renderCanteenGuidePdf({ ...fontvieille, lang: 'en' });
  assert.notDeepEqual(en, fr);
  assert.match(en.toString('latin1'), /\/Lang \(en\)/);
  const text = shownText(en);
  assert.match(text, /Pay for your/);
  assert.doesNotMatch(text, /Payez la cantine/);
  assert.equal(pageCount(en), 1);
});

test('the QR code and the printed address link to the procedure URL', async () => {
  const pdf = await renderCanteenGuidePdf(fontvieille);
  const links = [...pdf.toString('latin1').matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]);
  assert.ok(links.length >= 1);
  for (const link of links) assert.equal(link, fontvieille.procedureUrl);
  assert.match(shownText(pdf), /https:\/\/monguichet\.mc\/demarches\//);
});

test('a 300-character establishment name still yields exactly one page', async () => {
  const name = 'École primaire et maternelle de Fontvieille '.repeat(8).slice(0, 300);
  assert.equal(name.length, 300);
  for (const lang of ['fr', 'en'] as const) {
    const pdf = await renderCanteenGuidePdf({
      ...fontvieille,
      lang,
      establishmentName: name,
      procedureTitle: `Payer la cantine en ligne pour ${name}`,
    });
    assert.equal(pageCount(pdf), 1);
  }
});

test('a very long procedure URL still yields exactly one page', async () => {
  const url = `https://monguichet.mc/demarches/payer-la-cantine?${'etablissement=ecole-de-fontvieille&'.repeat(8)}`;
  const pdf = await renderCanteenGuidePdf({ ...fontvieille, procedureUrl: url });
  assert.equal(pageCount(pdf), 1);
});

test('characters the built-in fonts cannot draw do not break the guide', async () => {
  const pdf = await renderCanteenGuidePdf({
    ...fontvieille,
    establishmentName: 'Szkoła Łódź 学校 🍎 École',
    procedureTitle: 'Payer la cantine en ligne pour Szkoła Łódź 学校 🍎 École',
  });
  assert.equal(pageCount(pdf), 1);
  assert.match(shownText(pdf), /Szko\?a/);
});

test('rendering twice with the same creation date gives the same bytes', async () => {
  const first = await renderCanteenGuidePdf(fontvieille);
  const second = await renderCanteenGuidePdf(fontvieille);
  assert.deepEqual(first, second);
});

test('the guide names the service by its brand, never by the host name of the machine serving it', async () => {
  const text = shownText(await renderCanteenGuidePdf({ ...fontvieille, serviceName: 'MonGuichet.mc' }));
  assert.match(text, /Depuis MonGuichet\.mc/i);
  assert.match(text, /Via MonGuichet\.mc/i);
  const other = shownText(await renderCanteenGuidePdf({ ...fontvieille, serviceName: 'Guichet de test' }));
  assert.match(other, /Depuis Guichet de test/i);
  assert.doesNotMatch(other, /localhost|127\.0\.0\.1/i);
});
