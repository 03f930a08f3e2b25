/**
 * What every browser journey needs: the real app listening on a free local port (on its own test
 * database), Debian's Chromium driven by Playwright, and the checks every visited page must pass.
 */
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { seedDemoData } from '../../src/seed/demo.ts';
import { testConfig } from './app.ts';
import { createTestDatabase } from './database.ts';

/** WCAG 2.0 and 2.1 A and AA, and 2.2 AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** A phone and a desktop. */
export const VIEWPORTS = [
  { width: 320, height: 640 },
  { width: 1280, height: 800 },
] as const;

export interface BrowserJourney {
  readonly database: DatabaseHandle;
  readonly app: FastifyInstance;
  readonly browser: Browser;
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** Starts the app on 127.0.0.1 (with the demo catalogue if `seed`) and a headless Chromium. */
export async function startBrowserJourney({ seed }: { seed: boolean }): Promise<BrowserJourney> {
  const database = await createTestDatabase();
  if (seed) await seedDemoData(database.db);
  const app = await buildApp({ config: testConfig(), database, logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  assert.ok(address && typeof address === 'object', 'the app listens on a TCP port');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    // Never a downloaded browser, and no background traffic off this machine.
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  return {
    database,
    app,
    browser,
    baseUrl: `http://127.0.0.1:${address.port}`,
    async close() {
      await browser.close();
      await app.close();
      await database.close();
    },
  };
}

/** Zero axe violations (WCAG_TAGS) on the page as it is now; the message lists each one. */
export async function assertAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const report = results.violations
    .map((v) => `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
    .join('\n');
  assert.equal(results.violations.length, 0, `axe violations on ${page.url()}:\n${report}`);
}

/** The page is no wider than the window: nothing to scroll sideways. */
export async function assertNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${page.url()} scrolls horizontally at ${innerWidth} px (content is ${scrollWidth} px wide)`);
}
