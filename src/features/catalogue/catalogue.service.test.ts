import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import { foldForSearch } from '../../lib/text.ts';
import {
  buildSnapshot,
  CatalogueService,
  foldedWords,
  MAX_QUERY_LENGTH,
  searchCatalogue,
  searchTerms,
  termMatches,
} from './catalogue.service.ts';
import { CanteenService } from '../canteen/canteen.service.ts';

const database = await createTestDatabase({ seed: true });
after(() => database.close());

test('folding for search ignores case, accents and punctuation, and spells out ligatures', () => {
  assert.equal(foldForSearch('Cantîne'), 'cantine');
  assert.equal(foldForSearch('ÉCOLE  des Révoires!'), 'ecole des revoires');
  assert.equal(foldForSearch('Œuvre d’art'), 'oeuvre d art');
});

test('folding is idempotent and never longer than twice its input (property)', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 200 }), (s) => {
      const once = foldForSearch(s);
      assert.equal(foldForSearch(once), once);
      assert.ok(once.length <= s.length * 2);
    }),
  );
});

test('a term is found by the sorted words exactly when a word of the folded text starts with it (property)', () => {
  // The rule the word index replaces: the folded text starts with the term, or has it after a space.
  const scanned = (text: string, forms: readonly string[]) => {
    const folded = foldForSearch(text);
    return forms.some((form) => folded.startsWith(form) || folded.includes(` ${form}`));
  };
  const letters = fc.constantFrom(...'abcdeéèçœ ’-.'.split(''));
  const text = fc.array(letters, { maxLength: 60 }).map((chars) => chars.join(''));
  const form = fc
    .array(fc.constantFrom(...'abcde'.split('')), { minLength: 1, maxLength: 4 })
    .map((chars) => chars.join(''));
  fc.assert(
    fc.property(text, fc.array(form, { minLength: 1, maxLength: 3 }), (t, forms) => {
      assert.equal(termMatches(foldedWords(t), forms), scanned(t, forms), `${JSON.stringify(t)} ${forms.join(',')}`);
    }),
    { numRuns: 2000 },
  );
  assert.deepEqual(foldedWords('Cantine, cantine ÉCOLE'), ['cantine', 'ecole']);
  assert.equal(termMatches(foldedWords('les remboursements'), ['bourse']), false);
  assert.equal(termMatches(foldedWords('une bourse scolaire'), ['bourse']), true);
});

test('a query keeps at most ten distinct terms from its first characters', () => {
  assert.deepEqual(searchTerms('Cantine cantine CANTÎNE'), ['cantine']);
  assert.equal(searchTerms(Array.from({ length: 30 }, (_, i) => `mot${i}`).join(' ')).length, 10);
  assert.ok(searchTerms('a'.repeat(5000)).every((t) => t.length <= MAX_QUERY_LENGTH));
  assert.deepEqual(searchTerms(''), []);
  assert.deepEqual(searchTerms('   ,;:  '), []);
});

test('the snapshot is reused until the refresh period has passed and the revision changed', async () => {
  let now = 1_000_000;
  const service = new CatalogueService(database.db, new CanteenService(database.db), 60, () => now);
  const first = await service.snapshot();
  await database.db
    .updateTable('procedure')
    .set({ popularity: 1 })
    .where('slug', '=', first.entries.at(-1)!.slug)
    .execute();
  assert.equal(await service.snapshot(), first, 'within the period, no database read');
  now += 61_000;
  const second = await service.snapshot();
  assert.notEqual(second, first);
  assert.notEqual(second.revision, first.revision);
  now += 61_000;
  assert.equal(await service.snapshot(), second, 'same revision: the same snapshot is kept');
});

test('freshRevision is the revision in memory while it is fresh, and nothing before the first load or once the database must be asked', async () => {
  let now = 3_000_000;
  const service = new CatalogueService(database.db, new CanteenService(database.db), 60, () => now);
  assert.equal(service.freshRevision(), undefined, 'nothing loaded yet');
  const { revision } = await service.snapshot();
  assert.equal(service.freshRevision(), revision);
  now += 59_000;
  assert.equal(service.freshRevision(), revision, 'still within the period');
  now += 2_000;
  assert.equal(service.freshRevision(), undefined, 'the period is over: no revision without asking');
  await service.snapshot();
  assert.equal(service.freshRevision(), revision, 'asked again, nothing changed');
  const never = new CatalogueService(database.db, new CanteenService(database.db), 0, () => now);
  await never.snapshot();
  assert.equal(never.freshRevision(), undefined, 'a refresh period of 0: the database is asked every time');
});

test('withSnapshot uses a fresh snapshot at once, without a promise, and waits for the database only when it must', async () => {
  let now = 2_000_000;
  const service = new CatalogueService(database.db, new CanteenService(database.db), 60, () => now);
  const first = service.withSnapshot((snapshot) => snapshot.revision);
  assert.ok(first instanceof Promise, 'nothing in memory yet: it waits for the load');
  const revision = await first;
  assert.equal(
    service.withSnapshot((snapshot) => snapshot.revision),
    revision,
    'fresh: the value itself, in the same turn',
  );
  assert.throws(
    () =>
      service.withSnapshot(() => {
        throw new RangeError('refused');
      }),
    RangeError,
    'an error of `use` is thrown to the caller',
  );
  now += 61_000;
  const checked = service.withSnapshot((snapshot) => snapshot.revision);
  assert.ok(checked instanceof Promise, 'the period is over: the database is asked first');
  assert.equal(await checked, revision, 'nothing changed');
  now += 61_000;
  const later = service.withSnapshot((): never => {
    throw new RangeError('refused later');
  });
  assert.ok(later instanceof Promise);
  await assert.rejects(later, RangeError, 'after the check, the error rejects the promise');
});

test('concurrent first requests share one load of the catalogue', async () => {
  const service = new CatalogueService(database.db, new CanteenService(database.db), 60);
  const [a, b, c] = await Promise.all([service.snapshot(), service.snapshot(), service.snapshot()]);
  assert.equal(a, b);
  assert.equal(b, c);
});

test('search results are always entries of the snapshot that pass the filters (property)', async () => {
  const snapshot = await new CatalogueService(database.db, new CanteenService(database.db), 0).snapshot();
  await fc.assert(
    fc.asyncProperty(
      fc.string({ maxLength: 40 }),
      fc.constantFrom(undefined, 'particulier' as const, 'professionnel' as const),
      fc.constantFrom('fr' as const, 'en' as const),
      async (query, audience, lang) => {
        const results = searchCatalogue(snapshot, { lang, query, audience });
        assert.ok(results.length <= snapshot.entries.length);
        assert.equal(new Set(results.map((r) => r.slug)).size, results.length, 'no duplicates');
        for (const entry of results) {
          assert.equal(snapshot.bySlug.get(entry.slug), entry);
          if (audience) assert.ok(entry.audiences.includes(audience));
        }
      },
    ),
    { numRuns: 200 },
  );
});

test('an establishment without a canteen has no canteen procedure', async () => {
  await database.db
    .updateTable('establishment')
    .set({ has_canteen: false })
    .where('slug', '=', 'ecole-du-parc')
    .execute();
  const snapshot = await new CatalogueService(database.db, new CanteenService(database.db), 0).snapshot();
  assert.equal(snapshot.bySlug.get('payer-la-cantine-ecole-du-parc'), undefined);
  assert.ok(snapshot.bySlug.get('payer-la-cantine-ecole-des-carmes'));
});

/**
 * What people type, the procedure that must come first (`canteen`: any school's canteen
 * procedure), and procedures that must not be found at all.
 */
type QueryRow = readonly [query: string, first: string, absent?: readonly string[]];
const NATIONALITY = 'demander-un-certificat-de-nationalite';
const QUERY_TABLE: Record<'fr' | 'en', readonly QueryRow[]> = {
  fr: [
    ['cantine', 'canteen', [NATIONALITY]],
    ['CANTINES', 'canteen', [NATIONALITY]],
    ['Cantîne', 'canteen', [NATIONALITY]],
    ['factures', 'canteen'],
    ['factures de cantine', 'canteen', [NATIONALITY]],
    ['repas de midi', 'canteen'],
    ['réfectoire', 'canteen'],
    ['restaurant scolaire', 'canteen'],
    ['repas', 'canteen'],
    ['facture cantine', 'canteen'],
    ['payer la cantine', 'canteen'],
    ['déjeuner école', 'canteen'],
    ['demi-pension', 'canteen'],
    ['allocation cantine', 'demander-une-allocation-de-cantine'],
    ['aide repas', 'demander-une-allocation-de-cantine'],
    ['crèche', 'demander-une-place-en-creche'],
    ['garde d’enfant', 'demander-une-place-en-creche'],
    ['acte de naissance', 'demander-un-extrait-d-acte-de-naissance'],
    ['l’acte de naissance', 'demander-un-extrait-d-acte-de-naissance'],
    ['mariage', 'demander-une-copie-d-acte-de-mariage'],
    ['nationalité', 'demander-un-certificat-de-nationalite'],
    ['titre de séjour', 'demander-une-premiere-carte-de-sejour'],
    ['renouveler séjour', 'renouveler-ma-carte-de-sejour'],
    ['déménagement', 'signaler-un-changement-de-situation-resident'],
    ['justificatif de domicile', 'demander-un-certificat-de-residence'],
    ['contrôle technique', 'prendre-rendez-vous-pour-la-visite-technique-de-mon-vehicule'],
    ['permis de conduire', 'echanger-mon-permis-de-conduire-etranger'],
    ['carte grise', 'immatriculer-un-vehicule'],
    ['parking', 'souscrire-un-abonnement-de-parking-public'],
    ['bus', 'commander-ma-carte-d-abonnement-bus'],
    ['fiche de paie', 'consulter-mes-bulletins-de-paie'],
    ['chômage', 's-inscrire-comme-demandeur-d-emploi'],
    ['TVA', 'deposer-ma-declaration-de-tva'],
    ['héritage', 'declarer-une-succession'],
    ['handicap', 'demander-l-allocation-aux-adultes-handicapes'],
    ['loyer', 'demander-l-aide-nationale-au-logement'],
    ['appartement', 'deposer-une-demande-de-logement-domanial'],
    ['bibliothèque', 'm-inscrire-a-la-mediatheque'],
    ['piscine', 'reserver-un-equipement-sportif'],
    ['inscription école', 'inscrire-mon-enfant-a-l-ecole'],
    ['inscription ecole', 'inscrire-mon-enfant-a-l-ecole'],
    ['inscrire mes enfants à l’école', 'inscrire-mon-enfant-a-l-ecole'],
    ['bourse', 'demander-une-bourse-d-etudes', ['declarer-une-succession']],
  ],
  en: [
    ['canteen', 'canteen', [NATIONALITY]],
    ['Canteens', 'canteen', [NATIONALITY]],
    ['school meals', 'canteen'],
    ['school dinners', 'canteen'],
    ['lunch', 'canteen'],
    ['pay canteen', 'canteen'],
    ['canteen bill', 'canteen'],
    ['canteen bills', 'canteen', [NATIONALITY]],
    ['the school lunch', 'canteen'],
    ['lunch money', 'canteen'],
    ['canteen allowance', 'demander-une-allocation-de-cantine'],
    ['free school meals', 'demander-une-allocation-de-cantine'],
    ['daycare', 'demander-une-place-en-creche'],
    ['birth certificate', 'demander-un-extrait-d-acte-de-naissance'],
    ['marriage', 'demander-une-copie-d-acte-de-mariage'],
    ['nationality', 'demander-un-certificat-de-nationalite'],
    ['residence permit', 'demander-une-premiere-carte-de-sejour'],
    ['renew residence permit', 'renouveler-ma-carte-de-sejour'],
    ['change of address', 'signaler-un-changement-de-situation-resident'],
    ['proof of address', 'demander-un-certificat-de-residence'],
    ['MOT', 'prendre-rendez-vous-pour-la-visite-technique-de-mon-vehicule'],
    ['driving licence', 'echanger-mon-permis-de-conduire-etranger'],
    ['number plate', 'immatriculer-un-vehicule'],
    ['car park', 'souscrire-un-abonnement-de-parking-public'],
    ['bus pass', 'commander-ma-carte-d-abonnement-bus'],
    ['payslip', 'consulter-mes-bulletins-de-paie'],
    ['work permit', 'demander-une-autorisation-d-embauchage-et-un-permis-de-travail'],
    ['jobseeker', 's-inscrire-comme-demandeur-d-emploi'],
    ['VAT', 'deposer-ma-declaration-de-tva'],
    ['inheritance', 'declarer-une-succession'],
    ['disability', 'demander-l-allocation-aux-adultes-handicapes'],
    ['social housing', 'deposer-une-demande-de-logement-domanial'],
    ['rent', 'demander-l-aide-nationale-au-logement'],
    ['library', 'm-inscrire-a-la-mediatheque'],
    ['libraries', 'm-inscrire-a-la-mediatheque'],
    ['sports hall', 'reserver-un-equipement-sportif'],
    ['scholarship', 'demander-une-bourse-d-etudes'],
  ],
};

for (const lang of ['fr', 'en'] as const) {
  test(`what people type in ${lang === 'fr' ? 'French' : 'English'} finds the procedure they mean first`, async () => {
    const snapshot = await new CatalogueService(database.db, new CanteenService(database.db), 0).snapshot();
    assert.ok(QUERY_TABLE[lang].length >= 30);
    for (const [query, expected, absent = []] of QUERY_TABLE[lang]) {
      const results = searchCatalogue(snapshot, { lang, query });
      const first = results[0];
      if (expected === 'canteen') assert.equal(first?.kind, 'canteen', `"${query}" → ${first?.slug ?? 'nothing'}`);
      else assert.equal(first?.slug, expected, `"${query}" → ${first?.slug ?? 'nothing'}`);
      for (const slug of absent) assert.ok(!results.some((entry) => entry.slug === slug), `"${query}" finds ${slug}`);
    }
  });
}

test('"cantine" finds the canteen procedures and the canteen allowance, not pages that mention a canteen in passing', async () => {
  const snapshot = await new CatalogueService(database.db, new CanteenService(database.db), 0).snapshot();
  const results = searchCatalogue(snapshot, { lang: 'fr', query: 'cantine' });
  assert.equal(results.filter((entry) => entry.kind === 'canteen').length, snapshot.canteenEntries.length);
  assert.ok(results.some((entry) => entry.slug === 'demander-une-allocation-de-cantine'));
  assert.ok(!results.some((entry) => entry.slug === 'demander-un-certificat-de-nationalite'));
  // A word found only inside another ("bourse" in "remboursements") does not count.
  const grant = searchCatalogue(snapshot, { lang: 'fr', query: 'bourse' }).map((entry) => entry.slug);
  assert.deepEqual(grant, ['demander-une-bourse-d-etudes']);
});

test('stop words and elided articles are not search terms; a query of stop words only finds nothing', async () => {
  assert.deepEqual(searchTerms('acte de naissance'), ['acte', 'naissance']);
  assert.deepEqual(searchTerms('L’école de la Condamine'), ['ecole', 'condamine']);
  assert.deepEqual(searchTerms('the price of a meal'), ['price', 'meal']);
  const snapshot = await new CatalogueService(database.db, new CanteenService(database.db), 0).snapshot();
  for (const lang of ['fr', 'en'] as const) {
    for (const query of ['de', 'la', 'le', 'the', 'of', 'de la', 'l’', 'à la'])
      assert.deepEqual(searchCatalogue(snapshot, { lang, query }), [], `${lang} "${query}"`);
    // Punctuation alone is no query at all: everything is listed, in catalogue order.
    assert.deepEqual(searchCatalogue(snapshot, { lang, query: ' ; ' }), snapshot.entries);
  }
});

test('a word found nowhere finds nothing; a query whose words are not all found shows what has most of them', async () => {
  const snapshot = await new CatalogueService(database.db, new CanteenService(database.db), 0).snapshot();
  for (const lang of ['fr', 'en'] as const) assert.deepEqual(searchCatalogue(snapshot, { lang, query: 'xyzzy' }), []);
  const partial = searchCatalogue(snapshot, { lang: 'fr', query: 'repas xyzzy' });
  assert.equal(partial[0]?.kind, 'canteen');
  // When some entries have every word, they come alone.
  const school = searchCatalogue(snapshot, { lang: 'fr', query: 'cantine fontvieille' }).map((entry) => entry.slug);
  assert.deepEqual(school, ['payer-la-cantine-ecole-de-fontvieille']);
});

test('equal matches keep the catalogue order: the canteen procedures in the order of the establishments', async () => {
  const snapshot = await new CatalogueService(database.db, new CanteenService(database.db), 0).snapshot();
  const canteen = searchCatalogue(snapshot, { lang: 'fr', query: 'cantine' }).filter(
    (entry) => entry.kind === 'canteen',
  );
  assert.deepEqual(canteen, snapshot.canteenEntries);
});

/** A procedure row whose French and English texts put `word` in one field only. */
function procedureWith(slug: string, field: 'title' | 'keywords' | 'summary' | 'description', word: string) {
  const content = {
    title: field === 'title' ? `Obtenir un ${word}` : 'Obtenir un document',
    summary: field === 'summary' ? `Un ${word} délivré en ligne.` : 'Un document délivré en ligne.',
    description: field === 'description' ? `Le ${word} est remis sur place.` : 'Le document est remis sur place.',
    audience: 'Tout le monde.',
    requirements: ['Une pièce d’identité'],
    duration: '5 minutes',
    keywords: field === 'keywords' ? [word] : [],
  };
  return {
    slug,
    theme: 'etat-civil',
    audiences: ['particulier'],
    popularity: 10,
    external_url: 'https://example.mc/',
    content: { fr: content, en: content },
  };
}

test('a word in the title ranks above the same word among the keywords, above the summary; text-only matches give way', () => {
  // Catalogue order is the reverse of the expected ranking, so only the fields decide.
  const snapshot = buildSnapshot(
    '1',
    [
      procedureWith('dans-le-texte', 'description', 'zebre'),
      procedureWith('dans-le-resume', 'summary', 'zebre'),
      procedureWith('dans-les-mots-cles', 'keywords', 'zèbres'),
      procedureWith('dans-le-titre', 'title', 'Zèbre'),
    ],
    [],
  );
  for (const query of ['zebre', 'ZÈBRES'])
    assert.deepEqual(
      searchCatalogue(snapshot, { lang: 'fr', query }).map((entry) => entry.slug),
      ['dans-le-titre', 'dans-les-mots-cles', 'dans-le-resume'],
      query,
    );
  // With no better match, a word found only in the text still finds its procedure.
  const textOnly = buildSnapshot('1', [procedureWith('dans-le-texte', 'description', 'okapi')], []);
  assert.deepEqual(
    searchCatalogue(textOnly, { lang: 'fr', query: 'okapis' }).map((entry) => entry.slug),
    ['dans-le-texte'],
  );
});
