/**
 * The steps every browser journey takes, defined once: read a page's heading, arrive at a page
 * (its address, its heading, then the journey's own checks), submit a form and wait for the page
 * it leads to, open a fresh browser context. A journey file says what it checks on every page
 * (`journeySteps({ check })`) and keeps only the steps of its own path.
 */
import assert from 'node:assert/strict';
import type { BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { openMainMenu, spoken, STEP_TIMEOUT_MS, type BrowserJourney } from './browser.ts';

/** The page's h1 as a reader hears it: French typography's non-breaking spaces read as spaces. */
export async function heading(page: Page): Promise<string> {
  return spoken(await page.getByRole('heading', { level: 1 }).innerText());
}

/** The page's main content. */
export function main(page: Page): Locator {
  return page.getByRole('main');
}

/** The header's main menu (`name` is its accessible name), opened first on a phone. */
export async function mainNav(page: Page, name = 'Menu principal'): Promise<Locator> {
  await openMainMenu(page);
  return page.getByRole('navigation', { name });
}

/** A fresh browser context on the portal (no cookies at any origin), in French like a first visit from Monaco. */
export async function openContext(
  journey: BrowserJourney,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await journey.browser.newContext({ baseURL: journey.baseUrl, locale: 'fr-FR', ...options });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  return { context, page };
}

export interface JourneyChecks {
  /** The origin `arriveAt` expects unless told another: the portal's (read when the step runs). */
  readonly origin: () => string;
  /** What every page the journey arrives at must pass (axe, the width, …). */
  readonly check: (page: Page) => Promise<void>;
  /** What a Content-Security-Policy refused so far, named when a form leads nowhere. */
  readonly refused?: (page: Page) => readonly string[];
}

export interface JourneySteps {
  /**
   * Waits for the page at `path` of `origin` (the portal's by default), checks its h1 (the text,
   * or a pattern), then the journey's checks.
   */
  readonly arriveAt: (
    page: Page,
    path: string | RegExp,
    expectedHeading: string | RegExp,
    origin?: string,
  ) => Promise<void>;
  /**
   * Clicks a form's button and waits until the page it leads to (after any redirect) is loaded, so
   * that what follows reads the new page, never the one the form was on. When the browser goes
   * nowhere, the error says where it stayed and what a Content-Security-Policy refused.
   */
  readonly submitForm: (page: Page, button: Locator) => Promise<void>;
}

export function journeySteps({ origin: portalOrigin, check, refused = () => [] }: JourneyChecks): JourneySteps {
  return {
    arriveAt: async (page, path, expectedHeading, origin = portalOrigin()) => {
      await page.waitForURL(
        (url) => url.origin === origin && (typeof path === 'string' ? url.pathname === path : path.test(url.pathname)),
      );
      const h1 = await heading(page);
      if (typeof expectedHeading === 'string') assert.equal(h1, expectedHeading, `the heading of ${page.url()}`);
      else assert.match(h1, expectedHeading, `the heading of ${page.url()}`);
      await check(page);
    },

    submitForm: async (page, button) => {
      const from = page.url();
      const navigated = page.waitForEvent('framenavigated', (frame) => frame === page.mainFrame());
      await button.click();
      try {
        await navigated;
      } catch (error) {
        const refusedSoFar = refused(page);
        throw new Error(
          `the form submitted from ${from} led nowhere (the browser is at ${page.url()})${refusedSoFar.length > 0 ? `; Content-Security-Policy violations:\n${refusedSoFar.join('\n')}` : ''}`,
          { cause: error },
        );
      }
      await page.waitForLoadState();
    },
  };
}
