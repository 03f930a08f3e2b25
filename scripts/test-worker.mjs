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
//
// That line is written once the file's root test has ended, its `after` hooks included: node:test
// does not wait for them when a run without isolation ends, so the worker follows the root test on
// node:test's tracing channel ('node.test') and ends the run itself. A file's cleanup (its temporary
// folders, databases and child processes) is thus done before the next file starts or the worker
// stops, and an `after` hook that fails fails its file.
import { tracingChannel } from 'node:diagnostics_channel';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { setImmediate } from 'node:timers';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';

/** The line that ends a file's output; run-tests.mjs looks for it. */
export const DONE_MARK = '\u0000mg-test-worker-done';

if (process.send) {
  const entries = mkdtempSync(path.join(tmpdir(), 'mg-test-worker-'));
  let count = 0;
  process.on('exit', () => rmSync(entries, { recursive: true, force: true }));
  process.on('disconnect', () => process.exit(0));

  // The root test of the file being run: `rootError` is what made it fail (a root `after` hook),
  // `rootEnded` is called once it has ended. The root is the test named '<root>' with no file.
  let rootError;
  let rootEnded = () => {};
  const isRoot = (message) => message.name === '<root>' && message.nesting === 0 && !message.file;
  tracingChannel('node.test').subscribe({
    end: (message) => isRoot(message) && rootEnded(),
    error: (message) => isRoot(message) && (rootError = message.error),
  });

  // One file at a time, in the order sent.
  let queue = Promise.resolve();
  process.on('message', ({ file }) => (queue = queue.then(() => runFile(file))));

  async function runFile(file) {
    // The file is imported by an entry module of its own: node:test names a file without tests
    // after the entry (a placeholder test, not counted as one that ran).
    const entry = path.join(entries, `${(count += 1)}.mjs`);
    const url = pathToFileURL(path.resolve(file)).href;
    writeFileSync(entry, `await import(${JSON.stringify(url)});\n`);
    // node:test ends a run without isolation when the event loop is about to empty ('beforeExit'),
    // which the worker's IPC channel never lets happen: once the root test has ended (its tests,
    // then its `after` hooks), the worker emits that event itself, and node:test's handler reports
    // the summary and ends the run.
    rootError = undefined;
    rootEnded = () => {
      rootEnded = () => {};
      setImmediate(() => process.emit('beforeExit', 0));
    };
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
    if (rootError !== undefined) process.stdout.write(`\n✖ the file's root test failed: ${inspect(rootError)}\n`);
    const ok = failed === 0 && rootError === undefined && ran > 0;
    const summary = JSON.stringify({ ok, ran, rss: process.memoryUsage().rss });
    process.stdout.write(`\n${DONE_MARK} ${summary}\n`);
  }
}
