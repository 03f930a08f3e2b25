/**
 * Each signed-in page reads what it shows in a fixed, small number of statements, whatever the
 * family's size: the session with its account first, then the page's own queries, none per child
 * or per bill. The lists ("Mes factures", "Mes enfants", "Mes démarches") and the basket read their
 * rows in the session's own statement (src/db/account-rows.ts): one statement each. Counted on the app's own database handle, through a plugin that sees every query it
 * runs, for a parent with two children at two schools (two creditors), six bills and their
 * dossiers. A page that starts reading per row, or a change that adds a round trip to every page,
 * fails here; a deliberate change updates the counts and says why.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { linkByRollEmail } from '../src/features/canteen/family.service.ts';
import { generateDrafts, publishMonth } from '../src/features/canteen/invoicing.service.ts';
import { paths } from '../src/paths.ts';
import { buildAccount } from './factories/accounts.ts';
import { canteenWithMeals } from './factories/canteen.ts';
import { buildTestApp } from './helpers/app.ts';
import { parsePage, all } from './helpers/html.ts';
import { addSignInDoor, signIn } from './helpers/session.ts';

const executed: string[] = [];
const counting: KyselyPlugin = {
  transformQuery: (args) => args.node,
  transformResult: async (args) => {
    executed.push(args.queryId.queryId);
    return args.result;
  },
};

const { app, database, config } = await buildTestApp({
  jobs: true,
  routes: addSignInDoor,
  appDb: (db) => db.withPlugin(counting),
});
const db = database.db;
const deps = { mail: app.mail, publicUrl: config.publicUrl };
const NOW = new Date('2026-12-03T09:00:00Z');

const parentEmail = 'marco.allers-retours@example.mc';
const account = await buildAccount(db, { email: parentEmail });
for (const [establishment, children] of [
  ['ecole-de-fontvieille', ['LEA-AR', 'NOE-AR']],
  ['college-charles-iii', ['MATTEO-AR']],
] as const) {
  for (const month of ['2026-10', '2026-11']) {
    await canteenWithMeals(db, {
      establishment,
      month,
      pupils: children.map((ref) => ({ ref, firstName: ref, guardians: [{ email: parentEmail, role: 'payer' }] })),
    });
  }
}
await linkByRollEmail(db, account.id);
for (const establishment of ['ecole-de-fontvieille', 'college-charles-iii']) {
  for (const month of ['2026-10', '2026-11']) {
    await generateDrafts(db, { establishmentSlug: establishment, month });
    await publishMonth(db, deps, { establishmentSlug: establishment, month, now: NOW });
  }
}
const cookie = await signIn(app, account.id);

/** The page's status, and how many statements the app ran to answer it. */
async function statementsOf(url: string): Promise<{ status: number; statements: number; body: string }> {
  executed.length = 0;
  const response = await app.inject({ url, headers: { cookie } });
  return { status: response.statusCode, statements: executed.length, body: response.body };
}

test('the family pages read a family of three children and their bills in a fixed number of statements', async () => {
  const bills = await statementsOf(paths.canteen.invoices());
  assert.equal(bills.status, 200);
  const shown = all(parsePage(bills.body), 'main h2, main h3').length;
  assert.ok(shown >= 4, `"Mes factures" lists the family's bills (${shown} headings)`);
  // The session with its account and the bills (each with the names on its lines).
  assert.equal(bills.statements, 1, '"Mes factures"');

  const firstBill = /href="(\/mes-factures\/[0-9a-f-]{36})"/.exec(bills.body)?.[1];
  assert.ok(firstBill, 'a bill is linked');
  const bill = await statementsOf(firstBill);
  assert.equal(bill.status, 200);
  // The session; the bill with its lines.
  assert.equal(bill.statements, 2, 'a bill’s page');

  const children = await statementsOf(paths.canteen.children());
  assert.equal(children.status, 200);
  assert.match(children.body, /MATTEO-AR/);
  // The session with the linked children and those the roll proposes for the address.
  assert.equal(children.statements, 1, '"Mes enfants"');

  const basket = await statementsOf(paths.canteen.pay());
  assert.equal(basket.status, 200);
  const offered = all(parsePage(basket.body), 'input[type="checkbox"]').length;
  assert.ok(offered >= 4, `the basket offers the family's bills (${offered} boxes)`);
  // The session with the bills and the payment leases held on them (payments' liveLeaseColumn).
  assert.equal(basket.statements, 1, 'the basket');

  const dossiers = await statementsOf(paths.dossiers.mine());
  assert.equal(dossiers.status, 200);
  // The session with the dossiers.
  assert.equal(dossiers.statements, 1, '"Mes démarches"');
});

test('pages asked for together read their sessions together: one statement for all of them', async () => {
  const others = [await signIn(app, account.id), await signIn(app, account.id), await signIn(app, account.id)];
  executed.length = 0;
  const answers = await Promise.all(
    [cookie, ...others].map((each) => app.inject({ url: paths.dossiers.mine(), headers: { cookie: each } })),
  );
  assert.deepEqual(
    answers.map((answer) => answer.statusCode),
    [200, 200, 200, 200],
  );
  assert.equal(executed.length, 1, 'four sessions, each with its dossiers, in one statement');
});
