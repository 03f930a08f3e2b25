#!/usr/bin/env node
// `npm test`: every part once, in order: the type-check, the lint (eslint, prettier --check), the
// database-free tests, the database tests on PGlite and, when DATABASE_URL is set, on PostgreSQL,
// then the browser journeys. Test files are sorted by scripts/test-files.mjs (a file that imports
// the test app or database helper is a database test). Prints each part's time against its budget.
// `npm test -- static|unit|integration|database|browser` runs one group (integration = unit +
// database). Exits non-zero if any part fails, or, under CI=true, if the browser journeys could not
// run. A part that did not run is never reported as passed.
import { spawnSync } from 'node:child_process';
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

function run(key, label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label}\n`);
  const started = process.hrtime.bigint();
  const child = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const ok = child.status === 0;
  results.push({ key, label, status: ok ? 'ok' : 'FAIL', seconds });
  return ok;
}

function notRun(key, label, note, failed) {
  process.stdout.write(`\n=== ${label}: not run, ${note}\n`);
  results.push({ key, label, status: failed ? 'FAIL' : 'not run', note });
}

// The pinned Node 24 (the `node` devDependency), whatever Node started this script.
const nodeBin = existsSync(bin('node')) ? bin('node') : process.execPath;

function nodeTest(key, label, files, { env = {}, concurrency = 2, globalSetup = true } = {}) {
  if (files.length === 0) return notRun(key, label, 'no test files found (scripts/test-files.mjs)', true);
  const args = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`];
  if (globalSetup) args.push('--test-global-setup=test/global-setup.mjs');
  return run(key, label, nodeBin, [...args, ...files], env);
}

const files = listTestFiles(root);
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

if (wants('static')) {
  run('typecheck', 'type-check (tsc --noEmit)', bin('tsc'), ['--noEmit']);
  run('eslint', 'lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.']);
  run('depcruise', 'dependency graph (depcruise: no cycles)', bin('depcruise'), [
    'src',
    'dev',
    'scripts',
    'test',
    'bin',
    'eslint',
    '--config',
    '.dependency-cruiser.cjs',
  ]);
  run('prettier', 'format (prettier --check)', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
}
if (wants('unit')) {
  nodeTest('unit', `database-free tests (${files.unit.length} files)`, files.unit, { globalSetup: false });
}
if (wants('database')) {
  nodeTest('pglite', `database tests on PGlite (${files.database.length} files)`, files.database, {
    env: { MG_TEST_DB: 'pglite' },
  });
  if (process.env.DATABASE_URL) {
    nodeTest(
      'postgres',
      `database tests on PostgreSQL (DATABASE_URL, ${files.database.length} files)`,
      files.database,
      {
        env: { MG_TEST_DB: 'postgres' },
      },
    );
  } else {
    notRun(
      'postgres',
      'database tests on PostgreSQL',
      'DATABASE_URL is not set: the database tests ran on PGlite only',
    );
  }
}
if (wants('browser')) {
  if (existsSync(chromium)) {
    nodeTest('browser', `browser journeys (Playwright on Chromium, ${files.browser.length} files)`, files.browser, {
      env: { MG_TEST_DB: 'pglite', CHROMIUM_PATH: chromium },
      concurrency: 2,
    });
  } else {
    notRun(
      'browser',
      'browser journeys',
      `no Chromium at ${chromium} (apt-get install -y chromium)${ci ? ', required under CI=true' : ''}`,
      ci,
    );
  }
}

process.stdout.write('\n=== summary (seconds: taken / budget)\n');
let total = 0;
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
process.stdout.write(`total   ${total.toFixed(1)} / ${totalBudget} s\n`);
const failed = results.filter((r) => r.status === 'FAIL').length;
process.exit(failed === 0 ? 0 : 1);
