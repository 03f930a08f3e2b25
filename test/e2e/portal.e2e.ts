/**
 * Browser journeys through the public portal, in a real Chromium against the real app on a real
 * port: search, procedure page, "Commencer", login, help, language switch; by keyboard and without
 * JavaScript; each journey walked once, and every page visited checked at 320 px and 1280 px: zero
 * axe violations (WCAG 2.2 AA), and no horizontal scrolling at 320 px.
 * Set E2E_SCREENSHOTS_DIR to also save full-page screenshots of the home and a procedure page.
 */
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import {
  VIEWPORTS,
  assertAccessible,
  assertNoHorizontalScroll,
  atEveryWidth,
  startBrowserJourney,
  type BrowserJourney,
} from '../helpers/browser.ts';

const FONTVIEILLE_TITLE = 'Payer la cantine en ligne pour l’École de Fontvieille';
const screenshotsDir = process.env.E2E_SCREENSHOTS_DIR;

let journey: BrowserJourney;

before(async () => {
  journey = await startBrowserJourney({ seed: true });
  if (screenshotsDir) await mkdir(screenshotsDir, { recursive: true });
});

after(async () => {
  await journey?.close();
});

/** A fresh browser context (no cookies), in French like a first visit from Monaco. */
async function openContext(options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await journey.browser.newContext({ baseURL: journey.baseUrl, locale: 'fr-FR', ...options });
  const page = await context.newPage();
  return { context, page };
}

/** The checks every visited page must pass, at both widths: axe, and no horizontal scrolling at narrow widths. */
async function checkPage(page: Page): Promise<void> {
  await atEveryWidth(page, async (p) => {
    await assertAccessible(p);
    const viewport = p.viewportSize();
    if (viewport && viewport.width <= 320) await assertNoHorizontalScroll(p);
  });
}

async function screenshot(page: Page, name: string): Promise<void> {
  const dir = screenshotsDir;
  if (!dir) return;
  await atEveryWidth(page, async (p) => {
    const width = p.viewportSize()?.width ?? 0;
    await p.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
  });
}

/** The page's h1 as a reader hears it: French typography's non-breaking spaces read as spaces. */
async function heading(page: Page): Promise<string> {
  return (await page.getByRole('heading', { level: 1 }).innerText()).replace(/\s+/g, ' ').trim();
}

async function searchFromHome(page: Page, words: string): Promise<void> {
  await page.getByRole('searchbox', { name: 'Rechercher une démarche' }).fill(words);
  await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/demarches' && url.searchParams.get('q') === words);
}

/** Opens the Fontvieille canteen procedure from the results, or the first canteen result. */
async function openCanteenResult(page: Page): Promise<string> {
  const results = page.getByRole('link', { name: /^Payer la cantine en ligne pour / });
  const titles = await results.allInnerTexts();
  assert.ok(titles.length > 0, 'the results list canteen payment procedures');
  const title = titles.includes(FONTVIEILLE_TITLE) ? FONTVIEILLE_TITLE : titles[0]!.trim();
  await page.getByRole('link', { name: title, exact: true }).first().click();
  await page.waitForURL(/\/demarches\/[^/?]+$/);
  return title;
}

{
  const viewport = VIEWPORTS[0];
  test(`at ${viewport.width} px, a parent searches "cantine", opens the canteen payment, is asked to log in, then finds the help contact`, async () => {
    const { context, page } = await openContext({ viewport });
    try {
      await page.goto('/');
      assert.equal(await heading(page), 'Bienvenue sur MonGuichet.mc');
      await screenshot(page, 'home');
      await checkPage(page);

      await page.getByRole('searchbox', { name: 'Rechercher une démarche' }).fill('cantine');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/demarches' && url.searchParams.get('q') === 'cantine');
      assert.equal(await heading(page), 'Recherche « cantine »');
      assert.match(await page.getByRole('status').first().innerText(), /\d+ démarches?/);
      await checkPage(page);

      const title = await openCanteenResult(page);
      assert.equal(await heading(page), title);
      assert.ok(
        await page.getByText('Démarche en ligne sur MonGuichet').isVisible(),
        'the procedure says it is online here',
      );
      await screenshot(page, 'procedure');
      await checkPage(page);

      const procedurePath = new URL(page.url()).pathname;
      await page.getByRole('link', { name: 'Commencer' }).click();
      await page.waitForURL((url) => url.pathname === '/connexion');
      assert.equal(new URL(page.url()).searchParams.get('retour'), `${procedurePath}/commencer`);
      assert.equal(await heading(page), 'Se connecter');
      assert.ok(
        await page.getByText('Une fois connecté, vous reviendrez à la page que vous avez demandée.').isVisible(),
        'the login page says the visitor will come back to the page they asked for',
      );
      await checkPage(page);

      await page
        .getByRole('navigation', { name: 'Menu principal' })
        .getByRole('link', { name: 'Aide', exact: true })
        .click();
      await page.waitForURL((url) => url.pathname === '/aide');
      assert.equal(await heading(page), 'Aide et contact');
      assert.ok(
        await page.getByRole('main').getByRole('link', { name: 'contact@monguichet.mc' }).isVisible(),
        'the help page shows the contact e-mail',
      );
      await checkPage(page);
    } finally {
      await context.close();
    }
  });

  test(`at ${viewport.width} px, a visitor switches the portal to English and back to French`, async () => {
    const { context, page } = await openContext({ viewport });
    try {
      await page.goto('/');
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      await checkPage(page);

      await page.getByRole('link', { name: 'English' }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      assert.equal(new URL(page.url()).pathname, '/');
      assert.equal(await heading(page), 'Welcome to MonGuichet.mc');
      assert.ok(
        await page.getByRole('searchbox', { name: 'Search for a procedure' }).isVisible(),
        'the search box is in English',
      );
      await checkPage(page);

      await page.getByRole('link', { name: 'Français' }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'fr');
      assert.equal(new URL(page.url()).pathname, '/');
      assert.equal(await heading(page), 'Bienvenue sur MonGuichet.mc');
      await checkPage(page);
    } finally {
      await context.close();
    }
  });
}

test('on the home page, the first Tab focuses the skip link, and activating it moves focus to the main content', async () => {
  const { context, page } = await openContext({ viewport: VIEWPORTS[1] });
  try {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Aller au contenu principal' });
    assert.ok(
      await skipLink.evaluate((element) => element === document.activeElement),
      'the first Tab focuses the "Aller au contenu principal" link',
    );
    assert.ok(await skipLink.isVisible(), 'the focused skip link is visible');
    const box = await skipLink.boundingBox();
    assert.ok(box && box.x >= 0 && box.y >= 0, 'the focused skip link is on screen');
    await checkPage(page);

    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.hash === '#contenu');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      return element ? `${element.tagName.toLowerCase()}#${element.id}` : '';
    });
    assert.equal(focused, 'main#contenu');
    assert.ok(
      !(await skipLink.isVisible()) || ((await skipLink.boundingBox())?.x ?? -1) < 0,
      'the skip link hides again once used',
    );
  } finally {
    await context.close();
  }
});

test('without JavaScript, a visitor can search the catalogue and open a procedure page', async () => {
  const { context, page } = await openContext({ viewport: VIEWPORTS[0], javaScriptEnabled: false });
  try {
    await page.goto('/');
    assert.equal(await heading(page), 'Bienvenue sur MonGuichet.mc');
    await searchFromHome(page, 'cantine');
    assert.equal(await heading(page), 'Recherche « cantine »');

    const title = await openCanteenResult(page);
    assert.equal(await heading(page), title);
    assert.ok(await page.getByRole('link', { name: 'Commencer' }).isVisible(), 'the procedure page offers "Commencer"');
  } finally {
    await context.close();
  }
});

test('the accessibility check itself fails a page with an unlabelled field, an image without text and faint text', async () => {
  const { context, page } = await openContext();
  try {
    await page.setContent(
      '<!doctype html><html lang="fr"><head><title>Essai</title></head><body><main><h1>Essai</h1>' +
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><input type="text">' +
        '<p style="color:#ccc;background:#fff">Texte pâle</p></main></body></html>',
    );
    const failure = await assertAccessible(page).then(
      () => assert.fail('axe found nothing on a page built to fail'),
      (error: unknown) => String(error),
    );
    for (const rule of ['image-alt', 'label', 'color-contrast']) assert.match(failure, new RegExp(`- ${rule} \\(`));
    // A frame's content is not checked, so a page with one is refused rather than passed.
    await page.setContent(
      '<!doctype html><html lang="fr"><title>Cadre</title><main><iframe title="x"></iframe></main>',
    );
    await assert.rejects(assertAccessible(page), /embeds a frame/);
  } finally {
    await context.close();
  }
});
