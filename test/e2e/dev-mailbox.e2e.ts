/**
 * The development mailbox in a real Chromium, walked once at 320 px: the empty mailbox, the list and
 * a message, pages of the portal, pass `checkPortalPage` at 320 px and 1280 px (axe, WCAG 2.2 AA,
 * no horizontal scrolling, primary buttons in Monaco red, a header of at most 80 px at 320 px); the
 * link in the text version opens its page; the HTML version opens on its own and runs no script.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { insertDevMail } from '../../src/features/notifications/dev-mailbox.repository.ts';
import { composeMail, notice } from '../../src/features/notifications/mail.templates.tsx';
import { VIEWPORTS, checkPortalPage, startBrowserJourney, type BrowserJourney } from '../helpers/browser.ts';

let journey: BrowserJourney;

before(async () => {
  journey = await startBrowserJourney({ seed: false });
});

after(async () => {
  await journey?.close();
});

test('a developer reads the e-mails the portal kept, checked at phone and desktop widths', async () => {
  {
    const viewport = VIEWPORTS[0];
    const context = await journey.browser.newContext({ baseURL: journey.baseUrl, locale: 'fr-FR', viewport });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    try {
      await journey.database.db.deleteFrom('dev_mail').execute();
      await page.goto('/dev/mailbox');
      assert.equal(
        (await page.getByRole('heading', { level: 1 }).innerText()).trim(),
        'Boîte aux lettres de développement',
      );
      await page.getByText('Aucun message pour le moment.', { exact: false }).waitFor();
      await checkPortalPage(page);

      await insertDevMail(
        journey.database.db,
        composeMail('parent.avec.une.adresse.tres.longue@example.mc', 'fr', notice, {
          subject: '<script>alert(1)</script> Confirmez votre adresse e-mail',
          title: 'Confirmez votre adresse e-mail',
          paragraphs: ['Bonjour Zoé, merci de votre inscription sur MonGuichet.mc.'],
          action: {
            label: 'Confirmer mon adresse',
            url: `${journey.baseUrl}/aide?jeton=un-jeton-assez-long-pour-devoir-passer-a-la-ligne-sur-un-telephone`,
          },
        }),
      );
      await page.reload();
      const table = page.getByRole('table', { name: 'Messages, du plus récent au plus ancien' });
      await table.waitFor();
      await checkPortalPage(page);

      await table.getByRole('link', { name: '<script>alert(1)</script> Confirmez votre adresse e-mail' }).click();
      await page.waitForURL(/\/dev\/mailbox\/[0-9a-f-]{36}$/);
      await checkPortalPage(page);

      await page
        .getByRole('link', { name: /\/aide\?jeton=/ })
        .first()
        .click();
      await page.waitForURL((url) => url.pathname === '/aide');
      await page.goBack();

      await page.getByRole('link', { name: 'Ouvrir la version HTML du message' }).click();
      await page.waitForURL(/\/html$/);
      assert.equal(
        (await page.getByRole('heading', { level: 1 }).innerText()).trim(),
        'Confirmez votre adresse e-mail',
      );
      assert.deepEqual(dialogs, [], 'no script ran');
    } finally {
      await context.close();
    }
  }
});
