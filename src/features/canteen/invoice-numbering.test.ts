/**
 * Invoice numbers stay gap-free and unique per creditor and year when publications run at once
 * (on PostgreSQL, truly in parallel on separate connections).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canteenWithMeals } from '../../../test/factories/canteen.ts';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { generateDrafts, invoicesOfMonth, publishMonth } from './invoicing.service.ts';

const { app, database, config } = await buildTestApp({ jobs: true });
const db = database.db;
const deps = { mail: app.mail, publicUrl: config.publicUrl };

test('parallel publications of one creditor number every bill once, from 1 with no gap', async () => {
  const schools = ['ecole-de-fontvieille', 'ecole-des-revoires', 'ecole-saint-charles'];
  for (const [i, establishment] of schools.entries()) {
    await canteenWithMeals(db, {
      establishment,
      meals: 4,
      pupils: Array.from({ length: 6 }, (_, n) => ({
        guardians: [{ email: `parent${i}-${n}@example.mc`, role: 'payer' as const }],
      })),
    });
    await generateDrafts(db, { establishmentSlug: establishment, month: '2026-10' });
  }
  const now = new Date('2026-11-02T10:00:00Z');
  // Each school published twice at the same time, and the three schools at once.
  const outcomes = await Promise.all(
    [...schools, ...schools].map((establishmentSlug) =>
      publishMonth(db, deps, { establishmentSlug, month: '2026-10', now }),
    ),
  );
  assert.equal(
    outcomes.reduce((s, o) => s + o.published.length, 0),
    18,
  );
  const bills = (await Promise.all(schools.map((s) => invoicesOfMonth(db, s, '2026-10')))).flat();
  assert.equal(bills.length, 18);
  assert.ok(bills.every((b) => b.status === 'to_pay'));
  const numbers = bills.map((b) => b.number ?? '').sort();
  assert.deepEqual(
    numbers,
    Array.from({ length: 18 }, (_, i) => `RSP-2026-${String(i + 1).padStart(6, '0')}`),
  );
});
