#!/usr/bin/env node
// `npm test`: type-check, lint, the integration tests on PGlite (and again on PostgreSQL when
// DATABASE_URL is set), then the browser journeys when Chromium is installed.
// `npm test -- integration` or `npm test -- browser` runs one part. Exits non-zero if any part
// fails, or, under CI=true, if the browser journeys could not run.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const only = process.argv[2];
const results = [];

function run(label, command, args, env = {}) {
  process.stdout.write(`\n=== ${label}\n`);
  const started = Date.now();
  const child = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = child.status === 0;
  results.push({ label, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

// The pinned Node 24 (the `node` devDependency), whatever Node started this script.
const nodeBin = existsSync(bin('node')) ? bin('node') : process.execPath;

const nodeTest = (files, env, extra = []) => [
  nodeBin,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-global-setup=test/global-setup.mjs',
    ...extra,
    ...files,
  ],
  env,
];

const integrationFiles = ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts', 'dev/**/*.test.ts'];
const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
let browserMissing = false;

if (!only) {
  run('type-check (tsc --noEmit)', bin('tsc'), ['--noEmit']);
  run('lint (eslint)', bin('eslint'), ['--max-warnings', '0', '.']);
  run('dependency graph (depcruise: no cycles)', bin('depcruise'), [
    'src',
    'dev',
    'scripts',
    'test',
    'bin',
    'eslint',
    '--config',
    '.dependency-cruiser.cjs',
  ]);
  run('format (prettier --check)', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
}
if (!only || only === 'integration') {
  run('integration tests on PGlite', ...nodeTest(integrationFiles, { MG_TEST_DB: 'pglite' }));
  if (process.env.DATABASE_URL) {
    run('integration tests on PostgreSQL (DATABASE_URL)', ...nodeTest(integrationFiles, { MG_TEST_DB: 'postgres' }));
  } else {
    process.stdout.write('\nDATABASE_URL is not set: the integration tests ran on PGlite only.\n');
  }
}
if (!only || only === 'browser') {
  if (existsSync(chromium)) {
    run(
      'browser journeys (Playwright on Chromium)',
      ...nodeTest(['test/e2e/**/*.e2e.ts'], { MG_TEST_DB: 'pglite', CHROMIUM_PATH: chromium }, [
        '--test-concurrency=1',
      ]),
    );
  } else {
    browserMissing = true;
    process.stdout.write(`\nBrowser journeys not run: no Chromium at ${chromium} (apt-get install -y chromium).\n`);
  }
}

process.stdout.write('\n=== summary\n');
for (const r of results) process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'}  ${r.label} (${r.seconds} s)\n`);
if (browserMissing)
  process.stdout.write(`${process.env.CI === 'true' ? 'FAIL' : 'skip'}  browser journeys (no Chromium)\n`);
const failed = results.filter((r) => !r.ok).length + (browserMissing && process.env.CI === 'true' ? 1 : 0);
process.exit(failed === 0 ? 0 : 1);
