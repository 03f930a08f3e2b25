/**
 * The comparison behind the screenshot journey (test/helpers/screenshots.ts): the same picture
 * passes, a few pixels off pass, a change of layout or of size fails and leaves the picture taken
 * and its diff for review, a missing stored image is written except in CI, and the update mode
 * rewrites it.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { PNG } from 'pngjs';
import { compareWithStored, MAX_DIFF_RATIO, type CompareSettings } from './helpers/screenshots.ts';

const root = mkdtempSync(path.join(tmpdir(), 'mg-screenshots-'));
after(() => rmSync(root, { recursive: true, force: true }));

let count = 0;
function settings(overrides: Partial<CompareSettings> = {}): CompareSettings {
  count += 1;
  return {
    storedDir: path.join(root, `stored-${count}`),
    resultsDir: path.join(root, `results-${count}`),
    update: false,
    ci: false,
    ...overrides,
  };
}

/** A white picture of `width`×`height` with the first `dark` pixels black. */
function picture(width: number, height: number, dark = 0): Buffer {
  const png = new PNG({ width, height });
  png.data.fill(255);
  for (let i = 0; i < dark; i += 1) png.data.fill(0, i * 4, i * 4 + 3);
  return PNG.sync.write(png);
}

function store(where: CompareSettings, file: string, image: Buffer): void {
  compareWithStored(file, image, { ...where, update: true });
}

test('the same picture passes, and a few pixels off (anti-aliasing) still pass', () => {
  const where = settings();
  store(where, 'page-320.png', picture(100, 100));
  compareWithStored('page-320.png', picture(100, 100), where);
  compareWithStored('page-320.png', picture(100, 100, Math.floor(100 * 100 * MAX_DIFF_RATIO)), where);
  assert.equal(existsSync(where.resultsDir), false, 'nothing left for review');
});

test('a change of more pixels than allowed fails, naming the picture taken and its diff, both written', () => {
  const where = settings();
  store(where, 'page-320.png', picture(100, 100));
  assert.throws(
    () => compareWithStored('page-320.png', picture(100, 100, 200), where),
    /page-320\.png: 200 pixels differ \(2\.00 %, at most 0\.5 % allowed\).*page-320\.actual\.png.*page-320\.diff\.png/,
  );
  const diff = PNG.sync.read(readFileSync(path.join(where.resultsDir, 'page-320.diff.png')));
  assert.deepEqual([...diff.data.subarray(0, 3)], [255, 0, 0], 'a differing pixel is red in the diff');
  assert.ok(readFileSync(path.join(where.resultsDir, 'page-320.actual.png')).equals(picture(100, 100, 200)));
});

test('a page of another size fails, with the picture taken kept', () => {
  const where = settings();
  store(where, 'page-1280.png', picture(100, 100));
  assert.throws(
    () => compareWithStored('page-1280.png', picture(100, 101), where),
    /the page is 100×101 px, the stored image 100×100 px/,
  );
  assert.ok(existsSync(path.join(where.resultsDir, 'page-1280.actual.png')));
});

test('a missing stored image is written outside CI, fails in CI, and the update mode rewrites one', () => {
  const local = settings();
  compareWithStored('new-320.png', picture(10, 10), local);
  assert.ok(readFileSync(path.join(local.storedDir, 'new-320.png')).equals(picture(10, 10)));

  const ci = settings({ ci: true });
  assert.throws(() => compareWithStored('new-320.png', picture(10, 10), ci), /no stored image .*UPDATE_SCREENSHOTS=1/);
  assert.equal(existsSync(path.join(ci.storedDir, 'new-320.png')), false);

  compareWithStored('new-320.png', picture(10, 12), { ...local, update: true, ci: true });
  assert.ok(readFileSync(path.join(local.storedDir, 'new-320.png')).equals(picture(10, 12)));
});

test('a failed run’s leftovers go once the page matches again', () => {
  const where = settings();
  store(where, 'page-320.png', picture(20, 20));
  assert.throws(() => compareWithStored('page-320.png', picture(20, 20, 100), where));
  assert.ok(existsSync(path.join(where.resultsDir, 'page-320.diff.png')));
  compareWithStored('page-320.png', picture(20, 20), where);
  assert.equal(existsSync(path.join(where.resultsDir, 'page-320.diff.png')), false);
});
