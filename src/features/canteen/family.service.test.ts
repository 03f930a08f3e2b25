/**
 * What a parent's pages will ask: linking a child by the pupil code and birth date (or the roll's
 * verified e-mail), the linked children, and their meals of a month; never another family's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { canteenWithMeals } from '../../../test/factories/canteen.ts';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { childrenOfAccount, linkByPupilCode, linkByRollEmail, mealsOfChild } from './family.service.ts';

const { database } = await buildTestApp();
const db = database.db;

test('a parent links a child by code and birth date, sees it with its meals, and a wrong date links nothing', async () => {
  const [ref] = await canteenWithMeals(db, {
    establishment: 'ecole-saint-charles',
    meals: 3,
    pupils: [
      {
        firstName: 'Hugo',
        birthDate: '2017-05-09',
        guardians: [
          { email: 'mere@example.mc', role: 'payer' },
          { email: 'pere@example.mc', role: 'viewer' },
        ],
      },
    ],
  });
  const pupil = await db
    .selectFrom('pupil')
    .select(['id', 'link_code'])
    .where('pupil_ref', '=', ref ?? '')
    .executeTakeFirstOrThrow();
  const father = await buildAccount(db, { email: 'autre.adresse@example.mc' });
  const stranger = await buildAccount(db);

  assert.deepEqual(await linkByPupilCode(db, stranger.id, { code: pupil.link_code, birthDate: '2017-05-10' }), {
    kind: 'not_found',
  });
  assert.deepEqual(await linkByPupilCode(db, stranger.id, { code: 'ZZZZZZZZ', birthDate: '09/05/2017' }), {
    kind: 'not_found',
  });
  const code = `${pupil.link_code.slice(0, 4).toLowerCase()}-${pupil.link_code.slice(4)}`;
  // His address is not on the roll: the code opens the viewer's entry, not the mother's as payer.
  assert.deepEqual(await linkByPupilCode(db, father.id, { code, birthDate: '09/05/2017' }), {
    kind: 'linked',
    pupilId: pupil.id,
    role: 'viewer',
  });
  assert.deepEqual(await linkByPupilCode(db, father.id, { code, birthDate: '2017-05-09' }), {
    kind: 'already_linked',
    pupilId: pupil.id,
  });

  const children = await childrenOfAccount(db, father.id);
  assert.deepEqual(
    children.map((c) => [c.firstName, c.establishmentSlug, c.role, c.sharePercent]),
    [['Hugo', 'ecole-saint-charles', 'viewer', 0]],
  );
  assert.deepEqual(await mealsOfChild(db, father.id, pupil.id, '2026-10'), [
    { date: '2026-10-01', quantity: 1 },
    { date: '2026-10-02', quantity: 1 },
    { date: '2026-10-05', quantity: 1 },
  ]);
  assert.equal(await mealsOfChild(db, stranger.id, pupil.id, '2026-10'), undefined);
  assert.deepEqual(await childrenOfAccount(db, stranger.id), []);
});

test('the roll’s e-mail links only once the account has verified it', async () => {
  await canteenWithMeals(db, {
    establishment: 'ecole-des-carmes',
    meals: 1,
    pupils: [{ guardians: [{ email: 'verif@example.mc', role: 'payer' }] }],
  });
  const unverified = await buildAccount(db, { email: 'verif@example.mc', emailVerified: false });
  assert.deepEqual(await linkByRollEmail(db, unverified.id), { kind: 'email_not_verified' });
  assert.deepEqual(await childrenOfAccount(db, unverified.id), []);
});
