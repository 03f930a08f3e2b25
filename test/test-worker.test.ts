/**
 * The test worker of `npm test` (scripts/test-worker.mjs, driven through
 * scripts/test-worker-client.mjs): one process runs test files one after another, and each file
 * still gets its own outcome, output, root hooks and summary, whatever the previous file did.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startTestWorker } from '../scripts/test-worker-client.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nodeBin = path.join(root, 'node_modules', '.bin', 'node');
const fixture = (name: string) => `test/fixtures/worker/${name}.ts`;

const worker = startTestWorker({ nodeBin, root });
after(() => worker.stop());

test('files run one after another in one process, each with its own tests, hooks and summary', async () => {
  const waited = await worker.run(fixture('passes-after-a-wait'));
  assert.equal(waited.ok, true, waited.text);
  assert.match(waited.text, /✔ first/);
  assert.match(waited.text, /✔ second/);
  assert.match(waited.text, /after: server closed/, 'the file’s own `after` ran when its tests ended');
  assert.match(waited.text, /^ℹ tests 2$/m);

  // Declared synchronously while imported, after a file that declared its tests after an await.
  const atOnce = await worker.run(fixture('passes-at-once'));
  assert.equal(atOnce.ok, true, atOnce.text);
  assert.match(atOnce.text, /✔ only/);
  assert.match(atOnce.text, /^ℹ tests 1$/m, 'the summary counts this file’s tests only');
  assert.doesNotMatch(atOnce.text, /first|second|after: server closed/);
});

test('a failing test, a file without tests and a file that throws on import each fail alone', async () => {
  const fails = await worker.run(fixture('fails'));
  assert.equal(fails.ok, false);
  assert.match(fails.text, /✖ fails/);
  assert.match(fails.text, /^ℹ pass 1$/m);

  const nothing = await worker.run(fixture('declares-nothing'));
  assert.equal(nothing.ok, false);
  assert.match(nothing.text, /no test ran in this file/);

  const broken = await worker.run(fixture('throws-on-import'));
  assert.equal(broken.ok, false);
  assert.match(broken.text, /broken on import/);
});

test('a file has ended once its `after` hooks have: a slow cleanup is done before the next file, and a failing one fails its file', async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'mg-worker-test-'));
  after(() => rm(dir, { recursive: true, force: true }));
  const marker = path.join(dir, 'marker');
  const own = startTestWorker({ nodeBin, root, env: { MG_WORKER_FIXTURE_MARKER: marker } });
  try {
    const slow = await own.run(fixture('cleans-up-slowly'));
    assert.equal(slow.ok, true, slow.text);
    assert.match(slow.text, /after: cleaned up/, 'the hook’s output is the file’s');
    assert.equal(await readFile(marker, 'utf8'), 'cleaned up', 'the hook ended before the file was reported');

    const failing = await own.run(fixture('fails-in-after'));
    assert.equal(failing.ok, false, 'a cleanup that throws fails its file');
    assert.match(failing.text, /the cleanup failed/);

    const next = await own.run(fixture('passes-at-once'));
    assert.equal(next.ok, true, next.text);
  } finally {
    await own.stop();
  }
});

test('a file that ends the worker fails, with how the worker ended', async () => {
  const own = startTestWorker({ nodeBin, root });
  const exits = await own.run(fixture('exits'));
  await own.closed;
  assert.equal(exits.ok, false);
  assert.match(exits.text, /the test worker ended: exit code 3/);
});
