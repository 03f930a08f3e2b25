/**
 * The operator's command line, run for real (`node bin/monguichet.js …`) in a clean environment:
 * what it prints and the exit code it returns.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { connectDatabase } from '../src/db/connect.ts';
import { MIGRATIONS_DIR } from '../src/db/migrator.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binDir = path.join(root, 'node_modules', '.bin');

const temporaryDirs: string[] = [];
after(async () => {
  for (const dir of temporaryDirs) await rm(dir, { recursive: true, force: true });
});

interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI with only PATH (Node 24 first) and the given variables: nothing leaks from this process. */
function cli(args: readonly string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(path.join(binDir, 'node'), ['--liftoff-only', 'bin/monguichet.js', ...args], {
    cwd: root,
    env: { PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

async function migrationNames(): Promise<string[]> {
  const files = await readdir(MIGRATIONS_DIR);
  return files
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.replace(/\.(ts|js)$/, ''))
    .sort();
}

test('help prints every command and exits 0', () => {
  const { status, stdout } = cli(['help']);
  assert.equal(status, 0);
  assert.match(stdout, /^Usage: monguichet <command>/);
  assert.match(stdout, /^ {2}migrate +Apply every pending database migration/m);
  assert.match(stdout, /^ {2}purge +Delete now the personal data whose lifetime ended/m);
  assert.match(stdout, /^ {2}help +Show this help/m);
});

test('with no command it prints the usage and exits non-zero', () => {
  const { status, stdout } = cli([]);
  assert.notEqual(status, 0);
  assert.match(stdout, /^Usage: monguichet <command>/);
  assert.match(stdout, /migrate/);
});

test('an unknown command exits non-zero and names the command', () => {
  const { status, stderr } = cli(['frobnicate']);
  assert.notEqual(status, 0);
  assert.match(stderr, /Unknown command "frobnicate"/);
  assert.match(stderr, /Usage: monguichet <command>/);
});

/** The embedded database the migrate test creates; the purge test goes on with it (no second initdb). */
let migratedDataDir: string | undefined;

test('migrate applies every migration to a new embedded database, then says it is up to date', async () => {
  const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'mg-cli-')), 'data');
  temporaryDirs.push(path.dirname(dataDir));

  const first = cli(['migrate'], { DATA_DIR: dataDir });
  assert.equal(first.status, 0, first.stderr);
  const names = await migrationNames();
  assert.ok(names.length > 0);
  assert.match(first.stdout, new RegExp(`^Applied ${names.length} migration\\(s\\):`));
  for (const name of names) assert.match(first.stdout, new RegExp(`^ {2}${name}$`, 'm'));

  const second = cli(['migrate'], { DATA_DIR: dataDir });
  assert.equal(second.status, 0, second.stderr);
  assert.equal(second.stdout, 'The database is up to date.\n');
  migratedDataDir = dataDir;
});

test('purge deletes the expired personal data once and says how many rows of each kind', async () => {
  const dataDir = migratedDataDir;
  assert.ok(dataDir, 'the migrate test left a migrated database');
  const database = await connectDatabase({ kind: 'pglite', dataDir });
  try {
    await database.db
      .insertInto('mconnect_pending')
      .values({
        id_hash: 'expired-pending',
        issuer: 'http://localhost:3001',
        subject: 'pairwise-subject',
        acr: 'eidas2',
        id_token: 'header.payload.signature',
        claims: JSON.stringify({ given_name: 'Marco', birthdate: '1980-01-01' }),
        expires_at: new Date(Date.now() - 60_000),
      })
      .execute();
  } finally {
    await database.close();
  }

  const result = cli(['purge'], { DATA_DIR: dataDir });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^Deleted 1 expired row\(s\):/);
  assert.match(result.stdout, /^ {2}mconnectPending: 1$/m);
  assert.match(result.stdout, /^ {2}sessions: 0$/m);
  assert.equal(cli(['purge'], { DATA_DIR: dataDir }).stdout.split('\n')[0], 'Deleted 0 expired row(s):');
});

test('migrate against an unreachable PostgreSQL exits non-zero with a one-line reason, not a stack trace', () => {
  const { status, stdout, stderr } = cli(['migrate'], { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing' });
  assert.notEqual(status, 0);
  assert.equal(stdout, '');
  assert.match(stderr, /^monguichet migrate failed: \S.*ECONNREFUSED/);
  assert.doesNotMatch(stderr, /^\s+at /m);
});

test('in production without its secrets, migrate exits non-zero and names DATABASE_URL, SESSION_SECRET, PUBLIC_URL and SMTP_URL', () => {
  const { status, stderr } = cli(['migrate'], { NODE_ENV: 'production' });
  assert.notEqual(status, 0);
  assert.match(stderr, /^monguichet migrate failed: Invalid configuration/);
  for (const variable of ['DATABASE_URL', 'SESSION_SECRET', 'PUBLIC_URL', 'SMTP_URL']) {
    assert.match(stderr, new RegExp(`^ {2}- ${variable} is required in production`, 'm'));
  }
  assert.doesNotMatch(stderr, /^\s+at /m);
});
