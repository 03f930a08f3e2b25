/**
 * The home page and a procedure page as a signed-in person sees them, through HTTP on the real
 * database: the greeting, the dossiers in progress (not the finished ones), the children's canteen
 * and what is left to pay, in French and English; and signed out, the several-schools sentence and
 * the login links.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildAccount } from '../../../test/factories/accounts.ts';
import { canteenWithMeals } from '../../../test/factories/canteen.ts';
import { buildDossier } from '../../../test/factories/dossiers.ts';
import { buildTestApp } from '../../../test/helpers/app.ts';
import { all, bodyText, heading1, linkHref, links, parsePage, text } from '../../../test/helpers/html.ts';
import { addSignInDoor, signIn } from '../../../test/helpers/session.ts';
import { paths } from '../../paths.ts';
import { linkByRollEmail } from '../canteen/family.service.ts';
import { generateDrafts, publishMonth } from '../canteen/invoicing.service.ts';
import { openDossier } from '../dossiers/dossiers.service.ts';

const { app, database, config } = await buildTestApp({ jobs: true, routes: addSignInDoor });
const db = database.db;

async function get(url: string, cookie?: string) {
  const response = await app.inject({ url, headers: cookie ? { cookie } : {} });
  assert.equal(response.statusCode, 200, response.body.slice(0, 500));
  return { response, page: parsePage(response.body) };
}

const section = (page: ReturnType<typeof parsePage>, headingId: string) =>
  page.querySelector(`section[aria-labelledby="${headingId}"]`);

async function marco(emailVerified = true) {
  const account = await buildAccount(db, { firstName: 'Marco', lastName: 'Rossi', emailVerified });
  return { account, cookie: await signIn(app, account.id) };
}

test('signed out, the home page says one account and one payment cover children at several schools, and offers the login links', async () => {
  const { page } = await get(paths.site.home());
  assert.equal(heading1(page), 'Bienvenue sur MonGuichet.mc');
  assert.match(
    text(section(page, 'canteen-heading')),
    /Un seul compte et un seul paiement pour tous vos enfants, même dans plusieurs écoles\./,
  );
  const account = section(page, 'account-heading');
  assert.ok(account);
  assert.equal(linkHref(account, 'Se connecter'), paths.accounts.login());
  assert.equal(linkHref(account, 'Créer mon compte'), paths.accounts.signUp());
  assert.equal(section(page, 'my-dossiers-heading'), null);
  assert.equal(section(page, 'my-canteen-heading'), null);
});

test('signed in with no child and no dossier, the home page greets the person and no longer offers to log in or create an account', async () => {
  const { cookie } = await marco();
  const { response, page } = await get(paths.site.home(), cookie);
  assert.equal(response.headers['cache-control'], 'no-store', 'a personal page is never cached');
  assert.equal(heading1(page), 'Bonjour Marco');
  const dossiers = section(page, 'my-dossiers-heading');
  assert.ok(dossiers);
  assert.match(text(dossiers), /Vous n’avez aucune démarche en cours/);
  assert.equal(linkHref(dossiers, 'Voir toutes mes démarches'), paths.dossiers.mine());
  assert.equal(section(page, 'my-canteen-heading'), null, 'no canteen block without a child');
  assert.equal(section(page, 'account-heading'), null);
  const main = page.querySelector('main');
  assert.ok(main);
  for (const name of ['Se connecter', 'Créer mon compte'])
    assert.ok(!links(main).some((l) => l.text === name), `no "${name}" once signed in`);
  // The canteen procedures stay offered, without asking to log in.
  const canteen = section(page, 'canteen-heading');
  assert.ok(canteen);
  assert.doesNotMatch(text(canteen), /Connectez-vous/);
  assert.match(text(canteen), /Un seul compte et un seul paiement pour tous vos enfants/);
});

test('signed in, the home page lists the dossiers in progress (at most five, each a link) and not the finished ones', async () => {
  const { account, cookie } = await marco();
  const finished = await db.transaction().execute((trx) =>
    openDossier(trx, {
      accountId: account.id,
      procedureSlug: 'payer-la-cantine-ecole-de-fontvieille',
      title: { fr: 'Paiement terminé', en: 'Payment done' },
      status: 'terminee',
    }),
  );
  const submitted = await db.transaction().execute((trx) =>
    openDossier(trx, {
      accountId: account.id,
      procedureSlug: 'payer-la-cantine-ecole-de-fontvieille',
      title: { fr: 'Paiement en cours', en: 'Payment in progress' },
      status: 'en_cours',
    }),
  );
  const drafts = [];
  for (let i = 1; i <= 5; i += 1)
    drafts.push(await buildDossier(db, { accountId: account.id, title: { fr: `Brouillon ${i}`, en: `Draft ${i}` } }));

  const { page } = await get(paths.site.home(), cookie);
  const block = section(page, 'my-dossiers-heading');
  assert.ok(block);
  const listed = all(block, 'li a').map((a) => ({ text: text(a), href: a.getAttribute('href') }));
  assert.equal(listed.length, 5, 'five at most');
  assert.ok(!listed.some((l) => l.text === 'Paiement terminé'), 'a finished dossier is not in progress');
  assert.ok(!text(block).includes(finished.reference));
  for (const l of listed) assert.match(l.href ?? '', /^\/mes-demarches\/MG-\d{4}-/);
  assert.equal(linkHref(block, 'Voir toutes mes démarches'), paths.dossiers.mine());
  // The most recently changed come first: the last drafts, then the one submitted drops off.
  assert.deepEqual(
    listed.map((l) => l.text),
    ['Brouillon 5', 'Brouillon 4', 'Brouillon 3', 'Brouillon 2', 'Brouillon 1'],
  );
  assert.ok(drafts.every((d) => text(block).includes(d.reference)));
  assert.ok(!text(block).includes(submitted.reference));
});

test('signed in with one dossier in progress and a finished one, only the one in progress is listed, with its state', async () => {
  const { account, cookie } = await marco();
  await db.transaction().execute((trx) =>
    openDossier(trx, {
      accountId: account.id,
      procedureSlug: 'payer-la-cantine-ecole-de-fontvieille',
      title: { fr: 'Paiement terminé', en: 'Payment done' },
      status: 'terminee',
    }),
  );
  const inProgress = await db.transaction().execute((trx) =>
    openDossier(trx, {
      accountId: account.id,
      procedureSlug: 'payer-la-cantine-ecole-de-fontvieille',
      title: { fr: 'Paiement de la cantine', en: 'Canteen payment' },
      status: 'en_cours',
    }),
  );
  const { page } = await get(paths.site.home(), cookie);
  const block = section(page, 'my-dossiers-heading');
  assert.ok(block);
  assert.deepEqual(
    all(block, 'li').map((li) => text(li)),
    [`Paiement de la cantine ${inProgress.reference} En cours`],
  );
  assert.equal(linkHref(block, 'Paiement de la cantine'), paths.dossiers.dossier(inProgress.reference));
});

/** Léa on the École de Fontvieille's roll under Marco's e-mail, with October 2026's bill published (18 × 5,57 €). */
async function marcoWithABill() {
  const email = `marco.home.${Date.now()}@example.mc`;
  const account = await buildAccount(db, { firstName: 'Marco', lastName: 'Rossi', email });
  await canteenWithMeals(db, {
    establishment: 'ecole-de-fontvieille',
    pupils: [{ firstName: 'Léa', birthDate: '2016-05-14', guardians: [{ email, role: 'payer' }] }],
    meals: 18,
    price: '5.57',
  });
  await generateDrafts(db, { establishmentSlug: 'ecole-de-fontvieille', month: '2026-10' });
  await publishMonth(
    db,
    { mail: app.mail, publicUrl: config.publicUrl },
    { establishmentSlug: 'ecole-de-fontvieille', month: '2026-10', now: new Date('2026-11-03T09:00:00Z') },
  );
  assert.deepEqual(await linkByRollEmail(db, account.id), { kind: 'linked', pupils: 1 });
  return { account, cookie: await signIn(app, account.id) };
}

test('signed in with a child and a bill to pay, the home page shows the child, the amount due and "Payer la cantine", in French and in English', async () => {
  const { cookie } = await marcoWithABill();
  const { page } = await get(paths.site.home(), cookie);
  const block = section(page, 'my-canteen-heading');
  assert.ok(block, 'the canteen block');
  assert.equal(text(block.querySelector('h2')), 'La cantine de mes enfants');
  assert.match(text(block), /Léa Rossi\s*École de Fontvieille/);
  assert.match(text(block), /1 facture à payer : 100,26\s€ au total\./);
  assert.equal(linkHref(block, 'Payer la cantine'), paths.canteen.pay());
  assert.ok(block.querySelector(`a.button[href="${paths.canteen.pay()}"]`), 'a button');
  assert.doesNotMatch(text(block), /Rien à payer/);

  const english = await get(paths.site.home(), `${cookie}; lang=en`);
  assert.equal(heading1(english.page), 'Hello Marco');
  const en = section(english.page, 'my-canteen-heading');
  assert.ok(en);
  assert.match(text(en), /1 bill to pay: €100\.26 in total\./);
  assert.equal(linkHref(en, 'Pay the canteen'), paths.canteen.pay());
  assert.match(bodyText(english.page), /My procedures in progress/);
});

test('signed in with a child and no bill to pay, the home page says "Rien à payer" and offers no payment', async () => {
  const email = `marco.nobill.${Date.now()}@example.mc`;
  const account = await buildAccount(db, { firstName: 'Marco', lastName: 'Rossi', email });
  // Matteo on the collège's roll, his meals recorded, no bill published yet.
  await canteenWithMeals(db, {
    establishment: 'college-charles-iii',
    pupils: [{ firstName: 'Matteo', guardians: [{ email, role: 'payer' }] }],
  });
  assert.deepEqual(await linkByRollEmail(db, account.id), { kind: 'linked', pupils: 1 });
  const { page } = await get(paths.site.home(), await signIn(app, account.id));
  const block = section(page, 'my-canteen-heading');
  assert.ok(block);
  assert.match(text(block), /Matteo Rossi\s*Collège Charles III/);
  assert.match(text(block), /Rien à payer/);
  assert.ok(!links(block).some((l) => l.href === paths.canteen.pay()), 'no payment offered');
});

test('a canteen procedure page signed in says who is connected, not "Vous devrez vous connecter"', async () => {
  const url = paths.catalogue.procedure('payer-la-cantine-ecole-de-fontvieille');
  const signedOut = await get(url);
  assert.match(bodyText(signedOut.page), /Vous devrez vous connecter/);

  const { cookie } = await marco();
  const { page } = await get(url, cookie);
  assert.doesNotMatch(bodyText(page), /Vous devrez vous connecter/);
  assert.match(bodyText(page), /Vous êtes connecté\(e\) en tant que Marco Rossi\./);
  // The page shared with anonymous visitors is not changed by a signed-in visit.
  assert.match(bodyText((await get(url)).page), /Vous devrez vous connecter/);
});
