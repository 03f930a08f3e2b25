/**
 * The canteen's operator commands run for real (`node bin/monguichet.js …` as child processes):
 * through a portal started by the test when it holds the embedded database, on the data directory
 * itself once the portal has stopped, and straight on PostgreSQL while the portal runs on it.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createTestDatabase, testDatabaseKind, writeSeededDataDir } from './helpers/database.ts';
import { freePort } from './helpers/smtp.ts';
import { TEST_NODE_ARGS } from '../scripts/test-worker-client.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binDir = path.join(root, 'node_modules', '.bin');
const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const env = (extra: Record<string, string>) => ({
  PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`,
  LOG_LEVEL: 'warn',
  ...extra,
});

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The CLI as an operator runs it (`--liftoff-only`, as every test process: scripts/run-tests.mjs). */
async function cli(args: readonly string[], extraEnv: Record<string, string>): Promise<CliResult> {
  const child = spawn(path.join(binDir, 'node'), ['--liftoff-only', 'bin/monguichet.js', ...args], {
    cwd: root,
    env: env(extraEnv),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

async function startPortal(
  dataDir: string,
  extraEnv: Record<string, string> = {},
): Promise<{ child: ChildProcess; output: () => string; port: number }> {
  const [port, mconnectPort, pspPort] = [await freePort(), await freePort(), await freePort()];
  // Node itself (not the tsx wrapper), so the child's pid is the portal's.
  const child = spawn(path.join(binDir, 'node'), [...TEST_NODE_ARGS, 'src/server.ts'], {
    cwd: root,
    env: env({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      MCONNECT_DEV_PORT: String(mconnectPort),
      PSP_SANDBOX_PORT: String(pspPort),
      DATA_DIR: dataDir,
      ...extraEnv,
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = once(child, 'exit');
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  // On PGlite the portal is ready once it announces its operator endpoint; on PostgreSQL, which the
  // CLI reaches by itself, once it answers.
  const ready = extraEnv.DATABASE_URL
    ? async () => (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok === true
    : async () => (await readFile(path.join(dataDir, 'operator.json'), 'utf8').catch(() => '')).includes('"token"');
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) assert.fail(`the portal exited:\n${output}`);
    if (await ready()) return { child, output: () => output, port };
    await sleep(250);
  }
  assert.fail(`the portal did not become ready:\n${output}`);
}

async function writeCsv(dir: string, name: string, text: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return file;
}

const ROLL =
  'pupil_ref;last_name;first_name;birth_date;class;guardian1_email;guardian1_role;guardian2_email;guardian2_role\n' +
  'FV-1;Rossi;Léa;14/03/2018;CE2;giulia.rossi@example.mc;payer;;\n' +
  'FV-2;Bianchi;Marco;2017-11-02;CM1;anna.bianchi@example.mc;payer;paolo.bianchi@example.mc;payer\n';
const MEALS = 'pupil_ref;date;quantity\nFV-1;2026-10-01;1\nFV-1;2026-10-02;1\nFV-2;2026-10-01;1\n';

/** `roll codes`: the pupils still on the roll, by class then name, each with a code to print. */
async function assertCodes(result: CliResult): Promise<void> {
  assert.equal(result.code, 0, result.stderr);
  const lines = result.stdout.trimEnd().split(/\r?\n/);
  assert.equal(lines[0], 'pupil_ref;last_name;first_name;class;school_year;link_code');
  assert.equal(lines.length, 3);
  assert.match(lines[1] ?? '', /^FV-1;Rossi;Léa;CE2;2026-2027;[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  assert.match(lines[2] ?? '', /^FV-2;Bianchi;Marco;CM1;2026-2027;[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  assert.notEqual(lines[1]?.slice(-9), lines[2]?.slice(-9));
}

/** The tests that do not use the run's database run once, with the PGlite tests. */
const ONCE = { skip: testDatabaseKind() === 'postgres' ? 'runs once, with the PGlite database tests' : false };

test(
  'with the portal running on PGlite the CLI goes through it, and opens the directory itself once it stops',
  ONCE,
  async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mg-canteen-cli-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'data');
    // A directory the portal has already started on (its first start is server.test.ts's subject).
    await writeSeededDataDir(dataDir);
    const portal = await startPortal(dataDir);
    const claimFile = path.join(dataDir, 'operator.json');
    assert.equal((await stat(claimFile)).mode & 0o077, 0, 'the claim file is readable by its owner only');
    const claim = JSON.parse(await readFile(claimFile, 'utf8')) as { pid: number; port: number; token: string };
    assert.equal(claim.pid, portal.child.pid);

    // A forged token is refused.
    const forged = await fetch(`http://127.0.0.1:${claim.port}/command`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-the-token', 'content-type': 'application/json' },
      body: JSON.stringify({ argv: ['establishments', 'list'] }),
    });
    assert.equal(forged.status, 403);

    const run = (args: string[]) => cli(args, { DATA_DIR: dataDir });
    const list = await run(['establishments', 'list']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(
      list.stdout,
      /^ecole-de-fontvieille +École de Fontvieille +Restauration scolaire des écoles de Monaco$/m,
    );

    const roll = await run([
      'roll',
      'import',
      '--establishment',
      'ecole-de-fontvieille',
      '--year',
      '2026-2027',
      await writeCsv(dir, 'roll.csv', ROLL),
    ]);
    assert.equal(roll.code, 0, roll.stderr);
    assert.match(roll.stdout, /2 élève\(s\) ajouté\(s\) \(FV-1, FV-2\)/);
    await assertCodes(await run(['roll', 'codes', '--establishment', 'ecole-de-fontvieille']));

    const badMeals = await run([
      'meals',
      'import',
      '--establishment',
      'ecole-de-fontvieille',
      await writeCsv(dir, 'bad.csv', 'pupil_ref;date;quantity\nFV-1;2026-10-03;1\nFV-9;2026-10-05;4\n'),
    ]);
    assert.equal(badMeals.code, 1);
    assert.match(badMeals.stderr, /rien n’a été écrit/);
    assert.match(badMeals.stderr, /ligne 2, date : le 2026-10-03 est un samedi ou un dimanche/);
    assert.match(badMeals.stderr, /ligne 3, pupil_ref : élève « FV-9 » inconnu/);
    assert.match(badMeals.stderr, /ligne 3, quantity : « 4 »/);

    const tariff = await run([
      'tariff',
      'set',
      '--establishment',
      'ecole-de-fontvieille',
      '--from',
      '2026-09-01',
      '--price',
      '5.57',
    ]);
    assert.equal(tariff.code, 0, tariff.stderr);
    const meals = await run([
      'meals',
      'import',
      '--establishment',
      'ecole-de-fontvieille',
      await writeCsv(dir, 'meals.csv', MEALS),
    ]);
    assert.equal(meals.code, 0, meals.stderr);
    assert.match(meals.stdout, /3 ligne\(s\) importée\(s\)/);
    const generate = await run([
      'invoices',
      'generate',
      '--establishment',
      'ecole-de-fontvieille',
      '--month',
      '2026-10',
    ]);
    assert.equal(generate.code, 0, generate.stderr);
    assert.match(generate.stdout, /3 brouillon\(s\) de facture pour ecole-de-fontvieille, 2026-10 : 16.71 € au total/);
    const publish = await run(['invoices', 'publish', '--establishment', 'ecole-de-fontvieille', '--month', '2026-10']);
    assert.equal(publish.code, 0, publish.stderr);
    assert.match(publish.stdout, /3 facture\(s\) publiée\(s\)/);
    // Shared custody: 5,57 € at 50/50 is 2,79 € and 2,78 €.
    assert.match(publish.stdout, /2.79 € .*anna.bianchi@example.mc/);
    assert.match(publish.stdout, /2.78 € .*paolo.bianchi@example.mc/);
    // The payment reference carries the invoice's number; the three numbers follow each other.
    assert.match(publish.stdout, /RSP-\d{4}-(\d{6}) +11.14 € +RF\d{2}RSP\d{4}\1 +giulia.rossi@example.mc/);
    const numbers = [...publish.stdout.matchAll(/RSP-\d{4}-(\d{6})/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
    assert.deepEqual(numbers, [numbers[0]!, numbers[0]! + 1, numbers[0]! + 2]);

    const unknown = await run(['invoices', 'publish', '--establishment', 'ecole-inconnue', '--month', '2026-10']);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /aucun établissement n’a le code « ecole-inconnue »/);

    portal.child.kill('SIGTERM');
    await once(portal.child, 'exit');
    const again = await run(['invoices', 'publish', '--establishment', 'ecole-de-fontvieille', '--month', '2026-10']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(
      again.stdout,
      /Rien de nouveau à publier pour ecole-de-fontvieille, 2026-10 : 3 facture\(s\) déjà publiée\(s\)/,
    );
  },
);

test('every canteen command has --help and exits 0 with it; an unknown option exits non-zero', ONCE, async () => {
  const help = await cli(['invoices', 'generate', '--help'], {});
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: monguichet invoices generate --establishment CODE --month AAAA-MM/);
  const wrong = await cli(['tariff', 'set', '--prix', '5'], {});
  assert.notEqual(wrong.code, 0);
  assert.match(wrong.stderr, /Unknown option '--prix'/);
});

test(
  'on PostgreSQL the CLI simply connects, while the portal runs on the same database and sends the bills’ e-mails',
  { skip: testDatabaseKind() !== 'postgres' },
  async () => {
    const database = await createTestDatabase({ seed: true });
    cleanups.push(() => database.close());
    assert.equal(database.access.kind, 'postgres');
    if (database.access.kind !== 'postgres') return;
    const url = database.access.url;
    const dir = await mkdtemp(path.join(tmpdir(), 'mg-canteen-cli-pg-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const portal = await startPortal(path.join(dir, 'data'), { DATABASE_URL: url });
    const run = (args: string[]) => cli(args, { DATABASE_URL: url });

    const list = await run(['establishments', 'list']);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^lycee-albert-ier +Lycée Albert Ier +Restauration des collèges et lycées de Monaco$/m);
    const school = ['--establishment', 'ecole-de-fontvieille'];
    const roll = await run(['roll', 'import', ...school, '--year', '2026-2027', await writeCsv(dir, 'roll.csv', ROLL)]);
    assert.equal(roll.code, 0, roll.stderr);
    await assertCodes(await run(['roll', 'codes', ...school]));
    // No codes for a school that does not exist, nor without saying which school.
    const unknownSchool = await run(['roll', 'codes', '--establishment', 'ecole-inconnue']);
    assert.equal(unknownSchool.code, 1);
    assert.match(unknownSchool.stderr, /aucun établissement n’a le code « ecole-inconnue »/);
    assert.equal(unknownSchool.stdout, '');
    const noSchool = await run(['roll', 'codes']);
    assert.notEqual(noSchool.code, 0);
    assert.match(noSchool.stderr, /--establishment/);
    assert.equal(noSchool.stdout, '');
    for (const args of [
      ['tariff', 'set', ...school, '--from', '2026-09-01', '--price', '5.57'],
      ['meals', 'import', ...school, await writeCsv(dir, 'meals.csv', MEALS)],
      ['invoices', 'generate', ...school, '--month', '2026-10'],
    ]) {
      const result = await run(args);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
    }
    const publish = await run(['invoices', 'publish', ...school, '--month', '2026-10']);
    assert.equal(publish.code, 0, publish.stderr);
    assert.match(publish.stdout, /3 facture\(s\) publiée\(s\)/);
    assert.match(publish.stdout, /giulia\.rossi@example\.mc \(sans compte : e-mail d’invitation\)/);

    // The running portal's mail worker delivers what the CLI queued to its development mailbox.
    let mailbox = '';
    for (let i = 0; i < 120 && (mailbox.match(/Votre facture de cantine est disponible/g) ?? []).length < 3; i++) {
      await sleep(250);
      mailbox = await (await fetch(`http://127.0.0.1:${portal.port}/dev/mailbox`)).text();
    }
    assert.equal((mailbox.match(/Votre facture de cantine est disponible/g) ?? []).length, 3, portal.output());
    for (const to of ['giulia.rossi@example.mc', 'anna.bianchi@example.mc', 'paolo.bianchi@example.mc']) {
      assert.ok(mailbox.includes(to), `the mailbox lists the e-mail to ${to}`);
    }
  },
);
