/**
 * The development mailbox pages: an e-mail sent through the app's mail service and the dev mailbox
 * worker is listed and shown, every value escaped and the links of its text clickable; its HTML is
 * served alone under a strict CSP. With SMTP configured, or in production, the pages do not exist.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { paths } from '../../paths.ts';
import { buildTestApp, testConfig } from '../../../test/helpers/app.ts';
import { createTestDatabase } from '../../../test/helpers/database.ts';
import { all, bodyText, heading1, linkHref, parsePage, text } from '../../../test/helpers/html.ts';
import { waitFor } from '../../../test/helpers/smtp.ts';
import { DEV_MAIL_HTML_CSP } from './dev-mailbox.routes.tsx';
import { startMailWorker } from './mail.service.ts';
import { composeMail, notice } from './mail.templates.tsx';
import { devMailboxTransport } from './mail.transport.ts';
import { PRODUCTION_PAYMENT_ENV } from '../../../test/fixtures/production-payments.ts';

const { app, database, jobs } = await buildTestApp({ seed: false, jobs: true });
assert.ok(jobs);
const worker = await startMailWorker(jobs, devMailboxTransport(database.db), { pollingIntervalSeconds: 0.5 });
// buildTestApp's clean-up stops the queue, and every worker with it; this only closes the transport.
after(() => worker.stop());

const SCRIPT_SUBJECT = '<script>alert(1)</script>';
const VERIFY_URL = 'https://monguichet.mc/verifier?jeton=abc&lang=fr';

/** Sends an e-mail through the app (as a feature would) and waits until the mailbox has it. */
async function sendThroughApp(to: string, subject: string, paragraphs: string[], url?: string): Promise<string> {
  await app.mail.enqueue(
    database.db,
    composeMail(to, 'fr', notice, {
      subject,
      title: 'Bienvenue <b>sur</b> MonGuichet',
      paragraphs,
      action: url ? { label: 'Confirmer', url } : undefined,
    }),
  );
  return waitFor(`the mailbox to keep the e-mail to ${to}`, async () => {
    const row = await database.db.selectFrom('dev_mail').select('id').where('to_address', '=', to).executeTakeFirst();
    return row?.id;
  });
}

test('an empty mailbox says so, with a level-one heading', async () => {
  const empty = await createTestDatabase();
  const emptyApp = await buildApp({ config: testConfig(), database: empty, logger: false });
  after(async () => {
    await emptyApp.close();
    await empty.close();
  });
  const response = await emptyApp.inject(paths.devMailbox.mailbox());
  assert.equal(response.statusCode, 200);
  const page = parsePage(response.body);
  assert.equal(heading1(page), 'Boîte aux lettres de développement');
  assert.equal(page.querySelector('table'), null);
  assert.match(bodyText(page), /Aucun message pour le moment/);
});

test('the list shows each e-mail’s date, recipient and subject as text, newest first, linked to the message', async () => {
  const firstId = await sendThroughApp('premier@example.mc', 'Premier message', ['Un.']);
  const secondId = await sendThroughApp('second@example.mc', SCRIPT_SUBJECT, ['Deux.']);
  const response = await app.inject(paths.devMailbox.mailbox());
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['cache-control'], 'no-store');
  assert.doesNotMatch(response.body, /<script>alert/);
  const page = parsePage(response.body);
  const table = page.querySelector('table');
  assert.ok(table);
  assert.equal(text(table.querySelector('caption')), 'Messages, du plus récent au plus ancien');
  assert.deepEqual(
    all(table, 'thead th').map((th) => [text(th), th.getAttribute('scope')]),
    [
      ['Date', 'col'],
      ['Destinataire', 'col'],
      ['Objet', 'col'],
    ],
  );
  const rows = all(table, 'tbody tr').map((tr) => all(tr, 'td').map((td) => text(td)));
  assert.deepEqual(
    rows.map((cells) => cells.slice(1)),
    [
      ['second@example.mc', SCRIPT_SUBJECT],
      ['premier@example.mc', 'Premier message'],
    ],
  );
  assert.match(rows[0]?.[0] ?? '', /\d{2}\/\d{2}\/\d{4}/);
  assert.equal(linkHref(table, SCRIPT_SUBJECT), paths.devMailbox.message(secondId));
  assert.equal(linkHref(table, 'Premier message'), paths.devMailbox.message(firstId));
  assert.ok(all(table, 'time').every((time) => !Number.isNaN(Date.parse(time.getAttribute('datetime') ?? ''))));
});

test('a message page shows its headers and its text with clickable links, every value escaped', async () => {
  const id = await sendThroughApp(
    'parent@example.mc',
    SCRIPT_SUBJECT,
    ['Bonjour <img src=x onerror=alert(1)>, voyez https://monguichet.mc/aide.'],
    VERIFY_URL,
  );
  const response = await app.inject(paths.devMailbox.message(id));
  assert.equal(response.statusCode, 200);
  assert.doesNotMatch(response.body, /<script>alert|<img src=x/);
  const page = parsePage(response.body);
  assert.equal(heading1(page), SCRIPT_SUBJECT);
  assert.equal(page.title, `${SCRIPT_SUBJECT} | MonGuichet.mc`);
  const headers = all(page, '.summary-list__row').map((row) => [
    text(row.querySelector('dt')),
    text(row.querySelector('dd')),
  ]);
  assert.deepEqual(
    headers.map(([name]) => name),
    ['Date', 'Destinataire', 'Objet'],
  );
  assert.deepEqual(headers[1], ['Destinataire', 'parent@example.mc']);
  assert.deepEqual(headers[2], ['Objet', SCRIPT_SUBJECT]);

  const pre = page.querySelector('pre');
  assert.ok(pre);
  assert.match(text(pre), /Bonjour <img src=x onerror=alert\(1\)>, voyez https:\/\/monguichet\.mc\/aide\./);
  assert.deepEqual(
    all(pre, 'a').map((a) => [text(a), a.getAttribute('href')]),
    [
      ['https://monguichet.mc/aide', 'https://monguichet.mc/aide'],
      [VERIFY_URL, VERIFY_URL],
    ],
    'the sentence’s full stop stays out of the link',
  );
  assert.equal(linkHref(page, 'Ouvrir la version HTML du message'), paths.devMailbox.html(id));
  assert.equal(linkHref(page, 'Retour à la boîte aux lettres'), paths.devMailbox.mailbox());
});

test('the message page is in English when asked', async () => {
  const id = await sendThroughApp('english@example.mc', 'Hello', ['Text.']);
  const response = await app.inject({ url: paths.devMailbox.message(id), headers: { 'accept-language': 'en' } });
  const page = parsePage(response.body);
  assert.ok(all(page, 'h2').some((h2) => text(h2) === 'Text version'));
  assert.equal(linkHref(page, 'Back to the mailbox'), paths.devMailbox.mailbox());
});

test('the HTML version is served alone, unchanged, under a CSP that allows no script and nothing outside', async () => {
  const id = await sendThroughApp('html@example.mc', SCRIPT_SUBJECT, ['Corps.'], VERIFY_URL);
  const stored = await database.db
    .selectFrom('dev_mail')
    .select('html_body')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const response = await app.inject(paths.devMailbox.html(id));
  assert.equal(response.statusCode, 200);
  assert.match(String(response.headers['content-type']), /^text\/html; charset=utf-8/);
  assert.equal(response.headers['content-security-policy'], DEV_MAIL_HTML_CSP);
  assert.match(DEV_MAIL_HTML_CSP, /^default-src 'none'; style-src 'unsafe-inline'; img-src data:/);
  assert.equal(response.headers['x-content-type-options'], 'nosniff');
  assert.equal(response.body, stored.html_body);
  assert.doesNotMatch(response.body, /<script>alert/);
});

test('an unknown or malformed message id is a 404 page', async () => {
  for (const url of [
    paths.devMailbox.message('00000000-0000-4000-8000-000000000000'),
    paths.devMailbox.message('not-a-uuid'),
    paths.devMailbox.html('00000000-0000-4000-8000-000000000000'),
    paths.devMailbox.html("1' or '1'='1"),
  ]) {
    const response = await app.inject(url);
    assert.equal(response.statusCode, 404, url);
  }
});

test('with an SMTP relay configured, or in production, the mailbox pages do not exist', async () => {
  const other = await createTestDatabase();
  after(() => other.close());
  const configs = [
    testConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }),
    loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://monguichet@db.example/monguichet',
      SESSION_SECRET: 'x'.repeat(40),
      PUBLIC_URL: 'https://monguichet.mc',
      SMTP_URL: 'smtp://relay.example:25',
      ...PRODUCTION_PAYMENT_ENV,
    }),
    // Even a production configuration that somehow had no relay keeps the mailbox closed.
    { ...testConfig(), env: 'production' as const, isProduction: true },
  ];
  for (const config of configs) {
    const closed = await buildApp({ config, database: other, logger: false });
    try {
      for (const url of [
        paths.devMailbox.mailbox(),
        paths.devMailbox.message('00000000-0000-4000-8000-000000000000'),
        paths.devMailbox.html('00000000-0000-4000-8000-000000000000'),
      ]) {
        const response = await closed.inject(url);
        assert.equal(response.statusCode, 404, `${config.env} ${config.mail.transport} ${url}`);
      }
    } finally {
      await closed.close();
    }
  }
});
