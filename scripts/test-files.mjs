// Which test files `npm test` runs, and how: a static scan of each file's imports.
// A file that imports the test app or test database helpers (test/helpers/app.ts,
// test/helpers/database.ts, test/helpers/paying-portal.ts, which starts the test app, or
// test/helpers/payments-bench.ts, which opens a test database) is a database test: it runs once per database
// (PGlite, and PostgreSQL when DATABASE_URL is set). Every other test file is database-free and
// runs once. New files are classified by what they import: no naming rule to remember.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** Where test files live, and how their names end. */
const TEST_ROOTS = ['src', 'test', 'dev'];
const TEST_FILE = /\.test\.tsx?$/;
const JOURNEY_FILE = /\.e2e\.ts$/;

/** An import (static or dynamic) of the test app or test database helper, from anywhere in the tree. */
const DATABASE_HELPER_IMPORT =
  /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](?:[^'"]*\/)?helpers\/(?:app|database|paying-portal|payments-bench)(?:\.ts)?['"]/;

function walk(dir, out) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

/** 'database' when the source imports the test app or database helper, else 'unit'. */
export function classifyTestSource(source) {
  return DATABASE_HELPER_IMPORT.test(source) ? 'database' : 'unit';
}

/**
 * Every test file under src/, test/ and dev/, relative to `root` and sorted: `unit` (database-free),
 * `database` (run on each database) and `browser` (test/e2e journeys).
 */
export function listTestFiles(root) {
  const files = TEST_ROOTS.flatMap((dir) => walk(path.join(root, dir), []))
    .map((file) => path.relative(root, file).split(path.sep).join('/'))
    .sort();
  const unit = [];
  const database = [];
  for (const file of files.filter((f) => TEST_FILE.test(f))) {
    const kind = classifyTestSource(readFileSync(path.join(root, file), 'utf8'));
    (kind === 'database' ? database : unit).push(file);
  }
  const browser = files.filter((f) => f.startsWith('test/e2e/') && JOURNEY_FILE.test(f));
  return { unit, database, browser };
}
