/**
 * The development mailbox in a real Chromium: the empty mailbox, the list and a message pass axe
 * (WCAG 2.2 AA) at 320 px and 1280 px without horizontal scrolling; the link in the text version
 * opens its page; the HTML version opens on its own and runs no script.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { insertDevMail } from '../../src/features/notifications/dev-mailbox.repository.ts';
import { composeMail, notice } from '../../src/features/notifications/mail.templates.tsx';
import { testConfig } from '../helpers/app.ts';
import { createTestDatabase } from '../helpers/database.ts';

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const VIEWPORTS = [
  { width: 320, height: 640 },
  { width: 1280, height: 800 },
] as const;

let database: DatabaseHandle;
let app: FastifyInstance;
let browser: Browser;
let baseUrl: string;

before(async () => {
  database = await createTestDatabase();
  app = await buildApp({ config: testConfig(), database, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  assert.ok(address && typeof address === 'object');
  baseUrl = `http://127.0.0.1:${address.port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function checkPage(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations.map((v) => `- ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`).join('\n');
  assert.equal(results.violations.length, 0, `axe violations on ${page.url()}:\n${report}`);
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(scrollWidth <= innerWidth, `${page.url()} scrolls horizontally at ${innerWidth} px (content is ${scrollWidth} px wide)`);
}

test('a developer reads the e-mails the portal kept, at phone and desktop widths', async () => {
  for (const viewport of VIEWPORTS) {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'fr-FR', viewport });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await database.db.deleteFrom('dev_mail').execute();
      await page.goto('/dev/mailbox');
      assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), 'Boîte aux lettres de développement');
      await page.getByText('Aucun message pour le moment.', { exact: false }).waitFor();
      await checkPage(page);

      await insertDevMail(
        database.db,
        composeMail('parent.avec.une.adresse.tres.longue@example.mc', 'fr', notice, {
          subject: '<script>alert(1)</script> Confirmez votre adresse e-mail',
          title: 'Confirmez votre adresse e-mail',
          paragraphs: ['Bonjour Zoé, merci de votre inscription sur MonGuichet.mc.'],
          action: { label: 'Confirmer mon adresse', url: `${baseUrl}/aide?jeton=un-jeton-assez-long-pour-devoir-passer-a-la-ligne-sur-un-telephone` },
        }),
      );
      await page.reload();
      const table = page.getByRole('table', { name: 'Messages, du plus récent au plus ancien' });
      await table.waitFor();
      await checkPage(page);

      await table.getByRole('link', { name: '<script>alert(1)</script> Confirmez votre adresse e-mail' }).click();
      await page.waitForURL(/\/dev\/mailbox\/[0-9a-f-]{36}$/);
      await checkPage(page);

      await page.getByRole('link', { name: /\/aide\?jeton=/ }).first().click();
      await page.waitForURL((url) => url.pathname === '/aide');
      await page.goBack();

      await page.getByRole('link', { name: 'Ouvrir la version HTML du message' }).click();
      await page.waitForURL(/\/html$/);
      assert.equal((await page.getByRole('heading', { level: 1 }).innerText()).trim(), 'Confirmez votre adresse e-mail');
      assert.deepEqual(dialogs, [], 'no script ran');
    } finally {
      await context.close();
    }
  }
});
