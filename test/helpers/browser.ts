/**
 * What every browser journey needs: the real app listening on a free local port (on its own test
 * database, with that address as its public URL), Debian's Chromium driven by Playwright, and the
 * checks every visited page must pass. With `jobs`, the job queue and the mail worker run too, so
 * every e-mail the app sends reaches the development mailbox (/dev/mailbox). With `mconnect`, the
 * MConnect stand-in runs on a port of its own, with the app as its registered client, and the app
 * offers "S'identifier avec MConnect". With `psp`, the sandbox payment provider runs on a port of its
 * own (its hosted pages there, for the browser) and the app pays through it. With `smtp`, the mail
 * worker delivers to a real SMTP server started by the test instead of the mailbox.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AxeResults, RunOptions } from 'axe-core';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildMconnectStandIn, mconnectStandInOptions } from '../../dev/mconnect/server.ts';
import { buildApp } from '../../src/app.ts';
import type { Env } from '../../src/config.ts';
import type { DatabaseHandle } from '../../src/db/connect.ts';
import { mconnectClientFrom } from '../../src/features/mconnect/mconnect.settings.ts';
import { startMailWorker, type MailWorker } from '../../src/features/notifications/mail.service.ts';
import { devMailboxTransport, smtpTransport } from '../../src/features/notifications/mail.transport.ts';
import { createJobQueue, type JobQueue } from '../../src/jobs/queue.ts';
import { recordingLogger, testConfig, type RecordingLogger } from './app.ts';
import { createTestDatabase } from './database.ts';
import { startTestPsp, type TestPsp } from './psp.ts';
import { freePort, startSmtpServer, waitFor, type TestSmtpServer } from './smtp.ts';

/** WCAG 2.0 and 2.1 A and AA, and 2.2 AA. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * How long one step of a journey (a click, a page load) may take before the journey fails: a guard
 * against a hang, not a timing assertion. A 2-core machine running other tests beside the journeys
 * can take several seconds to answer one page.
 */
export const STEP_TIMEOUT_MS = 30_000;

/**
 * A phone and a desktop. Each journey is walked once, at one of them, and checks every page it
 * visits at both (`atEveryWidth`).
 */
export const VIEWPORTS = [
  { width: 320, height: 640 },
  { width: 1280, height: 800 },
] as const;

/**
 * On a phone the main menu is behind "Menu", a disclosure in the header: opens it when it is shown and
 * closed, as a person does before following a header link. On wider screens the menu is always shown
 * and this does nothing.
 */
export async function openMainMenu(page: Page): Promise<void> {
  const toggle = page.locator('header details.site-menu > summary');
  if ((await toggle.count()) === 0 || !(await toggle.isVisible())) return;
  if (await page.locator('header details.site-menu').evaluate((details) => details.hasAttribute('open'))) return;
  await toggle.click();
}

export interface BrowserJourney {
  readonly database: DatabaseHandle;
  readonly app: FastifyInstance;
  readonly browser: Browser;
  readonly baseUrl: string;
  /** What the job queue and the mail worker logged (with `jobs` only). */
  readonly jobLog: RecordingLogger | undefined;
  /** The MConnect stand-in's address (with `mconnect` only). */
  readonly mconnectIssuer: string | undefined;
  /** The sandbox payment provider the app pays through (with `psp` only). */
  readonly psp: TestPsp | undefined;
  /** The SMTP server the mail worker delivers to (with `smtp` only). */
  readonly smtp: TestSmtpServer | undefined;
  close(): Promise<void>;
}

export interface BrowserJourneyOptions {
  /** Seed the demo catalogue (creditors, schools, procedures). */
  readonly seed: boolean;
  /** Run the job queue and a mail worker that delivers to the development mailbox. Default false. */
  readonly jobs?: boolean;
  /**
   * Start the MConnect stand-in, with the app's address in its registered redirect and
   * post-logout URIs, and give the app a client of it. Default false: MConnect is off.
   */
  readonly mconnect?: boolean;
  /**
   * Start the sandbox payment provider on a free port of 127.0.0.1 (its hosted pages on that
   * origin) and make it the app's payment provider (PAYMENT_PSP_URL). Default false.
   */
  readonly psp?: boolean;
  /** With `jobs`: the mail worker delivers to a test SMTP server (`smtp.received`), not the mailbox. Default false. */
  readonly smtp?: boolean;
  /** Extra environment for the app's configuration, e.g. `{ CATALOGUE_REFRESH_SECONDS: '3600' }`. */
  readonly env?: Env;
}

interface StandIn {
  readonly issuer: string;
  close(): Promise<void>;
}

/**
 * The MConnect stand-in on a free port of 127.0.0.1 (its keys in a temporary folder), with the
 * portal at `publicUrl` as its registered client. Stopped by the journey's `close` (journeys start
 * in a `before` hook, where a node:test `after` would run at once).
 */
async function startStandIn(publicUrl: string): Promise<StandIn> {
  const keysDir = mkdtempSync(path.join(tmpdir(), 'mg-mconnect-journey-'));
  const removeKeys = () => rmSync(keysDir, { recursive: true, force: true });
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    const app = buildMconnectStandIn(
      mconnectStandInOptions(testConfig({ PUBLIC_URL: publicUrl, DATA_DIR: keysDir, MCONNECT_DEV_ISSUER: issuer })),
    );
    try {
      await app.listen({ host: '127.0.0.1', port });
      return {
        issuer,
        async close() {
          await app.close();
          removeKeys();
        },
      };
    } catch (error) {
      await app.close();
      if (attempt < 5 && (error as NodeJS.ErrnoException).code === 'EADDRINUSE') continue;
      removeKeys();
      throw error;
    }
  }
}

/**
 * Builds the app with `http://127.0.0.1:<port>` as its public URL and listens there, so that links
 * in e-mails lead back to it and the browser's `Origin` on form posts is the app's own. The port is
 * picked free just before; if something takes it in between, another one is tried. With
 * `withMconnect`, the MConnect stand-in is started first, with that address in its registered
 * redirect URIs, and the app's MConnect settings name it.
 */
async function listenOnOwnAddress(
  database: DatabaseHandle,
  jobs: JobQueue | undefined,
  withMconnect: boolean,
  psp: TestPsp | undefined,
  env: Env,
): Promise<{ app: FastifyInstance; baseUrl: string; standIn: StandIn | undefined }> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const standIn = withMconnect ? await startStandIn(baseUrl) : undefined;
    const config = testConfig({
      ...env,
      PUBLIC_URL: baseUrl,
      ...(standIn ? { MCONNECT_DEV_ISSUER: standIn.issuer } : {}),
      ...(psp ? { PAYMENT_PSP_URL: psp.url } : {}),
    });
    let app: FastifyInstance | undefined;
    try {
      app = await buildApp({
        config,
        database,
        logger: false,
        jobs,
        mconnect: standIn ? mconnectClientFrom(config) : null,
      });
      await app.listen({ host: '127.0.0.1', port });
      return { app, baseUrl, standIn };
    } catch (error) {
      await app?.close();
      await standIn?.close();
      if (attempt >= 5 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

/**
 * Starts the app on 127.0.0.1 (with the demo catalogue if `seed`, sending mail if `jobs`, to an
 * SMTP server if `smtp`, with the MConnect stand-in if `mconnect`, paying through the sandbox
 * payment provider if `psp`) and a headless Chromium. If any part fails to start, the
 * parts already running are stopped, so the test process can still end.
 */
export async function startBrowserJourney({
  seed,
  jobs: withJobs = false,
  mconnect: withMconnect = false,
  psp: withPsp = false,
  smtp: withSmtp = false,
  env = {},
}: BrowserJourneyOptions): Promise<BrowserJourney> {
  assert.ok(withJobs || !withSmtp, 'smtp needs jobs: the mail worker delivers to it');
  const database = await createTestDatabase({ seed });
  // Stopped in reverse order of starting: the browser, the app, the stand-ins, the mail worker, the
  // SMTP server, the queue, the database.
  const stops: (() => Promise<void>)[] = [() => database.close()];
  const stopAll = async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
  };
  try {
    const jobLog = withJobs ? recordingLogger() : undefined;
    const jobs = jobLog ? await createJobQueue(database, { logger: jobLog }) : undefined;
    if (jobs) stops.push(() => jobs.stop());
    const smtp = withSmtp ? await startSmtpServer() : undefined;
    if (smtp) stops.push(() => smtp.close());
    const transport = smtp
      ? smtpTransport(smtp.url, testConfig().mail.from, { connectionMs: 2000, greetingMs: 2000, socketMs: 5000 })
      : devMailboxTransport(database.db);
    // Polls twice a second, so an e-mail reaches the mailbox about as fast as a user opens it.
    const mailWorker: MailWorker | undefined = jobs
      ? await startMailWorker(jobs, transport, { pollingIntervalSeconds: 0.5 })
      : undefined;
    // No request can send mail once the app is closed: a delivery in progress finishes, then the queue stops.
    if (mailWorker) stops.push(() => mailWorker.stop());
    const psp = withPsp ? await startTestPsp({ ownOrigin: true }) : undefined;
    if (psp) stops.push(() => psp.close());
    const { app, baseUrl, standIn } = await listenOnOwnAddress(database, jobs, withMconnect, psp, env);
    if (standIn) stops.push(() => standIn.close());
    stops.push(() => app.close());
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      // Never a downloaded browser, and no background traffic off this machine.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    });
    stops.push(() => browser.close());
    return {
      database,
      app,
      browser,
      baseUrl,
      jobLog,
      mconnectIssuer: standIn?.issuer,
      psp,
      smtp,
      close: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** axe-core's own script, put into a page the first time the page is checked. */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const AXE_OPTIONS: RunOptions = {
  runOnly: { type: 'tag', values: WCAG_TAGS },
  resultTypes: ['violations'],
  // The portal's pages have no frames (checked below), so there is nothing to wait for in one.
  iframes: false,
};

/**
 * Zero axe violations (WCAG_TAGS) on the page as it is now; the message lists each one. axe-core
 * runs in the page itself, put there once per document: the same rules as `@axe-core/playwright`,
 * without its extra page per check (which made each check about seven times slower).
 */
export async function assertAccessible(page: Page): Promise<void> {
  const frames = await page.locator('iframe, frame, object, embed').count();
  assert.equal(frames, 0, `${page.url()} embeds a frame: its content would need checking too`);
  const form = `${page.viewportSize()?.width ?? 0} ${await page.evaluate(pageForm)}`;
  if (passedForms.has(form)) return;
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(
    (options) =>
      (window as unknown as { axe: { run(c: Document, o: RunOptions): Promise<AxeResults> } }).axe.run(
        document,
        options,
      ),
    AXE_OPTIONS,
  );
  const report = results.violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
    )
    .join('\n');
  assert.equal(results.violations.length, 0, `axe violations on ${page.url()}:\n${report}`);
  passedForms.add(form);
}

/**
 * The forms of page this process has checked and found without violations, each with its width. A
 * page visited again in the same form (the login page, the mailbox, "Mon profil") is not checked
 * again: axe's rules read the elements, their attributes, styles and layout, which are the same.
 */
const passedForms = new Set<string>();

/**
 * A page's form: its markup with each text reduced to whether there is one, and the values that
 * change on every visit (tokens, identifiers, form values) reduced to their kind. Runs in the page.
 */
function pageForm(): string {
  const clone = document.documentElement.cloneNode(true) as HTMLElement;
  const walker = document.createTreeWalker(clone, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    node.textContent = node.textContent?.trim() ? 'T' : '';
  }
  for (const element of Array.from(clone.querySelectorAll('*'))) {
    for (const name of ['value', 'href', 'action', 'src', 'nonce', 'content', 'aria-label', 'title']) {
      const value = element.getAttribute(name);
      if (value !== null) element.setAttribute(name, value.trim() ? 'V' : '');
    }
  }
  return clone.outerHTML;
}

/**
 * Runs `check` on the page as it is now at each width of VIEWPORTS (the window's own first), then
 * gives the window its own size back: a journey walked once has every page checked at both widths.
 */
export async function atEveryWidth(page: Page, check: (page: Page) => Promise<void>): Promise<void> {
  const own = page.viewportSize();
  await check(page);
  const others = VIEWPORTS.filter((viewport) => viewport.width !== own?.width);
  for (const viewport of others) {
    await page.setViewportSize(viewport);
    await check(page);
  }
  if (own && others.length > 0) await page.setViewportSize(own);
}

/** Zero axe violations and nothing to scroll sideways, at every width of VIEWPORTS. */
export async function assertAccessibleAtEveryWidth(page: Page): Promise<void> {
  await atEveryWidth(page, async (p) => {
    await assertAccessible(p);
    await assertNoHorizontalScroll(p);
  });
}

/** Monaco red (--primary in the stylesheet), as the browser computes it: the background of every primary button. */
export const PRIMARY_RED = 'rgb(206, 17, 38)';

/**
 * The highest the portal's header may be on a 320×640 screen (issue 12: on a phone, the search box
 * and the main action above the fold).
 */
export const PHONE_HEADER_MAX_PX = 80;

/** The portal's primary buttons: a `.button` that is neither secondary nor a warning. */
export const PRIMARY_BUTTONS = '.button:not(.button--secondary):not(.button--warning)';

/** The portal's own header; the payment provider's and MConnect's pages have headers of their own. */
const PORTAL_HEADER = 'header.site-header';

/** The page has the portal's header, at most PHONE_HEADER_MAX_PX high (meant for a 320 px window). */
export async function assertPhoneHeader(page: Page): Promise<void> {
  const header = page.locator(PORTAL_HEADER);
  assert.equal(await header.count(), 1, `${page.url()} has the portal's header`);
  const box = await header.boundingBox();
  assert.ok(box, `the header of ${page.url()} is shown`);
  const width = page.viewportSize()?.width ?? 0;
  assert.ok(
    box.height <= PHONE_HEADER_MAX_PX,
    `the header of ${new URL(page.url()).pathname} is ${box.height} px high at ${width} px, more than ${PHONE_HEADER_MAX_PX}`,
  );
}

/**
 * Every primary button shown on the page has the Monaco red background, as it is at rest: the mouse
 * is moved away from every button first (no hover), and the focused element, if one is a primary
 * button, is left out (its focus style may differ). Returns how many buttons were checked.
 */
export async function assertPrimaryButtonsRed(page: Page): Promise<number> {
  await page.mouse.move(0, 0);
  const buttons = await page.locator(PRIMARY_BUTTONS).evaluateAll((elements) =>
    elements
      .filter((button) => button.getClientRects().length > 0 && button !== document.activeElement)
      .map((button) => ({
        text: (button.textContent ?? '').replace(/\s+/g, ' ').trim(),
        background: getComputedStyle(button).backgroundColor,
      })),
  );
  const width = page.viewportSize()?.width ?? 0;
  assert.deepEqual(
    buttons.filter((button) => button.background !== PRIMARY_RED),
    [],
    `primary buttons of ${new URL(page.url()).pathname} at ${width} px whose background is not ${PRIMARY_RED}`,
  );
  return buttons.length;
}

/**
 * The checks every page of the portal must pass, at each width of VIEWPORTS: zero axe violations,
 * nothing to scroll sideways, every primary button in Monaco red, and at 320 px a header of at most
 * PHONE_HEADER_MAX_PX. For the portal's own pages only (it fails a page without the portal's
 * header): another origin's pages (the payment provider's, MConnect's) need checks of their own,
 * such as `assertAccessibleAtEveryWidth`.
 */
export async function checkPortalPage(page: Page): Promise<void> {
  assert.equal(await page.locator(PORTAL_HEADER).count(), 1, `${page.url()} is a page of the portal, with its header`);
  await atEveryWidth(page, async (p) => {
    await assertAccessible(p);
    await assertNoHorizontalScroll(p);
    await assertPrimaryButtonsRed(p);
    if (p.viewportSize()?.width === VIEWPORTS[0].width) await assertPhoneHeader(p);
  });
}

/**
 * What the mail worker of a journey started with `jobs` logged so far: it delivered e-mails (waited
 * for, within a bound, as the worker polls), and nothing failed (no warning, no error of the worker
 * or the queue).
 */
export async function assertMailDeliveredWithoutErrors(journey: BrowserJourney): Promise<void> {
  const entries = journey.jobLog?.entries ?? [];
  await waitFor('the mail worker to deliver e-mails', () =>
    entries.some((entry) => entry.message === 'mail delivered') ? true : undefined,
  );
  assert.deepEqual(
    entries.filter((entry) => entry.level !== 'info'),
    [],
  );
}

/** The page is no wider than the window: nothing to scroll sideways. */
export async function assertNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(
    scrollWidth <= innerWidth,
    `${page.url()} scrolls horizontally at ${innerWidth} px (content is ${scrollWidth} px wide)`,
  );
}

/** Text as a reader hears it: runs of spaces (French typography's non-breaking ones included) read as one space. */
export function spoken(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The portal's error summary is shown and passes the checks (`check`, by default `checkPortalPage`);
 * each of its links leads to a field of the page; the first one, followed, brings its field into
 * view. Returns the messages it lists.
 */
export async function checkErrorSummary(
  page: Page,
  texts: { readonly errorSummary: string; readonly errorTitlePrefix: string },
  title: string,
  check: (page: Page) => Promise<void> = checkPortalPage,
): Promise<string[]> {
  const summary = page.getByRole('alert');
  await summary.waitFor();
  assert.equal(spoken(await summary.getByRole('heading', { level: 2 }).innerText()), texts.errorSummary);
  assert.equal(spoken(await page.title()), spoken(`${texts.errorTitlePrefix}${title} | MonGuichet.mc`));
  await check(page);
  const links = summary.getByRole('link');
  const messages: string[] = [];
  for (const link of await links.all()) {
    const href = (await link.getAttribute('href')) ?? '';
    assert.match(href, /^#champ-[a-z_]+$/, 'each error links to a field');
    assert.equal(await page.locator(href).count(), 1, `the field ${href} is on the page`);
    messages.push(spoken(await link.innerText()));
  }
  assert.ok(messages.length > 0, 'the summary lists at least one error');
  const firstTarget = (await links.first().getAttribute('href')) ?? '';
  // Followed from the keyboard, as its users do (and without waiting for the page to be still).
  await links.first().focus();
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.hash === firstTarget);
  assert.ok(await page.locator(firstTarget).isVisible(), `following the first error shows ${firstTarget}`);
  return messages;
}
