/**
 * The account e-mails through a real SMTP server started by the test: verification, identifier
 * reminder, reset link and "password changed" arrive in the account's language, and their links
 * work when followed.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { startMailWorker } from '../src/features/notifications/mail.service.ts';
import { smtpTransport } from '../src/features/notifications/mail.transport.ts';
import { buildTestApp } from './helpers/app.ts';
import { FormClient } from './helpers/form.ts';
import type { CookieJar } from './helpers/session.ts';
import { startSmtpServer, waitFor, type ReceivedMail } from './helpers/smtp.ts';

const { app, database, jobs, config } = await buildTestApp({ seed: false, jobs: true });
assert.ok(jobs);
const smtp = await startSmtpServer();
const worker = await startMailWorker(
  jobs,
  smtpTransport(smtp.url, config.mail.from, { connectionMs: 2000, greetingMs: 2000, socketMs: 5000 }),
  {
    pollingIntervalSeconds: 0.5,
  },
);
after(async () => {
  await worker.stop();
  await smtp.close();
});

type Jar = CookieJar;
const PASSWORD = 'trois tortues traversent la rade';
const NEW_PASSWORD = 'le rocher veille sur le port hercule';

/** Opens the form at `url`, then posts `fields` with its token, like a browser keeping cookies. */
async function submit(url: string, fields: Record<string, string>, jar: Jar = {}) {
  const { response, jar: next } = await new FormClient(app).submit(url, fields, { jar });
  return { response, jar: next };
}

async function mailTo(address: string, subject: RegExp): Promise<ReceivedMail> {
  return waitFor(`an e-mail "${subject.source}" to ${address}`, () =>
    smtp.received.find((mail) => mail.recipients.includes(address) && subject.test(mail.parsed.subject)),
  );
}

/** The path of the first link to this portal in the text of an e-mail. */
function linkIn(mail: ReceivedMail, path: RegExp): string {
  const urls = (mail.parsed.text ?? '').match(/https?:\/\/\S+/g) ?? [];
  const found = urls
    .map((u) => new URL(u))
    .find((u) => u.origin === new URL(config.publicUrl).origin && path.test(u.pathname));
  assert.ok(found, `a link matching ${path.source} in: ${mail.parsed.text}`);
  return found.pathname + found.search;
}

test('an account created in English gets its verification e-mail in English, and its link verifies the address', async () => {
  const email = 'giulia.testa@example.mc';
  const { response, jar } = await submit(
    '/creer-mon-compte/particulier',
    {
      civilite: 'madame',
      prenom: 'Giulia',
      nom: 'Testa',
      naissance_jour: '3',
      naissance_mois: '9',
      naissance_annee: '1988',
      email,
      identifiant: 'giulia.testa',
      mot_de_passe: PASSWORD,
      conditions: 'oui',
    },
    { lang: 'en' },
  );
  assert.equal(response.statusCode, 303);
  const mail = await mailTo(email, /./);
  assert.match(mail.parsed.html ?? '', /<html lang="en"/, 'the HTML part is in English');
  assert.match(mail.parsed.text ?? '', /\bthe\b/i, 'the text part is in English');
  const link = linkIn(mail, /^\/verifier-mon-adresse\//);
  // The link opens a page whose button verifies the address.
  const confirmed = await submit(link, {}, jar);
  assert.equal(confirmed.response.statusCode, 303);
  const account = await database.db
    .selectFrom('account')
    .select('email_verified_at')
    .where('identifier_key', '=', 'giulia.testa')
    .executeTakeFirstOrThrow();
  assert.ok(account.email_verified_at, 'the address is verified');
});

test('"Identifiant oublié" e-mails the identifier, and the reset link sets a new password, then "password changed" arrives', async () => {
  const email = 'giulia.testa@example.mc';
  await submit('/identifiant-oublie', { email }, { lang: 'fr' });
  const reminder = await mailTo(email, /identifier/i);
  assert.match(
    reminder.parsed.html ?? '',
    /<html lang="en"/,
    'the reminder is in the account’s language, not the page’s',
  );
  assert.match(reminder.parsed.text ?? '', /giulia\.testa/);

  await submit('/mot-de-passe-oublie', { identifiant: 'giulia.testa' });
  const reset = await mailTo(email, /mot de passe|password/i);
  const link = linkIn(reset, /^\/nouveau-mot-de-passe\//);
  const { response } = await submit(link, { mot_de_passe: NEW_PASSWORD, confirmation: NEW_PASSWORD });
  assert.equal(response.statusCode, 303);
  const changed = await waitFor('the "password changed" e-mail', () =>
    smtp.received.find(
      (mail) =>
        mail.recipients.includes(email) && mail !== reset && mail !== reminder && /chang/i.test(mail.parsed.subject),
    ),
  );
  assert.ok(changed);
  const login = await submit('/connexion', { identifiant: 'giulia.testa', mot_de_passe: NEW_PASSWORD });
  assert.equal(login.response.statusCode, 303, 'the new password works');
});
