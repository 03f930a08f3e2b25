/**
 * Monthly invoicing on the real database: drafts, publication (numbers, reference, dates, dossier,
 * e-mail job), bills frozen by the database, and bills that follow a parent who links later.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { canteenWithMeals } from '../../../test/factories/canteen.ts';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { updatesOf } from '../../../test/helpers/hot-updates.ts';
import { listDossiers } from '../dossiers/dossiers.service.ts';
import { linkByPupilCode, linkByRollEmail } from './family.service.ts';
import { generateDrafts, invoicesOfMonth, publishMonth } from './invoicing.service.ts';
import { isValidCreditorReference } from '../../lib/money.ts';
import { billsForAccount } from './parent.service.ts';
import { setTariff } from './roll.service.ts';

const { app, database, config } = await buildTestApp({ jobs: true });
const db = database.db;
const deps = { mail: app.mail, publicUrl: config.publicUrl };
const NOW = new Date('2026-11-03T09:00:00Z');

async function mailJobsTo(address: string) {
  const { rows } = await sql<{ data: { to: string; subject: string; text: string } }>`
    select data from pgboss.job where name = 'mail.send' and data->>'to' = ${address}`.execute(db);
  return rows.map((r) => r.data);
}

test('18 meals at 5,57 € make a bill of 100,26 € whose VAT adds up, numbered and referenced when published', async () => {
  await canteenWithMeals(db, {
    establishment: 'ecole-de-fontvieille',
    pupils: [{ guardians: [{ email: 'giulia.bianchi@example.mc', role: 'payer' }] }],
  });
  const generated = await generateDrafts(db, { establishmentSlug: 'ecole-de-fontvieille', month: '2026-10' });
  assert.equal(generated.drafts, 1);
  const [draft] = await invoicesOfMonth(db, 'ecole-de-fontvieille', '2026-10');
  assert.equal(draft?.status, 'draft');
  assert.equal(draft?.number, null);
  assert.equal(draft?.totalCents, 10026);
  assert.equal((draft?.netCents ?? 0) + (draft?.vatCents ?? 0), 10026);
  assert.equal(draft?.vatRateBasisPoints, 1000);

  const outcome = await publishMonth(db, deps, {
    establishmentSlug: 'ecole-de-fontvieille',
    month: '2026-10',
    now: NOW,
  });
  assert.equal(outcome.published.length, 1);
  const [bill] = await invoicesOfMonth(db, 'ecole-de-fontvieille', '2026-10');
  assert.ok(bill);
  assert.equal(bill.status, 'to_pay');
  assert.match(bill.number ?? '', /^RSP-2026-\d{6}$/);
  assert.ok(isValidCreditorReference(bill.paymentReference ?? ''));
  assert.equal(bill.issuedOn, '2026-11-03');
  assert.equal(bill.onlineDeadline, '2026-11-23');
  assert.equal(bill.dueDate, '2026-12-03');
  assert.equal(
    bill.lines.reduce((s, l) => s + l.quantity, 0),
    18,
  );
  const [mail] = await mailJobsTo('giulia.bianchi@example.mc');
  assert.equal(mail?.subject, 'Votre facture de cantine est disponible');
  assert.match(
    mail?.text ?? '',
    /créez votre compte MonGuichet avec cette même adresse e-mail \(giulia\.bianchi@example\.mc\)/,
  );
  assert.match(mail?.text ?? '', /http:\/\/localhost:3000\/creer-mon-compte/);
});

test('publishing again publishes only what is new; regenerating never touches a published bill', async () => {
  const refs = await canteenWithMeals(db, {
    establishment: 'ecole-des-revoires',
    pupils: [{ guardians: [{ email: 'a@example.mc', role: 'payer' }] }],
  });
  await generateDrafts(db, { establishmentSlug: 'ecole-des-revoires', month: '2026-10' });
  const first = await publishMonth(db, deps, { establishmentSlug: 'ecole-des-revoires', month: '2026-10', now: NOW });
  assert.equal(first.published.length, 1);
  const again = await publishMonth(db, deps, { establishmentSlug: 'ecole-des-revoires', month: '2026-10', now: NOW });
  assert.deepEqual(again, { published: [], alreadyPublished: 1 });

  // A second pupil joins the roll with meals: regenerating drafts only the new payer's bill.
  await canteenWithMeals(db, {
    establishment: 'ecole-des-revoires',
    pupils: [
      { ref: refs[0]!, guardians: [{ email: 'a@example.mc', role: 'payer' }] },
      { guardians: [{ email: 'b@example.mc', role: 'payer' }] },
    ],
  });
  const regenerated = await generateDrafts(db, { establishmentSlug: 'ecole-des-revoires', month: '2026-10' });
  assert.equal(regenerated.drafts, 1);
  assert.equal(regenerated.alreadyPublished, 1);
  const twice = await generateDrafts(db, { establishmentSlug: 'ecole-des-revoires', month: '2026-10' });
  assert.equal(twice.replacedDrafts, 1);
  const second = await publishMonth(db, deps, { establishmentSlug: 'ecole-des-revoires', month: '2026-10', now: NOW });
  assert.equal(second.published.length, 1);
  assert.equal(second.published[0]?.payerEmail, 'b@example.mc');
  assert.equal(second.alreadyPublished, 1);
});

test('the database refuses to change or delete a published bill or its lines, but lets its payment status move', async () => {
  await canteenWithMeals(db, {
    establishment: 'ecole-saint-charles',
    pupils: [{ guardians: [{ email: 'c@example.mc', role: 'payer' }] }],
  });
  await generateDrafts(db, { establishmentSlug: 'ecole-saint-charles', month: '2026-10' });
  await publishMonth(db, deps, { establishmentSlug: 'ecole-saint-charles', month: '2026-10', now: NOW });
  const [bill] = await invoicesOfMonth(db, 'ecole-saint-charles', '2026-10');
  assert.ok(bill);
  await assert.rejects(
    sql`update invoice set total_cents = total_cents - 100, net_cents = net_cents - 100 where id = ${bill.id}`.execute(
      db,
    ),
    /only its payment status may change/,
  );
  await assert.rejects(
    sql`update invoice set number = 'RSP-2026-999999' where id = ${bill.id}`.execute(db),
    /published/,
  );
  await assert.rejects(sql`delete from invoice where id = ${bill.id}`.execute(db), /cannot be deleted/);
  await assert.rejects(
    sql`update invoice_line set total_cents = 0 where invoice_id = ${bill.id}`.execute(db),
    /published invoice cannot change/,
  );
  await assert.rejects(sql`delete from invoice_line where invoice_id = ${bill.id}`.execute(db), /cannot change/);
  await assert.rejects(sql`update invoice set status = 'draft' where id = ${bill.id}`.execute(db), /published/);
  await assert.rejects(
    sql`update invoice set paid_cents = total_cents + 1, status = 'paid' where id = ${bill.id}`.execute(db),
    /invoice_amounts|invoice_paid_matches_status/,
  );
  // A payment changes no indexed column: PostgreSQL writes it as a heap-only tuple, with no new
  // index entry.
  const paymentWrites = await updatesOf(db, 'invoice', (trx) =>
    sql`update invoice set paid_cents = 1000, status = 'partially_paid' where id = ${bill.id}`.execute(trx),
  );
  assert.deepEqual(paymentWrites, { updated: 1, hot: 1 });
  await sql`update invoice set paid_cents = 0, status = 'cancelled' where id = ${bill.id}`.execute(db);
  await assert.rejects(
    sql`update invoice set status = 'to_pay' where id = ${bill.id}`.execute(db),
    /cancelled for good/,
  );
  await sql`update invoice set paid_cents = 1000, status = 'partially_paid' where id = ${bill.id}`.execute(db).then(
    () => assert.fail('a cancelled invoice was reopened'),
    () => undefined,
  );
  const [after] = await invoicesOfMonth(db, 'ecole-saint-charles', '2026-10');
  assert.equal(after?.status, 'cancelled');
  assert.equal(after?.totalCents, bill.totalCents);
});

test('a new price from a date already billed changes no issued bill', async () => {
  await canteenWithMeals(db, {
    establishment: 'ecole-de-la-condamine',
    pupils: [{ guardians: [{ email: 'd@example.mc', role: 'payer' }] }],
  });
  await generateDrafts(db, { establishmentSlug: 'ecole-de-la-condamine', month: '2026-10' });
  await publishMonth(db, deps, { establishmentSlug: 'ecole-de-la-condamine', month: '2026-10', now: NOW });
  const change = await setTariff(db, { establishmentSlug: 'ecole-de-la-condamine', from: '2026-09-01', price: '6,20' });
  assert.equal(change.replacedCents, 557);
  const [bill] = await invoicesOfMonth(db, 'ecole-de-la-condamine', '2026-10');
  assert.equal(bill?.totalCents, 10026);
  assert.ok(bill?.lines.every((l) => l.unitPriceCents === 557));
});

test('with no tariff for a day eaten, generating names the day and writes nothing', async () => {
  await canteenWithMeals(db, {
    establishment: 'ecole-du-parc',
    pupils: [{ guardians: [{ email: 'e@example.mc', role: 'payer' }] }],
    month: '2026-09',
    meals: 3,
  });
  await sql`delete from tariff where establishment_id = (select id from establishment where slug = 'ecole-du-parc')`.execute(
    db,
  );
  await setTariff(db, { establishmentSlug: 'ecole-du-parc', from: '2026-09-02', price: '5.57' });
  await assert.rejects(
    generateDrafts(db, { establishmentSlug: 'ecole-du-parc', month: '2026-09' }),
    /aucun tarif ne couvre le 2026-09-01/,
  );
  assert.deepEqual(await invoicesOfMonth(db, 'ecole-du-parc', '2026-09'), []);
});

test('shared custody: two payers at 50/50 each get a bill, the odd cent to one, and only their own', async () => {
  await canteenWithMeals(db, {
    establishment: 'ecole-des-carmes',
    meals: 17,
    pupils: [
      {
        guardians: [
          { email: 'maman@example.mc', role: 'payer' },
          { email: 'papa@example.mc', role: 'payer' },
        ],
      },
    ],
  });
  await generateDrafts(db, { establishmentSlug: 'ecole-des-carmes', month: '2026-10' });
  const bills = await invoicesOfMonth(db, 'ecole-des-carmes', '2026-10');
  assert.deepEqual(
    bills.map((b) => [b.payerEmail, b.totalCents]),
    [
      ['maman@example.mc', 4735],
      ['papa@example.mc', 4734],
    ],
  );
});

test('a bill issued before the parent linked their account follows them when they link, and opens its dossier then', async () => {
  const parent = await buildAccount(db, { email: 'Laura.Moretti@example.mc', language: 'en' });
  await canteenWithMeals(db, {
    establishment: 'college-charles-iii',
    pupils: [{ guardians: [{ email: 'laura.moretti@example.mc', role: 'payer' }] }],
  });
  await generateDrafts(db, { establishmentSlug: 'college-charles-iii', month: '2026-10' });
  await publishMonth(db, deps, { establishmentSlug: 'college-charles-iii', month: '2026-10', now: NOW });
  assert.deepEqual(await billsForAccount(db, parent.id), []);
  assert.deepEqual(await listDossiers(db, parent.id), []);
  // Her account uses the roll's address but is not linked: the e-mail, in her language, says to
  // sign in and confirm her children, not to create an account.
  const [october] = await mailJobsTo('laura.moretti@example.mc');
  assert.equal(october?.subject, 'Your canteen bill is available');
  assert.match(october?.text ?? '', /Your MonGuichet account uses this address \(laura\.moretti@example\.mc\)/);
  assert.match(october?.text ?? '', /http:\/\/localhost:3000\/mes-enfants/);
  assert.doesNotMatch(october?.text ?? '', /create your MonGuichet account|creer-mon-compte/);

  assert.deepEqual(await linkByRollEmail(db, parent.id), { kind: 'linked', pupils: 1 });
  const bills = await billsForAccount(db, parent.id);
  assert.equal(bills.length, 1);
  assert.match(bills[0]?.number ?? '', /^RSS-2026-/);
  assert.equal(bills[0]?.lines.length, 5); // one a week: 1 October is a Thursday
  // Linking opened October's dossier, once: linking again opens no second one.
  const afterLink = await listDossiers(db, parent.id);
  assert.deepEqual(
    afterLink.map((d) => [d.procedureSlug, d.status, d.title.fr]),
    [
      [
        'payer-la-cantine-college-charles-iii',
        'en_cours',
        `Facture de cantine ${bills[0]?.number} — octobre 2026, Collège Charles III`,
      ],
    ],
  );
  assert.deepEqual(await linkByRollEmail(db, parent.id), { kind: 'linked', pupils: 0 });
  assert.equal((await listDossiers(db, parent.id)).length, 1);
  // The dossier, once given, is frozen with the rest of the bill.
  await assert.rejects(
    sql`update invoice set dossier_id = null where number = ${bills[0]?.number ?? ''}`.execute(db),
    /only its payment status may change/,
  );

  // November: the parent is linked, so publication opens a dossier and writes in English.
  await canteenWithMeals(db, {
    establishment: 'college-charles-iii',
    month: '2026-11',
    meals: 5,
    pupils: [
      {
        ref: (
          await db
            .selectFrom('pupil')
            .select('pupil_ref')
            .where(
              'establishment_id',
              '=',
              sql<number>`(select id from establishment where slug = 'college-charles-iii')`,
            )
            .executeTakeFirstOrThrow()
        ).pupil_ref,
        guardians: [{ email: 'laura.moretti@example.mc', role: 'payer' }],
      },
    ],
  });
  await generateDrafts(db, { establishmentSlug: 'college-charles-iii', month: '2026-11' });
  const november = await publishMonth(db, deps, {
    establishmentSlug: 'college-charles-iii',
    month: '2026-11',
    now: new Date('2026-12-01T08:00:00Z'),
  });
  assert.equal(november.published[0]?.account, 'linked');
  const dossiers = await listDossiers(db, parent.id);
  assert.equal(dossiers.length, 2);
  assert.ok(dossiers.every((d) => d.procedureSlug === 'payer-la-cantine-college-charles-iii'));
  const mails = await mailJobsTo('laura.moretti@example.mc');
  assert.ok(mails.some((m) => m.subject === 'Your canteen bill is available' && /\/mes-factures/.test(m.text)));
});

test('linking by the pupil code as payer opens the dossiers of the bills published before; as viewer, none', async () => {
  const [ref] = await canteenWithMeals(db, {
    establishment: 'lycee-rainier-iii',
    pupils: [
      {
        birthDate: '2018-02-11',
        guardians: [
          { email: 'roll.payer@example.mc', role: 'payer' },
          { email: 'roll.viewer@example.mc', role: 'viewer' },
        ],
      },
    ],
  });
  await generateDrafts(db, { establishmentSlug: 'lycee-rainier-iii', month: '2026-10' });
  const published = await publishMonth(db, deps, {
    establishmentSlug: 'lycee-rainier-iii',
    month: '2026-10',
    now: NOW,
  });
  assert.deepEqual(
    published.published.map((p) => [p.payerEmail, p.account]),
    [['roll.payer@example.mc', 'none']],
  );
  const { link_code: code } = await db
    .selectFrom('pupil')
    .select('link_code')
    .where('pupil_ref', '=', ref ?? '')
    .executeTakeFirstOrThrow();
  // The viewer links first, by the roll's address: the bill is not theirs, so no dossier.
  const viewer = await buildAccount(db, { email: 'roll.viewer@example.mc' });
  assert.deepEqual(await linkByPupilCode(db, viewer.id, { code, birthDate: '2018-02-11' }), {
    kind: 'linked',
    pupilId: (
      await db
        .selectFrom('pupil')
        .select('id')
        .where('pupil_ref', '=', ref ?? '')
        .executeTakeFirstOrThrow()
    ).id,
    role: 'viewer',
  });
  assert.deepEqual(await listDossiers(db, viewer.id), []);
  // The payer, with another address than the roll's, takes the only entry left: the payer's.
  const payer = await buildAccount(db, { email: 'autre.adresse.payeur@example.mc' });
  const linked = await linkByPupilCode(db, payer.id, { code, birthDate: '11/02/2018' });
  assert.equal(linked.kind === 'linked' && linked.role, 'payer');
  const dossiers = await listDossiers(db, payer.id);
  assert.deepEqual(
    dossiers.map((d) => [d.procedureSlug, d.status]),
    [['payer-la-cantine-lycee-rainier-iii', 'en_cours']],
  );
  const [bill] = await invoicesOfMonth(db, 'lycee-rainier-iii', '2026-10');
  const row = await db
    .selectFrom('invoice')
    .select('dossier_id')
    .where('id', '=', bill?.id ?? '')
    .executeTakeFirst();
  assert.equal(row?.dossier_id, dossiers[0]?.id);
});
