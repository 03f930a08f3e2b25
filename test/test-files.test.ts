/**
 * How `npm test` sorts test files (scripts/test-files.mjs): a file that imports the test app or
 * database helper runs once per database; every other one runs once; journeys are test/e2e/*.e2e.ts.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: a plain ES module of the test runner, without type declarations
import { classifyTestSource, listTestFiles } from '../scripts/test-files.mjs';

interface TestFiles {
  readonly unit: readonly string[];
  readonly database: readonly string[];
  readonly browser: readonly string[];
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const files = (listTestFiles as (root: string) => TestFiles)(root);
const classify = classifyTestSource as (source: string) => 'unit' | 'database';

test('files that build the test app or a test database are database tests', () => {
  for (const file of [
    'test/sessions.test.ts',
    'test/schema.test.ts',
    'test/security.test.ts',
    // Through the helper that starts the test app with the sandbox payment provider.
    'src/features/canteen/pay.routes.test.ts',
    'src/features/canteen/pay.lyra.test.ts',
    'src/features/canteen/certificate.routes.test.ts',
  ])
    assert.ok(files.database.includes(file), file);
});

test('files without a database are database-free, this one included, and none is in both lists', () => {
  for (const file of ['src/config.test.ts', 'src/i18n/i18n.test.ts', 'test/test-files.test.ts', 'test/cli.test.ts'])
    assert.ok(files.unit.includes(file), file);
  assert.deepEqual(
    files.unit.filter((file) => files.database.includes(file)),
    [],
  );
});

test('the browser journeys are the test/e2e files, and are in neither test list', () => {
  assert.ok(files.browser.length > 0);
  for (const file of files.browser) {
    assert.match(file, /^test\/e2e\/[^/]+\.e2e\.ts$/);
    assert.ok(!files.unit.includes(file) && !files.database.includes(file), file);
  }
});

test('an import of the app or database helper, static or dynamic, from any depth, makes a database test', () => {
  // Written in pieces, so that this file itself does not read as importing them.
  const helpers = 'helpers';
  assert.equal(classify(`import { buildTestApp } from '../../../test/${helpers}/app.ts';`), 'database');
  assert.equal(classify(`import { createTestDatabase } from './${helpers}/database.ts';`), 'database');
  assert.equal(classify(`const { buildTestApp } = await import('../test/${helpers}/app.ts');`), 'database');
  assert.equal(classify(`import { startPayingPortal } from '../../../test/${helpers}/paying-portal.ts';`), 'database');
  assert.equal(
    classify(`import { startPaymentsBench } from '../../../test/${helpers}/payments-bench.ts';`),
    'database',
  );
  assert.equal(classify(`import { parsePage } from '../../test/${helpers}/html.ts';`), 'unit');
  assert.equal(classify('// builds no app: helpers/app is not imported here'), 'unit');
});
