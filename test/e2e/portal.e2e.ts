/**
 * Browser journeys through the public portal, in a real Chromium against the real app on a real
 * port: search, procedure page, "Commencer", login, help, language switch; by keyboard and without
 * JavaScript; each journey walked once, and every page visited checked at 320 px and 1280 px
 * (`checkPortalPage`): zero axe violations (WCAG 2.2 AA), no horizontal scrolling, every primary
 * button in the one Monaco red, and a header of at most 80 px at 320 px.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  PRIMARY_BUTTONS,
  PRIMARY_RED,
  VIEWPORTS,
  assertAccessible,
  assertPhoneHeader,
  assertPrimaryButtonsRed,
  checkPortalPage,
  openMainMenu,
  startBrowserJourney,
  type BrowserJourney,
} from '../helpers/browser.ts';
import { heading, openContext } from '../helpers/journey.ts';

const FONTVIEILLE_TITLE = 'Payer la cantine en ligne pour l’École de Fontvieille';
let journey: BrowserJourney;

before(async () => {
  // The catalogue does not change during the journey: its kept pages are answered before routing
  // (ADR 0014) to the browsers that have no cookie yet, as in production.
  journey = await startBrowserJourney({ seed: true, env: { CATALOGUE_REFRESH_SECONDS: '3600' } });
});

after(async () => {
  await journey?.close();
});

/** The pages visited (their paths) that show at least one primary button at the journey's width. */
const pagesWithPrimaryButtons = new Set<string>();

/** `checkPortalPage` (its primary buttons in Monaco red among its checks), then whether the page has any. */
async function checkPage(page: Page): Promise<void> {
  await checkPortalPage(page);
  if ((await page.locator(PRIMARY_BUTTONS).filter({ visible: true }).count()) > 0) {
    pagesWithPrimaryButtons.add(new URL(page.url()).pathname);
  }
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
    const { context, page } = await openContext(journey, { viewport });
    try {
      await page.goto('/');
      assert.equal(await heading(page), 'Bienvenue sur MonGuichet.mc');
      await checkPage(page);

      await page.getByRole('searchbox', { name: 'Rechercher une démarche' }).fill('cantine');
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/demarches' && url.searchParams.get('q') === 'cantine');
      assert.equal(await heading(page), 'Recherche « cantine »');
      assert.match(await page.getByRole('status').first().innerText(), /\d+ démarches?/);
      await checkPage(page);
      // On a phone the filters are folded: the results follow the search box; they open on demand.
      const filters = page.getByText('Filtrer par public ou par thème');
      assert.equal(await page.getByLabel('Thème').isVisible(), false, 'the filters are folded on a phone');
      await filters.click();
      assert.ok(await page.getByLabel('Thème').isVisible(), 'the filters open');
      await filters.click();

      const title = await openCanteenResult(page);
      assert.equal(await heading(page), title);
      assert.ok(
        await page.getByText('Démarche en ligne sur MonGuichet').isVisible(),
        'the procedure says it is online here',
      );
      await checkPage(page);
      // On a phone: "Commencer" within the first screen, and no "open it on your phone" QR code.
      const start = await page.getByRole('link', { name: 'Commencer' }).boundingBox();
      assert.ok(start && start.y + start.height <= viewport.height, `"Commencer" above the fold (${start?.y})`);
      assert.equal(await page.locator('img.qr').isVisible(), false, 'no QR code on a phone');
      await page.setViewportSize(VIEWPORTS[1]);
      assert.equal(await page.locator('img.qr').isVisible(), true, 'the QR code on a wide screen');
      await page.setViewportSize(viewport);
      // Printed, even from a phone, the page keeps its QR code (the print styles show it).
      await page.emulateMedia({ media: 'print' });
      assert.equal(await page.locator('img.qr').isVisible(), true, 'the QR code on paper');
      await page.emulateMedia({ media: 'screen' });

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

      await openMainMenu(page);
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
    const { context, page } = await openContext(journey, { viewport });
    try {
      await page.goto('/');
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');
      await checkPage(page);

      await openMainMenu(page);
      await page.getByRole('link', { name: 'English' }).click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      assert.equal(new URL(page.url()).pathname, '/');
      assert.equal(await heading(page), 'Welcome to MonGuichet.mc');
      assert.ok(
        await page.getByRole('searchbox', { name: 'Search for a procedure' }).isVisible(),
        'the search box is in English',
      );
      await checkPage(page);

      await openMainMenu(page);
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

test('the journeys above met primary buttons, all in Monaco red, on at least three pages', async (t) => {
  // Run after the journeys above (node:test runs a file's tests in order); alone, it has nothing to count.
  if (pagesWithPrimaryButtons.size === 0) return t.skip('no page visited yet');
  assert.ok(
    pagesWithPrimaryButtons.size >= 3,
    `primary buttons on only ${pagesWithPrimaryButtons.size} pages: ${[...pagesWithPrimaryButtons].join(', ')}`,
  );
});

test(
  'at 320 px, the header is one row and "Menu" opens the main menu with the keyboard',
  { timeout: 120_000 },
  async () => {
    const { context, page } = await openContext(journey, { viewport: VIEWPORTS[0] });
    try {
      await page.goto('/');
      await assertPhoneHeader(page);
      const nav = page.getByRole('navigation', { name: 'Menu principal' });
      const help = nav.getByRole('link', { name: 'Aide', exact: true });
      assert.equal(await help.isVisible(), false, 'the menu starts closed on a phone');
      // The search box and the main action are above the fold.
      const search = await page.getByRole('searchbox', { name: 'Rechercher une démarche' }).boundingBox();
      const searchButton = await page.getByRole('button', { name: 'Rechercher', exact: true }).boundingBox();
      assert.ok(search && search.y + search.height <= 640, 'the search box is above the fold');
      assert.ok(searchButton && searchButton.y + searchButton.height <= 640, 'the search button is above the fold');

      // Skip link, the home link, then "Menu".
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      const summary = page.locator('header details.site-menu > summary');
      assert.ok(
        await summary.evaluate((element) => element === document.activeElement),
        'the third Tab reaches "Menu"',
      );
      assert.equal((await summary.innerText()).trim(), 'Menu');
      await page.keyboard.press('Enter');
      for (const name of ['Démarches', 'Aide', 'Se connecter', 'Créer mon compte', 'English']) {
        assert.ok(
          await nav.getByRole('link', { name, exact: true }).isVisible(),
          `"${name}" shows once the menu is open`,
        );
      }
      await assertAccessible(page);
      await page.keyboard.press('Tab');
      assert.ok(
        await nav
          .getByRole('link', { name: 'Démarches', exact: true })
          .evaluate((element) => element === document.activeElement),
        'the next Tab goes into the open menu',
      );
      await page.keyboard.press('Enter');
      await page.waitForURL((url) => url.pathname === '/demarches');
      // The menu is closed again on the new page: its current entry is read from the markup.
      const current = page.locator('header .site-nav a[aria-current="page"]');
      assert.equal(await current.count(), 1, 'the menu marks the current section');
      assert.equal((await current.textContent())?.trim(), 'Démarches');
    } finally {
      await context.close();
    }
  },
);

test(
  'at 1280 px, the main menu shows without "Menu", and the header shows the Government\'s name',
  { timeout: 120_000 },
  async () => {
    const { context, page } = await openContext(journey, { viewport: VIEWPORTS[1] });
    try {
      await page.goto('/');
      assert.equal(await page.locator('header details.site-menu > summary').isVisible(), false, '"Menu" is hidden');
      const nav = page.getByRole('navigation', { name: 'Menu principal' });
      assert.equal(await nav.count(), 1, 'one main navigation');
      for (const name of ['Démarches', 'Aide', 'Se connecter', 'Créer mon compte', 'English']) {
        assert.ok(await nav.getByRole('link', { name, exact: true }).isVisible(), `"${name}" shows in the header`);
      }
      const banner = page.getByRole('banner');
      assert.ok(await banner.getByText('Gouvernement Princier', { exact: true }).isVisible());
      assert.ok(await banner.getByText('Principauté de Monaco', { exact: true }).isVisible());
      await banner.getByRole('link', { name: 'MonGuichet.mc, accueil' }).focus();
      await page.keyboard.press('Tab');
      assert.ok(
        await nav
          .getByRole('link', { name: 'Démarches', exact: true })
          .evaluate((element) => element === document.activeElement),
        'Tab goes from the home link straight into the menu',
      );
    } finally {
      await context.close();
    }
  },
);

test('on the home page, the first Tab focuses the skip link, and activating it moves focus to the main content', async () => {
  const { context, page } = await openContext(journey, { viewport: VIEWPORTS[1] });
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

test('without JavaScript, a visitor can open the menu, search the catalogue and open a procedure page', async () => {
  const { context, page } = await openContext(journey, { viewport: VIEWPORTS[0], javaScriptEnabled: false });
  try {
    await page.goto('/');
    assert.equal(await heading(page), 'Bienvenue sur MonGuichet.mc');
    const help = page
      .getByRole('navigation', { name: 'Menu principal' })
      .getByRole('link', { name: 'Aide', exact: true });
    assert.equal(await help.isVisible(), false, 'the menu starts closed on a phone');
    await page.locator('header details.site-menu > summary').click();
    assert.ok(await help.isVisible(), '"Menu" opens the menu without JavaScript');
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
  const { context, page } = await openContext(journey);
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

test('the header and button checks themselves fail a tall header and a primary button of another colour', async () => {
  const { context, page } = await openContext(journey, { viewport: VIEWPORTS[0] });
  try {
    await page.setContent(
      '<!doctype html><html lang="fr"><title>Essai</title><header class="site-header" style="height:120px"></header>' +
        '<main><button class="button" style="background:rgb(0,0,255)">Bleu</button>' +
        `<button class="button" style="background:${PRIMARY_RED}">Rouge</button>` +
        '<button class="button button--secondary" style="background:rgb(0,0,255)">Secondaire</button></main></html>',
    );
    await assert.rejects(assertPhoneHeader(page), /is 120 px high at 320 px, more than 80/);
    await assert.rejects(assertPrimaryButtonsRed(page), /Bleu/);
    // A page without the portal's header is not one of its pages.
    await page.setContent(`<!doctype html><html lang="fr"><title>Essai</title><main></main></html>`);
    await assert.rejects(assertPhoneHeader(page), /has the portal's header/);
  } finally {
    await context.close();
  }
});
