import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { all, bodyText, fieldByLabel, parsePage, text } from '../../../test/helpers/html.ts';
import { demoProcedures } from '../../seed/procedures.ts';

const { app, database } = await buildTestApp();

async function search(q: string, lang: 'fr' | 'en') {
  const response = await app.inject({
    method: 'GET',
    url: `/demarches?q=${encodeURIComponent(q)}`,
    headers: { cookie: `lang=${lang}` },
  });
  assert.equal(response.statusCode, 200, q);
  const page = parsePage(response.body);
  return { page, titles: all(page, '.procedure-card__title').map((node) => text(node)) };
}

/** Queries typed on the page, and the title of the first procedure listed. */
const PAGE_TABLE: readonly (readonly [lang: 'fr' | 'en', query: string, first: RegExp])[] = [
  ['fr', 'restaurant scolaire', /^Payer la cantine en ligne pour /],
  ['fr', 'Factures de cantine', /^Payer la cantine en ligne pour /],
  ['fr', 'ecole fontvieille', /^Payer la cantine en ligne pour l’École de Fontvieille$/],
  ['fr', 'acte de naissance', /^Demander un extrait d’acte de naissance$/],
  ['fr', 'carte grise', /^Immatriculer un véhicule en Principauté$/],
  ['en', 'school meals', /^Pay the canteen online for /],
  ['en', 'canteen bills', /^Pay the canteen online for /],
  ['en', 'birth certificate', /^Request a birth certificate$/],
  ['en', 'the scholarship', /^Apply for a study grant$/],
];

test('the search page lists first the procedure people mean, in French and in English', async () => {
  for (const [lang, query, first] of PAGE_TABLE) {
    const { page, titles } = await search(query, lang);
    assert.match(titles[0] ?? 'nothing', first, `${lang} "${query}"`);
    assert.equal(fieldByLabel(page, lang === 'fr' ? 'Mots-clés' : 'Keywords').getAttribute('value'), query);
  }
});

test('"cantine" lists the canteen procedures, never the certificate of nationality that mentions the canteen allowance', async () => {
  for (const [lang, query] of [
    ['fr', 'cantine'],
    ['en', 'canteen'],
  ] as const) {
    const { titles } = await search(query, lang);
    assert.ok(titles.length >= 9, `${lang}: ${titles.join(', ')}`);
    assert.ok(!titles.some((title) => /nationalit/i.test(title)), `${lang}: ${titles.join(', ')}`);
  }
});

test('a word found nowhere, or stop words only, show the "no procedure found" message and its advice', async () => {
  for (const [lang, query, none, advice] of [
    ['fr', 'xyzzy', 'Aucune démarche trouvée', /Vérifiez l’orthographe/],
    ['fr', 'de la', 'Aucune démarche trouvée', /Vérifiez l’orthographe/],
    ['en', 'xyzzy', 'No procedure found', /Check the spelling/],
    ['en', 'the', 'No procedure found', /Check the spelling/],
  ] as const) {
    const { page, titles } = await search(query, lang);
    assert.deepEqual(titles, [], `${lang} "${query}"`);
    assert.equal(text(page.querySelector('.result-count')), none);
    assert.match(bodyText(page), advice);
  }
});

test('a search shows a procedure as the catalogue now has it: its cards are never older than the catalogue', async () => {
  const procedure = demoProcedures.find((p) => p.slug.includes('naissance'))!;
  const query = 'acte de naissance';
  assert.equal((await search(query, 'fr')).titles[0], procedure.content.fr.title);
  const title = 'Demander un extrait d’acte de naissance (nouveau formulaire)';
  const content = { ...procedure.content, fr: { ...procedure.content.fr, title } };
  await database.db
    .updateTable('procedure')
    .set({ content: JSON.stringify(content) })
    .where('slug', '=', procedure.slug)
    .execute();
  assert.equal((await search(query, 'fr')).titles[0], title);
  assert.equal((await search('birth certificate', 'en')).titles[0], procedure.content.en.title, 'English unchanged');
  await database.db.updateTable('procedure').set({ published: false }).where('slug', '=', procedure.slug).execute();
  assert.ok(!(await search(query, 'fr')).titles.includes(title), 'an unpublished procedure is no longer found');
});

test('the filters show the choice made, in each language, and the next search starts from it', async () => {
  for (const [lang, audienceLabel, themeLabel] of [
    ['fr', 'Professionnel', 'Éducation'],
    ['en', 'Professional', 'Education'],
  ] as const) {
    for (const [audience, theme] of [
      ['professionnel', 'education'],
      ['', 'education'],
      ['particulier', ''],
      ['', ''],
    ] as const) {
      const response = await app.inject({
        url: `/demarches?q=cantine&public=${audience}&theme=${theme}`,
        headers: { cookie: `lang=${lang}` },
      });
      const page = parsePage(response.body);
      const checked = page.querySelector('input[name="public"][checked]');
      assert.equal(checked?.getAttribute('value'), audience, `${lang} ${audience} ${theme}`);
      const selected = [...page.querySelectorAll('select[name="theme"] option[selected]')];
      assert.equal(selected.length, 1);
      assert.equal(selected[0]?.getAttribute('value'), theme);
      assert.equal(
        page.querySelector('details.catalogue__more')?.hasAttribute('open'),
        audience !== '' || theme !== '',
      );
      if (audience === 'professionnel')
        assert.equal(text(page.querySelector('label[for="public-professionnel"]')), audienceLabel);
      if (theme === 'education') assert.equal(text(selected[0]), themeLabel);
    }
  }
});

test('hostile filter values are ignored: the filters show "all", nothing of them is echoed', async () => {
  const response = await app.inject({
    url: `/demarches?q=cantine&public=${encodeURIComponent('"><script>x</script>')}&theme=${encodeURIComponent('education ')}`,
  });
  assert.equal(response.statusCode, 200);
  assert.doesNotMatch(response.body, /<script>x<\/script>/);
  const page = parsePage(response.body);
  assert.equal(page.querySelector('input[name="public"][checked]')?.getAttribute('value'), '');
  assert.equal(page.querySelector('select[name="theme"] option[selected]')?.getAttribute('value'), '');
  assert.equal(page.querySelector('details.catalogue__more')?.hasAttribute('open'), false);
  assert.match(bodyText(page), /Un filtre de l’adresse n’existe pas ; il a été ignoré/);
});
