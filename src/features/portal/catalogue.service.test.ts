import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import fc from 'fast-check';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import { foldForSearch } from '../../lib/text.ts';
import { CatalogueService, MAX_QUERY_LENGTH, searchCatalogue, searchTerms } from './catalogue.service.ts';

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

test('a query keeps at most ten distinct terms from its first characters', () => {
  assert.deepEqual(searchTerms('Cantine cantine CANTÎNE'), ['cantine']);
  assert.equal(searchTerms(Array.from({ length: 30 }, (_, i) => `mot${i}`).join(' ')).length, 10);
  assert.ok(searchTerms('a'.repeat(5000)).every((t) => t.length <= MAX_QUERY_LENGTH));
  assert.deepEqual(searchTerms(''), []);
  assert.deepEqual(searchTerms('   ,;:  '), []);
});

test('the snapshot is reused until the refresh period has passed and the revision changed', async () => {
  let now = 1_000_000;
  const service = new CatalogueService(database.db, 60, () => now);
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

test('concurrent first requests share one load of the catalogue', async () => {
  const service = new CatalogueService(database.db, 60);
  const [a, b, c] = await Promise.all([service.snapshot(), service.snapshot(), service.snapshot()]);
  assert.equal(a, b);
  assert.equal(b, c);
});

test('search results are always entries of the snapshot that pass the filters (property)', async () => {
  const snapshot = await new CatalogueService(database.db, 0).snapshot();
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
  const snapshot = await new CatalogueService(database.db, 0).snapshot();
  assert.equal(snapshot.bySlug.get('payer-la-cantine-ecole-du-parc'), undefined);
  assert.ok(snapshot.bySlug.get('payer-la-cantine-ecole-des-carmes'));
});
