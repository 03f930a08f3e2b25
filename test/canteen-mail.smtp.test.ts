/**
 * "Votre facture de cantine est disponible" through a real SMTP server started by the test: a
 * guardian without an account is asked to create one with the same address, in French; a linked
 * parent gets it in their language with a link to their bills.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { linkByRollEmail } from '../src/features/canteen/family.service.ts';
import { generateDrafts, publishMonth } from '../src/features/canteen/invoicing.service.ts';
import { startMailWorker } from '../src/features/notifications/mail.service.ts';
import { smtpTransport } from '../src/features/notifications/mail.transport.ts';
import { buildAccount } from './factories/accounts.ts';
import { canteenWithMeals } from './factories/canteen.ts';
import { buildTestApp } from './helpers/app.ts';
import { startSmtpServer, waitFor } from './helpers/smtp.ts';

const { app, database, jobs, config } = await buildTestApp({ jobs: true });
assert.ok(jobs);
const smtp = await startSmtpServer();
const worker = await startMailWorker(
  jobs,
  smtpTransport(smtp.url, config.mail.from, { connectionMs: 2000, greetingMs: 2000, socketMs: 5000 }),
  { pollingIntervalSeconds: 0.5 },
);
after(async () => {
  await worker.stop();
  await smtp.close();
});

test('each payer receives the bill e-mail, in French asking to sign up without an account, in English to a linked parent', async () => {
  const db = database.db;
  const parent = await buildAccount(db, { email: 'emma.parent@example.mc', language: 'en' });
  await canteenWithMeals(db, {
    establishment: 'ecole-du-parc',
    meals: 18,
    pupils: [
      { guardians: [{ email: 'emma.parent@example.mc', role: 'payer' }] },
      {
        guardians: [
          { email: 'sans.compte@example.mc', role: 'payer' },
          { email: 'vue@example.mc', role: 'viewer' },
        ],
      },
    ],
  });
  assert.deepEqual(await linkByRollEmail(db, parent.id), { kind: 'linked', pupils: 1 });
  await generateDrafts(db, { establishmentSlug: 'ecole-du-parc', month: '2026-10' });
  await publishMonth(
    db,
    { mail: app.mail, publicUrl: config.publicUrl },
    { establishmentSlug: 'ecole-du-parc', month: '2026-10', now: new Date('2026-11-03T09:00:00Z') },
  );

  const french = await waitFor('the bill e-mail to sans.compte@example.mc', () =>
    smtp.received.find((m) => m.recipients.includes('sans.compte@example.mc')),
  );
  assert.equal(french.parsed.subject, 'Votre facture de cantine est disponible');
  const frText = (french.parsed.text ?? '').replace(/\s+/g, ' ');
  assert.match(frText, /La facture de cantine d’octobre 2026 pour l’École du Parc est disponible/);
  assert.match(frText, /100,26\s€/);
  assert.match(frText, /avant le 23 novembre 2026/);
  assert.match(frText, /créez votre compte MonGuichet avec cette même adresse e-mail \(sans\.compte@example\.mc\)/);
  assert.match(frText, /http:\/\/localhost:3000\/creer-mon-compte/);

  const english = await waitFor('the bill e-mail to emma.parent@example.mc', () =>
    smtp.received.find((m) => m.recipients.includes('emma.parent@example.mc')),
  );
  assert.equal(english.parsed.subject, 'Your canteen bill is available');
  const enText = (english.parsed.text ?? '').replace(/\s+/g, ' ');
  assert.match(enText, /€100\.26/);
  assert.match(enText, /http:\/\/localhost:3000\/mes-factures/);
  assert.doesNotMatch(enText, /create your MonGuichet account/);

  // A viewer gets no bill and no e-mail.
  assert.ok(!smtp.received.some((m) => m.recipients.includes('vue@example.mc')));
});
