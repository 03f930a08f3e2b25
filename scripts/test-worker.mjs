// One lane's test process for the unit and database tests of `npm test` (scripts/run-tests.mjs):
// it runs the test files it is sent, one after another, each with node:test's `run()` in this same
// process, so Node.js, tsx, the portal's modules and PGlite's WebAssembly are loaded once per lane
// instead of once per file. Each file still gets its own database (test/helpers/database.ts) and
// its own root test, hooks and summary.
//
// Started as `node --liftoff-only --import tsx scripts/test-worker.mjs` with an IPC channel. For
// each message `{ file }` it writes the spec reporter's output of that file to its standard output,
// then the line `DONE_MARK {"ok":…,"ran":…,"rss":…}` (ok: every test passed and at least one
// ran; ran: the top-level tests that ran; rss: the worker's resident memory). The parent takes
// everything before that line as the file's output. A file that never ends is stopped by the
// parent, which then starts another worker.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { setImmediate } from 'node:timers';
import { pathToFileURL } from 'node:url';

/** The line that ends a file's output; run-tests.mjs looks for it. */
export const DONE_MARK = '\u0000mg-test-worker-done';

if (process.send) {
  const entries = mkdtempSync(path.join(tmpdir(), 'mg-test-worker-'));
  let count = 0;
  process.on('exit', () => rmSync(entries, { recursive: true, force: true }));
  process.on('disconnect', () => process.exit(0));

  // One file at a time, in the order sent.
  let queue = Promise.resolve();
  process.on('message', ({ file }) => (queue = queue.then(() => runFile(file))));

  async function runFile(file) {
    // The file is imported by an entry module that says when the import has ended.
    const entry = path.join(entries, `${(count += 1)}.mjs`);
    const url = pathToFileURL(path.resolve(file)).href;
    writeFileSync(
      entry,
      `try {\n  await import(${JSON.stringify(url)});\n} finally {\n  process.emit('mg:imported');\n}\n`,
    );
    // node:test ends a run without isolation when the event loop is about to empty ('beforeExit'),
    // which the worker's IPC channel never lets happen: once the file is imported, the worker emits
    // that event itself, and node:test's handler waits for the file's tests to end, runs its root
    // hooks, reports its summary and ends the run.
    process.once('mg:imported', () => setImmediate(() => process.emit('beforeExit', 0)));
    let failed = 0;
    let ran = 0;
    const stream = run({ files: [entry], isolation: 'none' });
    stream.on('test:fail', () => (failed += 1));
    // A file without tests gets a placeholder test named after its entry module: not a test that ran.
    const counted = (event) => event.nesting === 0 && event.name !== entry && (ran += 1);
    stream.on('test:pass', counted);
    stream.on('test:fail', counted);
    for await (const chunk of stream.compose(spec)) {
      if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
    const summary = JSON.stringify({ ok: failed === 0 && ran > 0, ran, rss: process.memoryUsage().rss });
    process.stdout.write(`\n${DONE_MARK} ${summary}\n`);
  }
}
