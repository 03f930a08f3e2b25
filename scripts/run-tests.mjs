#!/usr/bin/env node
// `npm test`: every part once: the type-check and the lint (eslint beside tsc, depcruise, prettier
// --check), the database-free tests, the database tests on PGlite, then, side by side, the database
// tests on PostgreSQL (when DATABASE_URL is set) and the browser journeys. Test files are sorted by scripts/test-files.mjs (a file that imports
// the test app or database helper is a database test). Prints each part's time against its budget.
// `npm test -- static|unit|integration|database|browser` runs one group (integration = unit +
// database). Exits non-zero if any part fails, or, under CI=true, if the browser journeys could not
// run. A part that did not run is never reported as passed.
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { listTestFiles } from './test-files.mjs';

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

/**
 * Seconds each part should stay within on a 2-core machine (measured there, with headroom): a part
 * over budget is flagged, not failed. Keep the sum under six minutes (see CONTRIBUTING.md).
 */
const BUDGETS = {
  typecheck: 25,
  eslint: 40,
  depcruise: 5,
  prettier: 8,
  unit: 50,
  pglite: 85,
  postgres: 65,
  browser: 80,
};

/** { key, label, status: 'ok' | 'FAIL' | 'not run', seconds?, note? } */
const results = [];

/**
 * Runs one part. Alone, its output goes straight to the terminal; beside another part
 * (`together`), it is kept and printed whole once the part ends, so two parts never interleave.
 */
function run(key, label, command, args, env = {}, { together = false } = {}) {
  if (!together) process.stdout.write(`\n=== ${label}\n`);
  const started = process.hrtime.bigint();
  const child = spawn(command, args, {
    cwd: root,
    stdio: together ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, ...env },
  });
  const output = [];
  child.stdout?.on('data', (chunk) => output.push(chunk));
  child.stderr?.on('data', (chunk) => output.push(chunk));
  return new Promise((resolve) => {
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (together)
        process.stdout.write(`\n=== ${label} (ran beside another part)\n${Buffer.concat(output).toString()}`);
      const ok = code === 0;
      results.push({ key, label, status: ok ? 'ok' : 'FAIL', seconds });
      resolve(ok);
    });
  });
}

function notRun(key, label, note, failed) {
  process.stdout.write(`\n=== ${label}: not run, ${note}\n`);
  results.push({ key, label, status: failed ? 'FAIL' : 'not run', note });
}

// The pinned Node 24 (the `node` devDependency), whatever Node started this script.
const nodeBin = existsSync(bin('node')) ? bin('node') : process.execPath;

function nodeTest(key, label, files, { env = {}, concurrency = 2, globalSetup = true, together = false } = {}) {
  if (files.length === 0) return notRun(key, label, 'no test files found (scripts/test-files.mjs)', true);
  // --liftoff-only: V8 compiles PGlite's WebAssembly with its baseline compiler only. A test process
  // is short: the optimising compiler's background work on PGlite (about 1.5 s of CPU per process,
  // waited for at exit) never paid for itself (CONTRIBUTING.md, "Keeping CI under six minutes").
  const args = ['--liftoff-only', '--import', 'tsx', '--test', `--test-concurrency=${concurrency}`];
  if (globalSetup) args.push('--test-global-setup=test/global-setup.mjs');
  return run(key, label, nodeBin, [...args, ...files], env, { together });
}

const files = listTestFiles(root);
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const startedAll = process.hrtime.bigint();

if (wants('static')) {
  // eslint and tsc each keep one core busy: two lanes side by side.
  await Promise.all([
    run('eslint', 'lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.'], {}, { together: true }),
    (async () => {
      await run('typecheck', 'type-check (tsc --noEmit)', bin('tsc'), ['--noEmit'], {}, { together: true });
      await run(
        'depcruise',
        'dependency graph (depcruise: no cycles)',
        bin('depcruise'),
        ['src', 'dev', 'scripts', 'test', 'bin', 'eslint', '--config', '.dependency-cruiser.cjs'],
        {},
        { together: true },
      );
      await run(
        'prettier',
        'format (prettier --check)',
        bin('prettier'),
        ['--check', '.', '--log-level', 'warn'],
        {},
        {
          together: true,
        },
      );
    })(),
  ]);
}
if (wants('unit')) {
  await nodeTest('unit', `database-free tests (${files.unit.length} files)`, files.unit, { globalSetup: false });
}
if (wants('database')) {
  await nodeTest('pglite', `database tests on PGlite (${files.database.length} files)`, files.database, {
    env: { MG_TEST_DB: 'pglite' },
  });
}
const withPostgres = wants('database') && Boolean(process.env.DATABASE_URL);
const withBrowser = wants('browser') && existsSync(chromium);
// The PostgreSQL tests wait on the server, the journeys on Chromium: each leaves a core idle, so
// when both run they run side by side.
const together = withPostgres && withBrowser;
await Promise.all([
  withPostgres
    ? nodeTest(
        'postgres',
        `database tests on PostgreSQL (DATABASE_URL, ${files.database.length} files)`,
        files.database,
        {
          env: { MG_TEST_DB: 'postgres' },
          together,
        },
      )
    : undefined,
  withBrowser
    ? nodeTest('browser', `browser journeys (Playwright on Chromium, ${files.browser.length} files)`, files.browser, {
        env: { MG_TEST_DB: 'pglite', CHROMIUM_PATH: chromium },
        together,
      })
    : undefined,
]);
if (wants('database') && !withPostgres) {
  notRun('postgres', 'database tests on PostgreSQL', 'DATABASE_URL is not set: the database tests ran on PGlite only');
}
if (wants('browser') && !withBrowser) {
  notRun(
    'browser',
    'browser journeys',
    `no Chromium at ${chromium} (apt-get install -y chromium)${ci ? ', required under CI=true' : ''}`,
    ci,
  );
}

process.stdout.write('\n=== summary (seconds: taken / budget)\n');
let total = 0;
const ORDER = Object.keys(BUDGETS);
results.sort((a, b) => ORDER.indexOf(a.key) - ORDER.indexOf(b.key));
for (const r of results) {
  const budget = BUDGETS[r.key];
  if (r.seconds === undefined) {
    process.stdout.write(`${r.status.padEnd(7)} ${r.label} (${r.note})\n`);
    continue;
  }
  total += r.seconds;
  const over = r.seconds > budget ? '  OVER BUDGET' : '';
  process.stdout.write(`${r.status.padEnd(7)} ${r.label}: ${r.seconds.toFixed(1)} / ${budget} s${over}\n`);
}
const totalBudget = results.reduce((sum, r) => sum + (r.seconds === undefined ? 0 : BUDGETS[r.key]), 0);
const wall = Number(process.hrtime.bigint() - startedAll) / 1e9;
process.stdout.write(
  `total   ${total.toFixed(1)} / ${totalBudget} s of parts; ${wall.toFixed(1)} s from start to end (some parts run side by side)\n`,
);
const failed = results.filter((r) => r.status === 'FAIL').length;
process.exit(failed === 0 ? 0 : 1);
