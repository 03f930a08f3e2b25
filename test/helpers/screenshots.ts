/**
 * Screenshots compared with stored images, so that an unintended change of layout fails a test and
 * shows in review. A page is taken full-page, animations stopped and the caret hidden, with what
 * varies between runs covered by a mask; it is compared with `test/e2e/screenshots/<name>.png`
 * pixel by pixel (pixelmatch, a per-pixel threshold of 0.02), and fails when it differs in size or
 * in more than MAX_DIFF_RATIO of its pixels. A failure writes the picture taken and a diff under
 * `test-results/screenshots/` (git-ignored) and names them in its message.
 *
 * `UPDATE_SCREENSHOTS=1` rewrites the stored images instead of comparing. A stored image that is
 * missing is written (and the test passes), except in CI (`CI=true`), where it fails: a picture
 * must be reviewed and committed, never made by the check itself.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import type { Locator, Page } from 'playwright-core';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The stored images, committed. */
export const STORED_DIR = path.join(ROOT, 'test/e2e/screenshots');
/** Where a failed comparison leaves the picture taken and its diff. */
export const RESULTS_DIR = path.join(ROOT, 'test-results/screenshots');

/**
 * pixelmatch's per-pixel threshold (0 to 1, a distance in OKLab): below it two pixels count as the
 * same. pixelmatch 8 measures in OKLab, where its customary 0.1 takes a panel's grey (#f3f2f1) for
 * white and a hovered button's grey for the plain one; 0.02 sees both. Anti-aliased pixels are
 * told apart on their own, and the same machine draws the same page byte for byte.
 */
export const PIXEL_THRESHOLD = 0.02;
/** The share of an image's pixels that may differ (anti-aliasing, a glyph drawn a subpixel aside). */
export const MAX_DIFF_RATIO = 0.005;

/** A colour no page uses, so that a mask is seen as one in the images. */
const MASK_COLOUR = '#FF00FF';

export interface ScreenshotOptions {
  /** What varies between runs and cannot be made fixed (a QR code holding the port). */
  readonly mask?: readonly Locator[];
}

function updating(): boolean {
  return process.env.UPDATE_SCREENSHOTS === '1';
}

function inCi(): boolean {
  return process.env.CI === 'true';
}

/**
 * Takes the page as it is now (full page, at the window's size) and compares it with the stored
 * image `<name>-<width>.png`.
 */
export async function assertScreenshot(page: Page, name: string, options: ScreenshotOptions = {}): Promise<void> {
  const width = page.viewportSize()?.width ?? 0;
  const file = `${name}-${width}.png`;
  // Web fonts and images finished, nothing focused: the page as a person first sees it.
  await page.evaluate(async () => {
    await document.fonts.ready;
    (document.activeElement as HTMLElement | null)?.blur();
  });
  const actual = await page.screenshot({
    fullPage: true,
    animations: 'disabled',
    caret: 'hide',
    scale: 'css',
    mask: [...(options.mask ?? [])],
    maskColor: MASK_COLOUR,
  });
  compareWithStored(file, actual);
}

/** Where the images are and what to do with a missing one; by default from the environment. */
export interface CompareSettings {
  readonly storedDir: string;
  readonly resultsDir: string;
  /** Rewrite the stored image (UPDATE_SCREENSHOTS=1). */
  readonly update: boolean;
  /** A missing stored image fails (CI=true) instead of being written. */
  readonly ci: boolean;
}

function settingsFromEnvironment(): CompareSettings {
  return { storedDir: STORED_DIR, resultsDir: RESULTS_DIR, update: updating(), ci: inCi() };
}

/** Compares a PNG with the stored one (or writes it; see the file's comment). */
export function compareWithStored(
  file: string,
  actual: Buffer,
  { storedDir, resultsDir, update, ci }: CompareSettings = settingsFromEnvironment(),
): void {
  const storedPath = path.join(storedDir, file);
  const actualPath = path.join(resultsDir, file.replace(/\.png$/, '.actual.png'));
  const diffPath = path.join(resultsDir, file.replace(/\.png$/, '.diff.png'));
  rmSync(actualPath, { force: true });
  rmSync(diffPath, { force: true });

  if (update || !existsSync(storedPath)) {
    assert.ok(
      update || !ci,
      `no stored image ${path.relative(ROOT, storedPath)}: run the journey with UPDATE_SCREENSHOTS=1, look at the image and commit it`,
    );
    mkdirSync(storedDir, { recursive: true });
    writeFileSync(storedPath, actual);
    return;
  }

  const stored = readFileSync(storedPath);
  // The same pixels give the same file (Chromium encodes them alike): no need to decode either.
  if (stored.equals(actual)) return;
  const expected = PNG.sync.read(stored);
  const taken = PNG.sync.read(actual);
  const keep = (diff?: PNG) => {
    mkdirSync(resultsDir, { recursive: true });
    writeFileSync(actualPath, actual);
    if (diff) writeFileSync(diffPath, PNG.sync.write(diff));
  };
  if (expected.width !== taken.width || expected.height !== taken.height) {
    keep();
    assert.fail(
      `${file}: the page is ${taken.width}×${taken.height} px, the stored image ${expected.width}×${expected.height} px ` +
        `(the picture taken: ${path.relative(ROOT, actualPath)}; if the change is intended, run with UPDATE_SCREENSHOTS=1)`,
    );
  }
  const diff = new PNG({ width: taken.width, height: taken.height });
  const differing = pixelmatch(expected.data, taken.data, diff.data, taken.width, taken.height, {
    threshold: PIXEL_THRESHOLD,
  });
  const ratio = differing / (taken.width * taken.height);
  if (ratio > MAX_DIFF_RATIO) {
    keep(diff);
    assert.fail(
      `${file}: ${differing} pixels differ (${(ratio * 100).toFixed(2)} %, at most ${MAX_DIFF_RATIO * 100} % allowed) ` +
        `(the picture taken: ${path.relative(ROOT, actualPath)}, the difference in red: ${path.relative(ROOT, diffPath)}; ` +
        'if the change is intended, run with UPDATE_SCREENSHOTS=1)',
    );
  }
}
