#!/usr/bin/env node
// `npm test`: every part once: the type-check and the lint (tsc, eslint, depcruise, prettier
// --check), the database-free tests, the database tests on PGlite, the database tests on PostgreSQL
// (when DATABASE_URL is set) and the browser journeys. Test files are sorted into parts by
// scripts/test-files.mjs (a file that imports the test app or database helper is a database test).
//
// Every part's work goes into one queue of jobs (a check, or one test file on one kind of database:
// in a test worker for the unit and database tests, in a process of its own for a browser journey),
// longest expected first, run TEST_LANES at a time (4 by default): no core
// idles at the end of one part while the next waits, and a process waiting on PostgreSQL or
// Chromium leaves its core to another. Each job's output is printed whole when it ends; the summary
// gives each part's files, tests, and seconds of lane time against its budget, then the time from
// start to end.
//
// `npm test -- static|unit|integration|database|browser` runs one group (integration = unit +
// database). Exits non-zero if any job fails, or, under CI=true, if the browser journeys could not
// run. A part that did not run is never reported as passed; a test file that ran no test fails.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { setTimeout, clearTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';
import { listTestFiles } from './test-files.mjs';
import { startTestWorker, TEST_NODE_ARGS } from './test-worker-client.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const GROUPS = ['static', 'unit', 'integration', 'database', 'browser'];
const only = process.argv[2];
if (only && !GROUPS.includes(only)) {
  process.stderr.write(`npm test: unknown part "${only}" (one of: ${GROUPS.join(', ')})\n`);
  process.exit(2);
}
const wants = (group) =>
  !only || only === group || (only === 'integration' && (group === 'unit' || group === 'database'));
const ci = process.env.CI === 'true';
const lanes = Math.max(1, Number.parseInt(process.env.TEST_LANES ?? '4', 10) || 4);
/** A test file still running after this long is stopped and fails. */
const FILE_TIMEOUT_MS = 5 * 60_000;

/**
 * Seconds of lane time each part should stay within on a 2-core machine with four lanes (measured
 * there on a slow day, 2026-12-05, with about 10 % headroom; a job's lane time grows with what
 * runs beside it): a part over budget is flagged, not failed. See CONTRIBUTING.md.
 */
const BUDGETS = {
  typecheck: 95,
  eslint: 200,
  depcruise: 15,
  prettier: 60,
  unit: 125,
  pglite: 480,
  postgres: 290,
  browser: 620,
};
const LABELS = {
  typecheck: 'type-check (tsc --noEmit)',
  eslint: 'lint (eslint)',
  depcruise: 'dependency graph (depcruise: no cycles)',
  prettier: 'format (prettier --check)',
  unit: 'database-free tests',
  pglite: 'database tests on PGlite',
  postgres: 'database tests on PostgreSQL (DATABASE_URL)',
  browser: 'browser journeys (Playwright on Chromium)',
};

/**
 * Expected seconds of the slow test files, per part, so the queue starts them first (a file not
 * listed is expected to take a few seconds). Keep a file that takes over ten seconds here.
 */
const SLOW = {
  browser: {
    'test/e2e/accounts.e2e.ts': 150,
    'test/e2e/mconnect.e2e.ts': 65,
    'test/e2e/canteen.e2e.ts': 58,
    'test/e2e/payment.e2e.ts': 28,
    'test/e2e/portal.e2e.ts': 25,
    'test/e2e/screenshots.e2e.ts': 30,
    'test/e2e/dev-mailbox.e2e.ts': 18,
  },
  unit: { 'test/cli.test.ts': 30, 'test/server.test.ts': 25 },
  pglite: {
    'test/canteen-cli.test.ts': 25,
    'src/features/notifications/mail.service.test.ts': 13,
    'src/seed/demo.test.ts': 10,
    'src/features/mconnect/mconnect.routes.test.ts': 9,
    'src/features/notifications/dev-mailbox.routes.test.ts': 9,
    'src/features/payments/payments.service.test.ts': 12,
    'src/features/payments/fault-cases.test.ts': 14,
    'src/features/canteen/pay.routes.test.ts': 11,
  },
  postgres: {
    'src/features/accounts/login.routes.test.ts': 20,
    'src/features/notifications/mail.service.test.ts': 13,
    'src/features/mconnect/mconnect.routes.test.ts': 9,
    'src/features/notifications/dev-mailbox.routes.test.ts': 9,
    'src/features/payments/payments.service.test.ts': 12,
    'src/features/payments/fault-cases.test.ts': 14,
    'src/features/canteen/pay.routes.test.ts': 11,
  },
};
const expected = (part, file) => 3 + (SLOW[part]?.[file] ?? 0);

// The pinned Node 24 (the `node` devDependency), whatever Node started this script.
const nodeBin = existsSync(bin('node')) ? bin('node') : process.execPath;
// The same flags as the test workers (TEST_NODE_ARGS: tsx, and --liftoff-only for PGlite), with
// the spec reporter, for a browser journey's own process.
const NODE_TEST_ARGS = [...TEST_NODE_ARGS, '--test-reporter=spec'];

const files = listTestFiles(root);
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const startedAll = process.hrtime.bigint();
const since = () => Number(process.hrtime.bigint() - startedAll) / 1e9;

/** Per part: { files, failed: [], tests, pass, fail, skipped, seconds, status?, note? }. */
const parts = new Map();
function partOf(key) {
  let part = parts.get(key);
  if (!part) {
    part = { files: 0, failed: [], tests: 0, pass: 0, fail: 0, skipped: 0, seconds: 0, first: Infinity, last: 0 };
    parts.set(key, part);
  }
  return part;
}
function notRun(key, note, failed) {
  const part = partOf(key);
  part.status = failed ? 'FAIL' : 'not run';
  part.note = note;
}

/** The process groups still running, stopped whole (Chromium, a spawned portal) on a timeout or ^C. */
const running = new Set();
const killGroup = (child) => {
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
};
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) killGroup(child);
    process.exit(130);
  });
}

/** Runs one process in its own process group; resolves with its result, output and seconds. */
function runProcess(command, args, env, timeoutMs) {
  const started = since();
  const child = spawn(command, args, {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
  running.add(child);
  const output = [];
  child.stdout.on('data', (chunk) => output.push(chunk));
  child.stderr.on('data', (chunk) => output.push(chunk));
  const deadline = stopAfter(child, timeoutMs);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      const stopped = deadline.end();
      running.delete(child);
      let text = Buffer.concat(output).toString() + stopped;
      if (!stopped && signal) text += `\n(killed by ${signal})\n`;
      resolve({ ok: code === 0 && !stopped, text, started, seconds: since() - started });
    });
  });
}

/**
 * Stops `child`'s process group once `timeoutMs` have passed (never when 0 or undefined). `end()`
 * clears the timer and returns the note for the output when it fired, '' otherwise.
 */
function stopAfter(child, timeoutMs) {
  let fired = false;
  const timer = timeoutMs
    ? setTimeout(() => {
        fired = true;
        killGroup(child);
      }, timeoutMs)
    : undefined;
  return {
    end() {
      clearTimeout(timer);
      return fired ? `\n(stopped after ${timeoutMs / 1000} s)\n` : '';
    },
  };
}

/**
 * The failing tests a spec report names ("✖ name (12ms)" lines, each once), for the summary: the
 * end of a long run's output then says which tests failed, not only which files.
 */
function failingTests(text) {
  const names = [...new Set(text.match(/^✖ .*$/gm) ?? [])]
    .filter((line) => line !== '✖ failing tests:')
    .map((line) => line.slice(2).replace(/ \([\d.]+m?s\)$/, ''));
  // The spec reporter's "failing tests" section gives each test's error under its name: the
  // first line of it says what failed (an assertion's message, a hook's error), as CI keeps
  // only the end of the output.
  const reasons = new Map();
  const section = text.slice(text.lastIndexOf('✖ failing tests:'));
  let current;
  for (const line of section.split('\n').slice(1)) {
    if (line.startsWith('✖ ')) current = line.slice(2).replace(/ \([\d.]+m?s\)$/, '');
    else if (current && !reasons.has(current) && line.trim() !== '' && !line.startsWith('test at '))
      reasons.set(current, line.trim().slice(0, 240));
  }
  const shown = names
    .slice(0, 5)
    .map((name) => (reasons.has(name) ? `${name}\n              ${reasons.get(name)}` : name));
  return shown.length === 0 ? '' : `\n            ${shown.join('\n            ')}`;
}

/** The counts of the spec reporter's summary ("ℹ tests 12" …). */
function counts(text) {
  const read = (name) => {
    const match = new RegExp(`^ℹ ${name} (\\d+)$`, 'm').exec(text);
    return match ? Number(match[1]) : 0;
  };
  return { tests: read('tests'), pass: read('pass'), fail: read('fail'), skipped: read('skipped') };
}

function record(key, label, result, { testFile = false } = {}) {
  const part = partOf(key);
  part.files += 1;
  part.seconds += result.seconds;
  part.first = Math.min(part.first, result.started);
  part.last = Math.max(part.last, result.started + result.seconds);
  let ok = result.ok;
  let note = '';
  if (testFile) {
    const c = counts(result.text);
    part.tests += c.tests;
    part.pass += c.pass;
    part.fail += c.fail;
    part.skipped += c.skipped;
    if (ok && c.tests === 0) {
      ok = false;
      note = ' (no test ran)';
    }
  }
  if (!ok) part.failed.push(testFile ? `${label}${failingTests(result.text)}` : label);
  process.stdout.write(
    `\n=== ${ok ? 'ok' : 'FAIL'}  ${LABELS[key]}: ${label}${note} (${result.seconds.toFixed(1)} s)\n${result.text}`,
  );
}

// The template databases, prepared once per kind by a process that removes them at the end.
const templates = new Map();
function templatesFor(kind) {
  let entry = templates.get(kind);
  if (entry) return entry.env;
  const child = spawn(nodeBin, [...TEST_NODE_ARGS, 'scripts/test-templates.ts', kind], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: process.env,
  });
  const env = new Promise((resolve, reject) => {
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      text += chunk;
      const line = text.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child.on('exit', (code) => reject(new Error(`the ${kind} templates could not be prepared (exit ${code})`)));
  });
  env.catch(() => undefined);
  entry = { child, env, closed: new Promise((resolve) => child.on('close', resolve)) };
  templates.set(kind, entry);
  return env;
}

/**
 * The unit and database test files run in long-lived workers (scripts/test-worker.mjs), one file at
 * a time each: Node.js, tsx, the portal's modules and PGlite are loaded once per worker, not once
 * per file. A lane takes an idle worker of the file's part (each part has its own environment), or
 * starts one. A worker that failed a file, that a file left above WORKER_MAX_RSS, or that was
 * stopped is not reused. The browser journeys keep a process each.
 */
const WORKER_PARTS = new Set(['unit', 'pglite', 'postgres']);
const WORKER_MAX_RSS = 1536 * 1024 * 1024;
const idleWorkers = new Map();
const workers = new Set();

function startWorker(env) {
  const worker = startTestWorker({ nodeBin, root, env });
  running.add(worker.child);
  workers.add(worker);
  void worker.closed.then(() => {
    running.delete(worker.child);
    workers.delete(worker);
  });
  return worker;
}

/** Runs one test file in an idle worker of `key` (or a new one); resolves like runProcess. */
async function runInWorker(key, env, file) {
  const idle = idleWorkers.get(key) ?? [];
  idleWorkers.set(key, idle);
  const worker = idle.pop() ?? startWorker(env);
  const started = since();
  const outcome = worker.run(file);
  const deadline = stopAfter(worker.child, FILE_TIMEOUT_MS);
  const result = await outcome;
  const stopped = deadline.end();
  const ok = result.ok && !stopped;
  if (ok && result.rss < WORKER_MAX_RSS) idle.push(worker);
  else await worker.stop();
  return { ok, text: result.text + stopped, started, seconds: since() - started };
}

/** The queue: { key, label, expected, run(): Promise<void> }. */
const jobs = [];
function testJob(key, file, envFor) {
  jobs.push({
    key,
    label: file,
    expected: expected(key, file),
    async run() {
      let env;
      try {
        env = await envFor();
      } catch (error) {
        record(key, file, { ok: false, text: `${error.message}\n`, started: since(), seconds: 0 });
        return;
      }
      const result = WORKER_PARTS.has(key)
        ? await runInWorker(key, env, file)
        : await runProcess(nodeBin, [...NODE_TEST_ARGS, file], env, FILE_TIMEOUT_MS);
      record(key, file, result, { testFile: true });
    },
  });
}

if (wants('static')) {
  const check = (key, command, args) => async () => record(key, command, await runProcess(bin(command), args, {}));
  jobs.push({
    key: 'eslint',
    label: 'eslint',
    expected: 40,
    run: check('eslint', 'eslint', ['--max-warnings', '0', '.']),
  });
  const typecheck = check('typecheck', 'tsc', ['--noEmit']);
  const depcruise = check('depcruise', 'depcruise', [
    'src',
    'dev',
    'scripts',
    'test',
    'bin',
    'eslint',
    '--config',
    '.dependency-cruiser.cjs',
  ]);
  const prettier = check('prettier', 'prettier', ['--check', '.', '--log-level', 'warn']);
  jobs.push({
    key: 'typecheck',
    label: 'tsc, then depcruise and prettier',
    expected: 35,
    async run() {
      await typecheck();
      await depcruise();
      await prettier();
    },
  });
}
if (wants('unit')) {
  if (files.unit.length === 0) notRun('unit', 'no test files found (scripts/test-files.mjs)', true);
  for (const file of files.unit) testJob('unit', file, async () => ({}));
}
if (wants('database')) {
  if (files.database.length === 0) notRun('pglite', 'no test files found (scripts/test-files.mjs)', true);
  for (const file of files.database)
    testJob('pglite', file, async () => ({ MG_TEST_DB: 'pglite', ...(await templatesFor('pglite')) }));
  if (process.env.DATABASE_URL) {
    for (const file of files.database)
      testJob('postgres', file, async () => ({ MG_TEST_DB: 'postgres', ...(await templatesFor('postgres')) }));
  } else {
    notRun('postgres', 'DATABASE_URL is not set: the database tests ran on PGlite only');
  }
}
if (wants('browser')) {
  if (existsSync(chromium)) {
    for (const file of files.browser)
      testJob('browser', file, async () => ({
        MG_TEST_DB: 'pglite',
        CHROMIUM_PATH: chromium,
        ...(await templatesFor('pglite')),
      }));
  } else {
    notRun(
      'browser',
      `no Chromium at ${chromium} (apt-get install -y chromium)${ci ? ', required under CI=true' : ''}`,
      ci,
    );
  }
}

// Longest expected first (ties: static checks, then the order above).
const queue = jobs
  .map((job, index) => ({ job, index }))
  .sort((a, b) => b.job.expected - a.job.expected || a.index - b.index);
process.stdout.write(`npm test: ${jobs.length} jobs, ${lanes} at a time\n`);
await Promise.all(
  Array.from({ length: lanes }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) await next.job.run();
  }),
);
await Promise.all([...workers].map((worker) => worker.stop()));
for (const { child, closed } of templates.values()) {
  child.stdin.end();
  await closed;
}

process.stdout.write('\n=== summary (seconds of lane time / budget; wall: from start to end of the part)\n');
let failed = 0;
for (const key of Object.keys(BUDGETS)) {
  const part = parts.get(key);
  if (!part) continue;
  if (part.status) {
    if (part.status === 'FAIL') failed += 1;
    process.stdout.write(`${part.status.padEnd(7)} ${LABELS[key]} (${part.note})\n`);
    continue;
  }
  const status = part.failed.length === 0 ? 'ok' : 'FAIL';
  if (status === 'FAIL') failed += 1;
  const over = part.seconds > BUDGETS[key] ? '  OVER BUDGET' : '';
  const tests = part.tests ? `, ${part.pass} passed, ${part.fail} failed, ${part.skipped} skipped` : '';
  const wall = part.last - part.first;
  process.stdout.write(
    `${status.padEnd(7)} ${LABELS[key]} (${part.files} ${part.tests ? 'files' : 'runs'}${tests}): ` +
      `${part.seconds.toFixed(1)} / ${BUDGETS[key]} s, wall ${wall.toFixed(1)} s${over}\n`,
  );
  for (const label of part.failed) process.stdout.write(`          failed: ${label}\n`);
}
process.stdout.write(`total   ${since().toFixed(1)} s from start to end, ${lanes} lanes\n`);
process.exit(failed === 0 ? 0 : 1);
