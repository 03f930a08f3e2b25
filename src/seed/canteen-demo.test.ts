/**
 * The canteen demo year: Marco Rossi, signing in with the roll's e-mail, is offered Léa and Matteo
 * at two establishments with different creditors, and sees their published bills once linked.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findCitizen } from '../../dev/mconnect/citizens.ts';
import { buildAccount } from '../../test/factories/accounts.ts';
import { buildTestApp } from '../../test/helpers/app.ts';
import { all, bodyText, parsePage, text } from '../../test/helpers/html.ts';
import { addSignInDoor, signIn } from '../../test/helpers/session.ts';
import { paths } from '../paths.ts';
import { seedCanteenDemo } from './canteen-demo.ts';

const { app, database, config } = await buildTestApp({ jobs: true, routes: addSignInDoor });
await seedCanteenDemo(database.db, { mail: app.mail, publicUrl: config.publicUrl });

test('Marco Rossi is offered his two children at two schools, and once linked sees three months of bills from two creditors', async () => {
  const email = findCitizen('mc-citizen-0001')?.email?.address ?? '';
  const account = await buildAccount(database.db, { email, firstName: 'Marco', lastName: 'Rossi' });
  const cookie = await signIn(app, account.id);
  const children = parsePage((await app.inject({ url: paths.canteen.children(), headers: { cookie } })).body);
  assert.deepEqual(
    all(children, 'section[aria-labelledby="enfants-proposes"] li').map((li) => text(li)),
    ['Léa Rossi — Collège Charles III, 6e B', 'Matteo Rossi — École Saint-Charles, CE1'],
  );
  const token = children.querySelector('form input[name="_csrf"]')?.getAttribute('value') ?? '';
  await app.inject({
    method: 'POST',
    url: paths.canteen.linkChildrenByEmail(),
    headers: { cookie },
    payload: { _csrf: token },
  });
  const bills = parsePage((await app.inject({ url: paths.canteen.invoices(), headers: { cookie } })).body);
  const cards = all(bills, '.bill-list > li').map((li) => text(li));
  assert.equal(cards.length, 6);
  const joined = cards.join(' | ');
  for (const month of ['septembre 2026', 'octobre 2026', 'novembre 2026']) assert.match(joined, new RegExp(month));
  assert.match(bodyText(bills), /RSP-2026-/);
  assert.match(bodyText(bills), /RSS-2026-/);
  assert.doesNotMatch(joined, /Chiara|Enzo|Hugo/);
});
