/**
 * The template databases of one `npm test` run, for one kind of database (argument `pglite` or
 * `postgres`): prepares them (test/global-setup.impl.ts), prints the environment the test files
 * need as one JSON line, then waits for its standard input to close and removes them.
 * Started by scripts/run-tests.mjs, once per kind.
 */
import { globalSetup, globalTeardown } from '../test/global-setup.impl.ts';

const kind = process.argv[2];
if (kind !== 'pglite' && kind !== 'postgres') {
  process.stderr.write('usage: test-templates.ts pglite|postgres\n');
  process.exit(2);
}
process.env.MG_TEST_DB = kind;
await globalSetup();
const names = [
  'MG_TEST_RUN_ID',
  'MG_TEST_PGLITE_TEMPLATE',
  'MG_TEST_PGLITE_SEEDED',
  'MG_TEST_PG_TEMPLATE',
  'MG_TEST_PG_SEEDED',
] as const;
const env = Object.fromEntries(names.flatMap((name) => (process.env[name] ? [[name, process.env[name]]] : [])));
process.stdout.write(`${JSON.stringify(env)}\n`);
process.stdin.resume();
await new Promise<void>((resolve) => process.stdin.on('close', resolve).on('end', resolve));
await globalTeardown();
process.exit(0);
