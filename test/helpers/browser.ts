/**
 * What every browser journey needs: the real app listening on a free local port (on its own test
 * database, with that address as its public URL), Debian's Chromium driven by Playwright, and the
 * checks every visited page must pass. With `jobs`, the job queue and the mail worker run too, so
 * every e-mail the app sends reaches the development mailbox (/dev/mailbox).
 */
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp } from '../../src/app.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { startMailWorker, type MailWorker } from '../../src/features/notifications/mail.service.ts';
import { devMailboxTransport } from '../../src/features/notifications/mail.transport.ts';
import { createJobQueue, type JobQueue } from '../../src/jobs/queue.ts';
import { seedDemoData } from '../../src/seed/demo.ts';
import { recordingLogger, testConfig, type RecordingLogger } from './app.ts';
import { createTestDatabase } from './database.ts';
import { freePort } from './smtp.ts';

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
  /** What the job queue and the mail worker logged (with `jobs` only). */
  readonly jobLog: RecordingLogger | undefined;
  close(): Promise<void>;
}

export interface BrowserJourneyOptions {
  /** Seed the demo catalogue (creditors, schools, procedures). */
  readonly seed: boolean;
  /** Run the job queue and a mail worker that delivers to the development mailbox. Default false. */
  readonly jobs?: boolean;
}

/**
 * Builds the app with `http://127.0.0.1:<port>` as its public URL and listens there, so that links
 * in e-mails lead back to it and the browser's `Origin` on form posts is the app's own. The port is
 * picked free just before; if something takes it in between, another one is tried.
 */
async function listenOnOwnAddress(database: DatabaseHandle, jobs: JobQueue | undefined): Promise<{ app: FastifyInstance; baseUrl: string }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const app = await buildApp({ config: testConfig({ PUBLIC_URL: baseUrl }), database, logger: false, jobs, mconnect: null });
    try {
      await app.listen({ host: '127.0.0.1', port });
      return { app, baseUrl };
    } catch (error) {
      await app.close();
      if (attempt >= 5 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

/**
 * Starts the app on 127.0.0.1 (with the demo catalogue if `seed`, sending mail if `jobs`) and a
 * headless Chromium. If any part fails to start, the parts already running are stopped, so the
 * test process can still end.
 */
export async function startBrowserJourney({ seed, jobs: withJobs = false }: BrowserJourneyOptions): Promise<BrowserJourney> {
  const database = await createTestDatabase();
  // Stopped in reverse order of starting: the browser, the app, the mail worker, the queue, the database.
  const stops: (() => Promise<void>)[] = [() => database.close()];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    if (seed) await seedDemoData(database.db);
    const jobLog = withJobs ? recordingLogger() : undefined;
    const jobs = jobLog ? await createJobQueue(database, { logger: jobLog }) : undefined;
    if (jobs) stops.push(() => jobs.stop());
    // Polls twice a second, so an e-mail reaches the mailbox about as fast as a user opens it.
    const mailWorker: MailWorker | undefined = jobs ? await startMailWorker(jobs, devMailboxTransport(database.db), { pollingIntervalSeconds: 0.5 }) : undefined;
    // No request can send mail once the app is closed: a delivery in progress finishes, then the queue stops.
    if (mailWorker) stops.push(() => mailWorker.stop());
    const { app, baseUrl } = await listenOnOwnAddress(database, jobs);
    stops.push(() => app.close());
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      // Never a downloaded browser, and no background traffic off this machine.
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
    stops.push(() => browser.close());
    return { database, app, browser, baseUrl, jobLog, close: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
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
