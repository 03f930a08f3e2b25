/**
 * `npm run bench`: the anonymous pages of the real portal (PostgreSQL mode, NODE_ENV=production),
 * the signed-in pages ("Mes démarches", and a parent's "Mes enfants" and "Mes factures") and the
 * password login, measured with autocannon against a bare Fastify route serving the same number
 * of bytes as the home page and, for each page, against a bare route serving that page's own byte
 * length, in the same run on the same machine: runs taken minutes apart on this machine class
 * differ by up to 50 %. `--only` picks targets (e.g. `--only mes-enfants,mes-factures,bare`).
 *
 *   npm run bench [-- --runs 3 --duration 10 --connections 50 --json bench.json]
 *
 * Steps: create a fresh database `monguichet_bench_<timestamp>` on the PostgreSQL server of
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), migrate it, load the demo
 * catalogue and create the bench accounts (a known password, three dossiers for the signed-in
 * one), then ANALYZE (the statistics autovacuum would gather); start the portal and
 * scripts/bench-bare.ts as children in their own process groups, on 127.0.0.1 only; for each
 * target, a 3 s warm-up (not counted) then N runs with 1 s pauses, a page's runs alternating with
 * those of its same-bytes bare route (page, bare, page, bare…);
 * bare first and again last, their mean being the denominator of "ratio to bare". Before the login
 * target, the bench times argon2id verifies in its own process (the portal idle), so that logins/s
 * can be read against the raw cost of the hash. The portal runs with LOGIN_RATE_LIMIT_PER_MINUTE
 * raised: at 30 logins a minute per address (the default), the login target would measure the
 * rate limit, not the login. Children are
 * stopped by process group and the database is dropped at the end, on failure, on SIGINT/SIGTERM
 * and when the watchdog fires, so the bench always terminates.
 *
 * Last, with the portal stopped, the mail delivery (scripts/bench-mail.ts): 500 queued e-mails
 * delivered by one mail worker to a local SMTP server. `--only mail` runs only that part.
 *
 * Progress goes to stderr, the report (Markdown) to stdout.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import { connectDatabase } from '../src/db/connect.ts';
import type { Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { insertAccount, markEmailVerified } from '../src/features/accounts/accounts.repository.ts';
import { checkPassword, HASH_OPTIONS, hashPassword, verifyPassword } from '../src/features/accounts/credentials.ts';
import type { DossierState } from '../src/features/dossiers/dossier.states.ts';
import { moveDossier, openDossier } from '../src/features/dossiers/dossiers.service.ts';
import { addDays, isWeekend } from '../src/features/canteen/calendar.ts';
import { childrenOfAccount, linkByRollEmail } from '../src/features/canteen/family.service.ts';
import { generateDrafts, publishMonth } from '../src/features/canteen/invoicing.service.ts';
import { importMeals, importRoll, MEALS_HEADER, ROLL_HEADER, setTariff } from '../src/features/canteen/roll.service.ts';
import { paths } from '../src/paths.ts';
import { hashSessionId, TOUCH_INTERVAL_MS } from '../src/plugins/session.ts';
import { seedDemoData } from '../src/seed/demo.ts';
import { benchMail, mailReport } from './bench-mail.ts';
import { benchNotifications, notificationsReport } from './bench-notifications.ts';
import { demoProcedures } from '../src/seed/procedures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
/**
 * The pinned Node.js, which runs the portal and the bare app with tsx as a loader: one process
 * each (the tsx command would add a parent process that relays signals, and a second SIGTERM
 * relayed by it would kill the portal before `--cpu-prof` writes its profile).
 */
const NODE = path.join(BIN, 'node');
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const HOST = '127.0.0.1';
const WARMUP_SECONDS = 3;
const PAUSE_MS = 1000;
const READY_TIMEOUT_MS = 90_000;

/**
 * Accounts the login target signs in with: one per connection (up to this many connections), as
 * distinct people do. The login counts an attempt on its identifier before the password is
 * verified, so more than 5 logins of one identifier at the same moment are refused (429).
 */
const LOGIN_ACCOUNTS = 100;
/** The password of every bench account: long, not common, none of the account's own details. */
const BENCH_PASSWORD = 'lanterne violette au bout du quai numéro sept';
/**
 * The portal's LOGIN_RATE_LIMIT_PER_MINUTE during the bench (30 in service): every login comes
 * from 127.0.0.1, so the default would answer 429 after the 30th.
 */
const BENCH_LOGIN_RATE_LIMIT = 1_000_000;
/** libuv's default threadpool size: the bench does not set UV_THREADPOOL_SIZE for the portal. */
const PORTAL_THREADPOOL = 4;
/**
 * The portal runs over http on 127.0.0.1, so its cookies have no `__Host-` prefix (see
 * sessionCookieName and csrfCookieName).
 */
const SESSION_COOKIE = 'mg_session';
const CSRF_COOKIE = 'mg_csrf';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  readonly runs: number;
  readonly duration: number;
  readonly connections: number;
  readonly json: string | undefined;
  /** `--only mail` / `--only notifications` (or both): only those measures (no portal, no pages). */
  readonly mailOnly: boolean;
  /** `--only a,b,…`: the keys of the parts to run (see onlyKeys); undefined runs everything. */
  readonly only: ReadonlySet<string> | undefined;
  /** `--cpu-prof DIR`: the portal writes V8 CPU profiles there (`node --cpu-prof`) when it stops. */
  readonly cpuProf: string | undefined;
}

class UsageError extends Error {}

function intOption(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new UsageError(`--${name} must be an integer in [${min}, ${max}], got ${raw}`);
  return value;
}

/** What `--only` accepts: the targets' keys, `recovery` (the recovery timing) and `mail`. */
function onlyKeys(): string[] {
  return [...new Set([...TARGETS.map((t) => t.key), 'recovery', 'mail', 'notifications'])];
}

function onlyOption(raw: string | undefined): ReadonlySet<string> | undefined {
  if (raw === undefined) return undefined;
  const keys = raw
    .split(',')
    .map((k) => k.trim())
    .filter((k) => k !== '');
  const known = onlyKeys();
  const unknown = keys.filter((k) => !known.includes(k));
  if (keys.length === 0 || unknown.length > 0)
    throw new UsageError(`--only takes a comma-separated list of ${known.join(', ')}; got ${raw}`);
  return new Set(keys);
}

function selected(options: Options, key: string): boolean {
  return options.only === undefined || options.only.has(key);
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      json: { type: 'string' },
      only: { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) {
    process.stdout.write(
      'usage: npm run bench -- [--runs N (3)] [--duration SECONDS (10)] [--connections C (50)] [--json FILE] ' +
        `[--only KEY,KEY… (${onlyKeys().join(', ')})] [--cpu-prof DIR]\n`,
    );
    process.exit(0);
  }
  const only = onlyOption(values.only);
  return {
    runs: intOption('runs', values.runs, 3, 1, 20),
    duration: intOption('duration', values.duration, 10, 1, 120),
    connections: intOption('connections', values.connections, 50, 1, 1000),
    json: values.json,
    mailOnly: only !== undefined && [...only].every((key) => key === 'mail' || key === 'notifications'),
    only,
    cpuProf: values['cpu-prof'] === undefined ? undefined : path.resolve(values['cpu-prof']),
  };
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A URL without its password, for printing. */
function redactUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, HOST, () => resolve());
  });
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

function commandOutput(file: string, args: string[], env?: NodeJS.ProcessEnv): string {
  try {
    return execFileSync(file, args, { encoding: 'utf8', env, timeout: 10_000 }).trim();
  } catch {
    return 'unknown';
  }
}

// ---------------------------------------------------------------------------------------------
// CPU accounting from procfs: the server's process group, this process, and everything else.

const CLK_TCK = Number(commandOutput('getconf', ['CLK_TCK'])) || 100;

interface ProcStat {
  readonly pid: number;
  readonly state: string;
  readonly pgrp: number;
  readonly ticks: number;
}

function readProcStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  let names: string[];
  try {
    names = readdirSync('/proc');
  } catch {
    return stats;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    let text: string;
    try {
      text = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // the process ended meanwhile
    }
    // Fields after the command name (which may contain spaces and parentheses).
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    stats.push({ pid: Number(name), state: fields[0] ?? '?', pgrp: Number(fields[2]), ticks: utime + stime });
  }
  return stats;
}

/** Live (non-zombie) processes of a process group. */
function groupMembers(pgid: number): number[] {
  return readProcStats()
    .filter((s) => s.pgrp === pgid && s.state !== 'Z')
    .map((s) => s.pid);
}

/** CPU-seconds spent by the whole machine (all cores): busy (outside idle, iowait and steal), and stolen by the hypervisor. */
function machineSeconds(): { busy: number; steal: number } {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    // user nice system idle iowait irq softirq steal (guest time is already counted in user)
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    return { busy: (user + nice + system + irq + softirq) / CLK_TCK, steal: steal / CLK_TCK };
  } catch {
    return { busy: Number.NaN, steal: Number.NaN };
  }
}

interface CpuSample {
  readonly at: bigint;
  readonly processes: ReadonlyMap<number, ProcStat>;
  readonly bench: NodeJS.CpuUsage;
  readonly machine: { busy: number; steal: number };
  /** The threads of the server's process group, by `pid/tid`: their name and CPU ticks. */
  readonly serverThreads: ReadonlyMap<string, { readonly name: string; readonly ticks: number }>;
}

/**
 * The threads of the processes of a group: Node names them (`MainThread`, `libuv-worker` for
 * libuv's threadpool, where argon2id runs, `V8Worker` for the garbage collector's helpers…).
 */
function readThreads(pids: readonly number[]): Map<string, { name: string; ticks: number }> {
  const threads = new Map<string, { name: string; ticks: number }>();
  for (const pid of pids) {
    let tids: string[];
    try {
      tids = readdirSync(`/proc/${pid}/task`);
    } catch {
      continue;
    }
    for (const tid of tids) {
      try {
        const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const name = text.slice(text.indexOf('(') + 1, text.lastIndexOf(')'));
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        threads.set(`${pid}/${tid}`, { name, ticks: Number(fields[11]) + Number(fields[12]) });
      } catch {
        // the thread ended meanwhile
      }
    }
  }
  return threads;
}

function sampleCpu(serverGroup?: number): CpuSample {
  const stats = readProcStats();
  const processes = new Map(stats.map((s) => [s.pid, s]));
  const serverThreads =
    serverGroup === undefined
      ? new Map()
      : readThreads(stats.filter((s) => s.pgrp === serverGroup && s.state !== 'Z').map((s) => s.pid));
  return {
    at: process.hrtime.bigint(),
    processes,
    bench: process.cpuUsage(),
    machine: machineSeconds(),
    serverThreads,
  };
}

/** CPU-seconds per second of the server's threads between two samples, by thread name. */
function threadShares(before: CpuSample, after: CpuSample): Record<string, number> {
  const elapsed = Number(after.at - before.at) / 1e9;
  const shares: Record<string, number> = {};
  for (const [key, thread] of after.serverThreads) {
    const delta = (thread.ticks - (before.serverThreads.get(key)?.ticks ?? 0)) / CLK_TCK / elapsed;
    if (delta > 0) shares[thread.name] = (shares[thread.name] ?? 0) + delta;
  }
  return shares;
}

/** A process outside the bench that used CPU during a run. */
interface ForeignProcess {
  readonly pid: number;
  readonly command: string;
  readonly cores: number;
}

interface CpuShares {
  /** CPU-seconds per second of the measured server's process group. */
  readonly server: number;
  /** The same for this process (autocannon runs in it). */
  readonly loadGenerator: number;
  /**
   * The PostgreSQL backends connected to the bench database (the portal's queries): work done
   * for the measured server, so not counted as other work.
   */
  readonly database: number;
  /** Everything else on the machine: other servers, other people's work, the kernel. */
  readonly other: number;
  /** CPU time the hypervisor gave to other guests (steal). */
  readonly steal: number;
  /** The busiest processes outside the bench and its children (that were alive at the end of the run). */
  readonly foreign: readonly ForeignProcess[];
  /**
   * The server's share by thread name (the part of `server` of its threads alive at the end of the
   * run): `libuv-worker` is libuv's threadpool, where argon2id runs; `MainThread` the event loop.
   */
  readonly serverThreads: Readonly<Record<string, number>>;
}

/** The program name and the base name of its first argument, never the whole command line. */
function shortCommand(pid: number): string {
  try {
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    const first = argv.slice(1).find((a) => a !== '' && !a.startsWith('-'));
    return first ? `${comm} ${path.basename(first)}` : comm;
  } catch {
    return '?';
  }
}

/** A PostgreSQL backend connected to the database `name`: its process title names the database. */
function isBackendOf(pid: number, name: string): boolean {
  try {
    return (
      readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres' &&
      readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(` ${name} `)
    );
  } catch {
    return false;
  }
}

function cpuShares(before: CpuSample, after: CpuSample, serverGroup: number): CpuShares {
  const elapsed = Number(after.at - before.at) / 1e9;
  const ownGroups = new Set(children.map((c) => c.pgid));
  const own = new Set([process.pid, process.ppid]);
  const databaseName = benchDatabase?.name;
  let server = 0;
  let database = 0;
  const foreign: ForeignProcess[] = [];
  for (const [pid, stat] of after.processes) {
    const earlier = before.processes.get(pid);
    const delta = (stat.ticks - (earlier?.ticks ?? 0)) / CLK_TCK / elapsed;
    if (stat.pgrp === serverGroup) server += delta;
    else if (ownGroups.has(stat.pgrp) || own.has(pid) || delta <= 0) continue;
    else if (databaseName !== undefined && isBackendOf(pid, databaseName)) database += delta;
    else if (delta >= 0.05) foreign.push({ pid, command: '', cores: delta });
  }
  foreign.sort((a, b) => b.cores - a.cores);
  const bench = process.cpuUsage(before.bench);
  const loadGenerator = (bench.user + bench.system) / 1e6 / elapsed;
  const machine = (after.machine.busy - before.machine.busy) / elapsed;
  const steal = (after.machine.steal - before.machine.steal) / elapsed;
  return {
    server,
    loadGenerator,
    database,
    other: Math.max(0, machine - server - loadGenerator - database),
    steal,
    foreign: foreign.slice(0, 3).map((f) => ({ ...f, command: shortCommand(f.pid) })),
    serverThreads: threadShares(before, after),
  };
}

// ---------------------------------------------------------------------------------------------
// Children in their own process groups

interface Child {
  readonly name: string;
  readonly process: ChildProcess;
  readonly pgid: number;
  readonly exited: Promise<void>;
  hasExited: boolean;
  exitDescription: string;
  output(): string;
}

const children: Child[] = [];

function startChild(name: string, args: string[], env: NodeJS.ProcessEnv): Child {
  const proc = spawn(NODE, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (proc.pid === undefined) throw new Error(`could not start ${name}`);
  let tail = '';
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-8000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const child: Child = {
    name,
    process: proc,
    pgid: proc.pid,
    hasExited: false,
    exitDescription: '',
    exited: new Promise<void>((resolve) => {
      proc.once('exit', (code, signal) => {
        child.hasExited = true;
        child.exitDescription = signal ? `signal ${signal}` : `code ${String(code)}`;
        resolve();
      });
      proc.once('error', (error) => {
        child.hasExited = true;
        child.exitDescription = error.message;
        resolve();
      });
    }),
    output: () => tail,
  };
  children.push(child);
  return child;
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // ESRCH: the group is gone already
  }
}

async function waitGroupGone(pgid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (groupMembers(pgid).length === 0) return true;
    await sleep(100);
  }
  return groupMembers(pgid).length === 0;
}

async function stopChild(child: Child): Promise<void> {
  signalGroup(child.pgid, 'SIGTERM');
  if (await waitGroupGone(child.pgid, 5000)) return;
  log(`${child.name} did not stop within 5 s of SIGTERM: SIGKILL to its process group`);
  signalGroup(child.pgid, 'SIGKILL');
  await waitGroupGone(child.pgid, 3000);
}

function assertAlive(child: Child): void {
  if (child.hasExited) {
    throw new Error(`${child.name} exited (${child.exitDescription}); its last output:\n${child.output()}`);
  }
}

async function waitForOk(child: Child, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    assertAlive(child);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = errorMessage(error);
    }
    await sleep(200);
  }
  throw new Error(
    `${child.name}: ${url} did not answer 200 within ${READY_TIMEOUT_MS / 1000} s (${last}); its output:\n${child.output()}`,
  );
}

// ---------------------------------------------------------------------------------------------
// The bench database

interface BenchDatabase {
  readonly name: string;
  readonly adminUrl: string;
  readonly url: string;
  readonly accounts: BenchAccounts;
}

/** What the bench creates in its database for the signed-in and login targets. */
interface BenchAccounts {
  /** Signed in with by the login target, one after the other. */
  readonly loginIdentifiers: readonly string[];
  /** The account whose "Mes démarches" is measured, and the references of its dossiers. */
  readonly signedIn: { readonly identifier: string; readonly references: readonly string[] };
  /** The parent whose "Mes enfants" and "Mes factures" are measured: their children and bill numbers. */
  readonly parent: {
    readonly identifier: string;
    /** The links of "Mes enfants" to the children's pages. */
    readonly children: readonly string[];
    readonly billNumbers: readonly string[];
  };
  /** The stored hash of one account (the portal's parameters), for the raw argon2id timing. */
  readonly sampleHash: string;
  /** Open, verified accounts that the recovery timing asks for, one each (identifier and e-mail). */
  readonly recovery: readonly { readonly identifier: string; readonly email: string }[];
}

/** The dossiers of the signed-in account: a procedure of the demo catalogue and the states it went through. */
const BENCH_DOSSIERS: readonly { readonly slug: string; readonly path: readonly DossierState[] }[] = [
  { slug: 'demander-une-allocation-de-cantine', path: ['en_cours', 'terminee'] },
  { slug: 'renouveler-ma-carte-de-sejour', path: ['en_cours'] },
  { slug: 'm-inscrire-a-la-mediatheque', path: [] },
];

/**
 * The bench parent's children: one at each of three establishments (three creditors), on the
 * 2026-2027 roll with other pupils, the parent being their payer. Each has meals in BENCH_MONTHS,
 * so the parent gets 3 × 4 = 12 published bills.
 */
const BENCH_CHILDREN: readonly {
  readonly establishment: string;
  readonly firstName: string;
  readonly price: string;
}[] = [
  { establishment: 'ecole-de-fontvieille', firstName: 'Léa', price: '5.57' },
  { establishment: 'college-charles-iii', firstName: 'Matteo', price: '6.10' },
  { establishment: 'lycee-albert-ier', firstName: 'Giulia', price: '6.40' },
];
const BENCH_MONTHS = ['2026-09', '2026-10', '2026-11', '2026-12'] as const;
/** Pupils of other families on each roll, so that the parent's rows are not the only ones. */
const OTHER_PUPILS_PER_ROLL = 40;
/** Meals per pupil and month (the first school days of the month). */
const MEALS_PER_MONTH = 3;

function schoolDays(month: string, count: number): string[] {
  const days: string[] = [];
  for (let day = `${month}-01`; days.length < count && day.startsWith(month); day = addDays(day, 1)) {
    if (!isWeekend(day)) days.push(day);
  }
  return days;
}

/**
 * The canteen data of the bench parent, written as an operator and a parent would, through the
 * canteen services: roll import, tariff, meals import, then for each month the drafts generated
 * and published, and last the parent links the children the rolls list under their verified
 * e-mail. Publishing queues no real mail: the bench gives it a mail service that drops messages,
 * so that the mail measure at the end delivers only its own.
 */
async function createBenchCanteen(
  db: Kysely<Database>,
  parent: { readonly id: string; readonly email: string },
): Promise<{ readonly children: readonly string[]; readonly billNumbers: readonly string[] }> {
  // The links to the children's pages, which "Mes enfants" must show.
  const encode = (text: string) => new TextEncoder().encode(text);
  const deps = { mail: { enqueue: async () => 'dropped' }, publicUrl: 'http://127.0.0.1' };
  for (const [index, child] of BENCH_CHILDREN.entries()) {
    const refs: string[] = [];
    const lines: string[] = [ROLL_HEADER.join(';')];
    const ownRef = `BENCH${index + 1}`;
    refs.push(ownRef);
    lines.push(`${ownRef};Rossi;${child.firstName};2015-05-14;CM1;${parent.email};payer;;`);
    for (let i = 1; i <= OTHER_PUPILS_PER_ROLL; i += 1) {
      const ref = `OTHER${index + 1}X${i}`;
      refs.push(ref);
      lines.push(
        `${ref};Famille${i};Enfant${i};2015-02-0${(i % 9) + 1};CM1;famille${index + 1}.${i}@example.org;payer;;`,
      );
    }
    await importRoll(db, {
      establishmentSlug: child.establishment,
      year: '2026-2027',
      file: encode(`${lines.join('\n')}\n`),
    });
    await setTariff(db, { establishmentSlug: child.establishment, from: '2026-09-01', price: child.price });
    const meals = [MEALS_HEADER.join(';')];
    for (const month of BENCH_MONTHS) {
      for (const date of schoolDays(month, MEALS_PER_MONTH)) for (const ref of refs) meals.push(`${ref};${date};1`);
    }
    await importMeals(db, { establishmentSlug: child.establishment, file: encode(`${meals.join('\n')}\n`) });
  }
  const billNumbers: string[] = [];
  for (const child of BENCH_CHILDREN) {
    for (const month of BENCH_MONTHS) {
      await generateDrafts(db, { establishmentSlug: child.establishment, month });
      const outcome = await publishMonth(db, deps, { establishmentSlug: child.establishment, month });
      for (const bill of outcome.published) {
        if (bill.payerEmail.toLowerCase() === parent.email.toLowerCase()) billNumbers.push(bill.number);
      }
    }
  }
  const linked = await linkByRollEmail(db, parent.id);
  if (linked.kind !== 'linked' || linked.pupils !== BENCH_CHILDREN.length)
    throw new Error(`the bench parent linked ${linked.kind === 'linked' ? linked.pupils : linked.kind} children`);
  if (billNumbers.length !== BENCH_CHILDREN.length * BENCH_MONTHS.length)
    throw new Error(`the bench parent has ${billNumbers.length} published bills`);
  const children = (await childrenOfAccount(db, parent.id)).map((c) => `href="${paths.canteen.child(c.pupilId)}"`);
  return { children, billNumbers };
}

/**
 * Accounts created with the portal's own code (hashPassword, insertAccount), each with its own
 * salt, e-mail verified; the signed-in one gets BENCH_DOSSIERS, opened and moved by the dossier
 * service (so each has its timeline events).
 */
async function createBenchAccounts(db: Kysely<Database>): Promise<BenchAccounts> {
  const make = async (identifier: string, firstName: string, lastName: string, knownHash?: string) => {
    const email = `${identifier}@example.org`;
    const check = checkPassword(BENCH_PASSWORD, { identifier, email, firstName, lastName });
    if (!check.ok) throw new Error(`the bench password breaks the password rules (${check.reason})`);
    const passwordHash = knownHash ?? (await hashPassword(BENCH_PASSWORD));
    const { id } = await insertAccount(db, {
      kind: 'particulier',
      identifier,
      email,
      civility: 'madame',
      firstName,
      lastName,
      birthDate: '1984-06-02',
      phone: null,
      companyName: null,
      companyRci: null,
      companyNis: null,
      passwordHash,
      language: 'fr',
      termsAcceptedAt: new Date(),
    });
    await markEmailVerified(db, id, email, new Date());
    return { id, email, passwordHash };
  };
  const loginIdentifiers: string[] = [];
  let sampleHash = '';
  for (let i = 1; i <= LOGIN_ACCOUNTS; i += 1) {
    const identifier = `bench.login${String(i).padStart(2, '0')}`;
    sampleHash = (await make(identifier, 'Camille', `Banc${i}`, sampleHash || undefined)).passwordHash;
    loginIdentifiers.push(identifier);
  }
  const signedInIdentifier = 'bench.demarches';
  const signedIn = await make(signedInIdentifier, 'Louise', 'Testard');
  const references: string[] = [];
  for (const dossier of BENCH_DOSSIERS) {
    const procedure = demoProcedures.find((p) => p.slug === dossier.slug);
    if (!procedure) throw new Error(`the demo catalogue has no procedure ${dossier.slug}`);
    const title = { fr: procedure.content.fr.title, en: procedure.content.en.title };
    const reference = await db.transaction().execute(async (trx) => {
      const opened = await openDossier(trx, { accountId: signedIn.id, procedureSlug: dossier.slug, title });
      for (const state of dossier.path) await moveDossier(trx, opened.id, state);
      return opened.reference;
    });
    references.push(reference);
  }
  const recovery: { identifier: string; email: string }[] = [];
  for (let i = 1; i <= RECOVERY_SAMPLES; i += 1) {
    const identifier = `bench.recovery${String(i).padStart(3, '0')}`;
    await make(identifier, 'Paul', `Rappel${i}`, sampleHash);
    recovery.push({ identifier, email: `${identifier}@example.org` });
  }
  const parentIdentifier = 'bench.parent';
  const parent = await make(parentIdentifier, 'Marco', 'Rossi', sampleHash);
  const canteen = await createBenchCanteen(db, parent);
  return {
    loginIdentifiers,
    signedIn: { identifier: signedInIdentifier, references },
    parent: { identifier: parentIdentifier, ...canteen },
    sampleHash,
    recovery,
  };
}

// ---------------------------------------------------------------------------------------------
// Recovery timing: an existing and an unknown identifier (or address) must take the same time

/** Requests of each kind (existing, unknown) per recovery form. */
const RECOVERY_SAMPLES = 200;

interface RecoveryTiming {
  readonly form: string;
  readonly knownMedianMs: number;
  readonly unknownMedianMs: number;
  readonly samples: number;
}

/**
 * Posts a recovery form RECOVERY_SAMPLES times for an existing account and as many for an unknown
 * one, one request at a time, alternating (existing first on even rounds, unknown first on odd
 * ones); each existing account and each unknown value is asked once, from its own address
 * (X-Forwarded-For, the portal trusting the bench's 127.0.0.1), so no limit is reached and both
 * kinds do their full work. Times are taken around fetch in this process, body read included.
 */
async function timeRecovery(
  base: string,
  path: string,
  field: string,
  known: readonly string[],
  unknown: readonly string[],
): Promise<RecoveryTiming> {
  const page = await probe(`${base}${path}`);
  const binding = setCookieValue(page.headers.getSetCookie(), CSRF_COOKIE);
  const token = /<input[^>]*\bname="_csrf"[^>]*\bvalue="([^"]*)"/.exec(page.body)?.[1];
  if (binding === undefined || token === undefined) throw new Error(`GET ${path} gave no form token`);
  const times = { known: [] as number[], unknown: [] as number[] };
  const post = async (kind: 'known' | 'unknown', value: string, address: string) => {
    const started = performance.now();
    const answer = await fetch(`${base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: `${CSRF_COOKIE}=${binding}`, 'content-type': FORM_TYPE, 'x-forwarded-for': address },
      body: new URLSearchParams({ [field]: value, _csrf: token }).toString(),
    });
    await answer.arrayBuffer();
    times[kind].push(performance.now() - started);
    if (answer.status !== 303) throw new Error(`POST ${path} answered ${answer.status}`);
  };
  for (let i = 0; i < known.length; i += 1) {
    const address = `10.${path.length}.${i >> 8}.${i & 255}`;
    const order: ['known' | 'unknown', string][] = [
      ['known', known[i] ?? ''],
      ['unknown', unknown[i] ?? ''],
    ];
    if (i % 2 === 1) order.reverse();
    for (const [kind, value] of order) await post(kind, value, address);
  }
  return {
    form: `POST ${path}`,
    knownMedianMs: median(times.known),
    unknownMedianMs: median(times.unknown),
    samples: known.length,
  };
}

/** The database to drop at the end; `created` stays false until CREATE DATABASE answered. */
let benchDatabase: (Omit<BenchDatabase, 'accounts'> & { created: boolean }) | undefined;

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `monguichet_bench_${Date.now()}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  // Registered before it exists, so that an interruption at any point drops it (IF EXISTS).
  const registered = { name, adminUrl, url: url.toString(), created: false };
  benchDatabase = registered;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${name}`));
  registered.created = true;
  const database = await connectDatabase({ kind: 'postgres', url: url.toString(), poolMax: 2 });
  try {
    const migrations = await migrateToLatest(database.db);
    await seedDemoData(database.db);
    const accounts = await createBenchAccounts(database.db);
    // The planner's statistics, as autovacuum gathers them on a server where it is on. A fresh
    // database has none, and a server with autovacuum off (these machines' PostgreSQL) would never
    // gather any: every statement would then be planned on default guesses for its tables' sizes.
    await sql`analyze`.execute(database.db);
    log(
      `database ${name}: ${migrations.length} migrations applied, demo catalogue loaded, ` +
        `${accounts.loginIdentifiers.length + accounts.recovery.length + 2} accounts, ${accounts.signedIn.references.length} dossiers, ` +
        `${accounts.parent.children.length} linked children and ${accounts.parent.billNumbers.length} published bills created`,
    );
    return { name, adminUrl, url: url.toString(), accounts };
  } finally {
    await database.close();
  }
}

async function dropBenchDatabase(): Promise<void> {
  const database = benchDatabase;
  if (!database) return;
  benchDatabase = undefined;
  try {
    await withTimeout(
      withAdmin(database.adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`)),
      20_000,
      'DROP DATABASE',
    );
    log(`database ${database.name} dropped`);
  } catch (error) {
    const hint = database.created ? 'drop it by hand' : 'it was probably never created';
    log(`could not drop database ${database.name}: ${errorMessage(error)} (${hint})`);
  }
}

// ---------------------------------------------------------------------------------------------
// Load

type Kind = 'baseline' | 'sameBytes' | 'anonymous' | 'search' | 'signedIn' | 'login';

/** Who a signed-in target signs in as, and what its page must show. */
type SignedInAs = 'demarches' | 'parent';

interface Target {
  /** Its name for `--only`. */
  readonly key: string;
  readonly name: string;
  readonly kind: Kind;
  /** The signed-in targets: the bench account they sign in as. */
  readonly as?: SignedInAs;
  readonly server: 'bare' | 'portal';
  readonly path: string;
  /** GET unless said otherwise; the login target posts the login form. */
  readonly method?: 'GET' | 'POST';
}

/** Where a successful login of the login target goes back to (its `retour`). */
const LOGIN_RETURN = '/mes-demarches';

const TARGETS: readonly Target[] = [
  { key: 'bare', name: 'bare', kind: 'baseline', server: 'bare', path: '/bare' },
  { key: 'home', name: 'home', kind: 'anonymous', server: 'portal', path: '/' },
  { key: 'catalogue', name: 'catalogue', kind: 'anonymous', server: 'portal', path: '/demarches' },
  { key: 'search', name: 'search', kind: 'search', server: 'portal', path: '/demarches?q=cantine' },
  {
    key: 'procedure',
    name: 'procedure',
    kind: 'anonymous',
    server: 'portal',
    path: '/demarches/payer-la-cantine-ecole-de-fontvieille',
  },
  {
    key: 'mes-demarches',
    name: 'my procedures (signed in)',
    kind: 'signedIn',
    as: 'demarches',
    server: 'portal',
    path: '/mes-demarches',
  },
  {
    key: 'mes-enfants',
    name: 'my children (signed in)',
    kind: 'signedIn',
    as: 'parent',
    server: 'portal',
    path: '/mes-enfants',
  },
  {
    key: 'mes-factures',
    name: 'my bills (signed in)',
    kind: 'signedIn',
    as: 'parent',
    server: 'portal',
    path: '/mes-factures',
  },
  {
    key: 'mes-factures-payer',
    name: 'the basket: pay my bills (signed in)',
    kind: 'signedIn',
    as: 'parent',
    server: 'portal',
    path: '/mes-factures/payer',
  },
  {
    key: 'login',
    name: 'login',
    kind: 'login',
    server: 'portal',
    path: `/connexion?retour=${encodeURIComponent(LOGIN_RETURN)}`,
    method: 'POST',
  },
  { key: 'bare', name: 'bare (again)', kind: 'baseline', server: 'bare', path: '/bare' },
];

/** The same-bytes baseline of a page of `bytes` bytes: that page's own body (bench-bare's BENCH_BARE_BODIES). */
function sameBytesTarget(bytes: number): Target {
  return {
    key: 'bare',
    name: `bare, ${fmtInt(bytes)} bytes`,
    kind: 'sameBytes',
    server: 'bare',
    path: `/bare/${bytes}`,
  };
}

/**
 * The goals, read against the page's same-bytes bare figure (a bare route answering the page's
 * own body, byte for byte, measured in the same run).
 */
const GOALS: Record<
  Kind,
  { readonly minRatio: number; readonly maxP99Ms: number; readonly label: string } | undefined
> = {
  baseline: undefined,
  sameBytes: undefined,
  anonymous: { minRatio: 70, maxP99Ms: 20, label: 'cached anonymous page: ≥ 70 % of same-bytes bare, p99 < 20 ms' },
  search: { minRatio: 15, maxP99Ms: 50, label: 'search: ≥ 15 % of same-bytes bare, p99 < 50 ms' },
  signedIn: { minRatio: 10, maxP99Ms: 100, label: 'signed-in page: ≥ 10 % of same-bytes bare, p99 < 100 ms' },
  login: undefined,
};

/** The table's "target" column for the kinds without a goal. */
const NO_GOAL_LABEL: Record<Kind, string> = {
  baseline: '(baseline)',
  sameBytes: '(same-bytes baseline of the page above)',
  anonymous: '',
  search: '',
  signedIn: '',
  login: 'none: bound by argon2id, compare with the raw verifies below',
};
/** A run during which other processes or the hypervisor took more than this many cores is flagged. */
const DISTURBED_CORES = 0.25;

function disturbed(run: RunResult): boolean {
  return run.cpu.other + run.cpu.steal > DISTURBED_CORES;
}

interface RunResult {
  readonly requestsPerSecond: number;
  readonly requests: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
  readonly latencyMean: number;
  readonly latencyMax: number;
  readonly bytesPerSecond: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  /**
   * Answers that were not the expected one: non-2xx for the anonymous pages; for the signed-in
   * and login targets, every answer that failed the target's check (see Load).
   */
  readonly unexpected: number;
  /** The first unexpected answer, described (signed-in and login targets). */
  readonly unexpectedExample: string | undefined;
  readonly statusCodes: Record<string, number>;
  readonly cpu: CpuShares;
}

/**
 * What autocannon sends for a target other than a plain GET, and how each answer is checked:
 * `check` returns a description of what is wrong with an answer, or undefined when it is the
 * expected one. Answers are counted by the requests' onResponse, reset before every run.
 */
interface Load {
  readonly requests: autocannon.Request[];
  /** The expected answer, for the report. */
  readonly expected: string;
  readonly tally: { count: number; example: string | undefined };
  /** Gives each connection its own requests (the login target: its own account). */
  readonly setupClient?: (client: autocannon.Client) => void;
}

type AnswerCheck = (status: number, body: string, headers: Record<string, unknown>) => string | undefined;

function checkedLoad(requests: autocannon.Request[], expected: string, check: AnswerCheck): Load {
  const tally: Load['tally'] = { count: 0, example: undefined };
  const onResponse = (status: number, body: string, _context: object, headers: unknown) => {
    const problem = check(status, body, (headers ?? {}) as Record<string, unknown>);
    if (problem === undefined) return;
    tally.count += 1;
    tally.example ??= problem;
  };
  return { requests: requests.map((request) => ({ ...request, onResponse })), expected, tally };
}

/** A header of an autocannon answer (names as the server sent them), as a list of values. */
function headerValues(headers: Record<string, unknown>, name: string): string[] {
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (typeof item === 'string') values.push(item);
    }
  }
  return values;
}

/** The value of `name` among Set-Cookie headers, if set (a cleared cookie counts as not set). */
function setCookieValue(setCookies: readonly string[], name: string): string | undefined {
  for (const header of setCookies) {
    const pair = header.split(';')[0] ?? '';
    const eq = pair.indexOf('=');
    if (eq > 0 && pair.slice(0, eq).trim() === name && pair.slice(eq + 1).trim() !== '')
      return pair.slice(eq + 1).trim();
  }
  return undefined;
}

interface Probe {
  readonly status: number;
  readonly bytes: number;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly etag: boolean;
}

interface TargetResult {
  readonly target: Target;
  readonly url: string;
  readonly probe: Probe;
  /** The expected answer of every request, as checked. */
  readonly expected: string;
  readonly warmup: RunResult;
  readonly runs: RunResult[];
  readonly requestsPerSecond: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
  /** The path of the target whose runs alternated with this one's (a page and its same-bytes bare route). */
  readonly alternatedWith?: string;
}

let currentInstance: autocannon.Instance | undefined;
let aborting = false;

function cannon(
  url: string,
  connections: number,
  duration: number,
  load: Load | undefined,
): Promise<autocannon.Result> {
  const options: autocannon.Options = { url, connections, duration, timeout: 10 };
  if (load) options.requests = load.requests;
  if (load?.setupClient) options.setupClient = load.setupClient;
  return new Promise((resolve, reject) => {
    currentInstance = autocannon(options, (error: unknown, result: autocannon.Result) => {
      currentInstance = undefined;
      if (error) reject(error instanceof Error ? error : new Error(errorMessage(error)));
      else resolve(result);
    });
  });
}

async function measure(
  url: string,
  connections: number,
  duration: number,
  serverGroup: number,
  load?: Load,
): Promise<RunResult> {
  if (load) {
    load.tally.count = 0;
    load.tally.example = undefined;
  }
  const before = sampleCpu(serverGroup);
  const result = await cannon(url, connections, duration, load);
  const cpu = cpuShares(before, sampleCpu(serverGroup), serverGroup);
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statusCodes[code] = stat.count ?? 0;
  return {
    requestsPerSecond: result.requests.average,
    requests: result.requests.total,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    latencyMean: result.latency.mean,
    latencyMax: result.latency.max,
    bytesPerSecond: result.throughput.average,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    unexpected: load ? load.tally.count : result.non2xx,
    unexpectedExample: load?.tally.example,
    statusCodes,
    cpu,
  };
}

async function probe(
  url: string,
  init: RequestInit = {},
): Promise<Probe & { readonly body: string; readonly bytesRead: Buffer; readonly headers: Headers }> {
  const response = await fetch(url, { redirect: 'manual', ...init, signal: AbortSignal.timeout(10_000) });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    bytes: body.byteLength,
    contentType: response.headers.get('content-type') ?? '',
    cacheControl: response.headers.get('cache-control') ?? '',
    etag: response.headers.has('etag'),
    body: body.toString('utf8'),
    bytesRead: body,
    headers: response.headers,
  };
}

function probeSummary(probed: Probe): Probe {
  return {
    status: probed.status,
    bytes: probed.bytes,
    contentType: probed.contentType,
    cacheControl: probed.cacheControl,
    etag: probed.etag,
  };
}

function failures(run: RunResult): number {
  return run.errors + run.timeouts + run.unexpected;
}

function describeRun(run: RunResult): string {
  const codes = Object.entries(run.statusCodes)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ');
  return (
    `${Math.round(run.requestsPerSecond)} req/s, p50 ${run.latencyP50} ms, p99 ${run.latencyP99} ms, ` +
    `srvCPU ${run.cpu.server.toFixed(2)} acCPU ${run.cpu.loadGenerator.toFixed(2)} dbCPU ${run.cpu.database.toFixed(2)} otherCPU ${run.cpu.other.toFixed(2)} steal ${run.cpu.steal.toFixed(2)}, ` +
    `errors ${run.errors} timeouts ${run.timeouts} unexpected ${run.unexpected} [${codes}]` +
    (Object.keys(run.cpu.serverThreads).length > 0
      ? `; server threads: ${Object.entries(run.cpu.serverThreads)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 3)
          .map(([name, cores]) => `${name} ${cores.toFixed(2)}`)
          .join(', ')}`
      : '') +
    (run.unexpectedExample ? ` (first unexpected: ${run.unexpectedExample})` : '') +
    (run.cpu.foreign.length > 0
      ? `; busiest other processes: ${run.cpu.foreign.map((f) => `${f.command} (pid ${f.pid}) ${f.cores.toFixed(2)}`).join(', ')}`
      : '')
  );
}

// ---------------------------------------------------------------------------------------------
// The login and signed-in targets

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** What an anonymous visitor gets from GET /connexion: the CSRF cookie and the form's `_csrf` token. */
async function openLoginForm(base: string): Promise<{ readonly cookie: string; readonly token: string }> {
  const page = await probe(`${base}/connexion`);
  if (page.status !== 200) throw new Error(`GET /connexion answered ${page.status}`);
  const binding = setCookieValue(page.headers.getSetCookie(), CSRF_COOKIE);
  const input = /<input[^>]*\bname="_csrf"[^>]*>/.exec(page.body)?.[0];
  const token = input ? /\bvalue="([^"]*)"/.exec(input)?.[1] : undefined;
  if (binding === undefined || token === undefined)
    throw new Error(`GET /connexion set no ${CSRF_COOKIE} cookie or had no _csrf field`);
  return { cookie: `${CSRF_COOKIE}=${binding}`, token };
}

function loginForm(identifier: string, token: string): string {
  return new URLSearchParams({ identifiant: identifier, mot_de_passe: BENCH_PASSWORD, _csrf: token }).toString();
}

/** What is wrong with a login answer, or undefined for the expected one: 303 to LOGIN_RETURN with a new session cookie. */
function loginProblem(status: number, location: string | undefined, sessionId: string | undefined): string | undefined {
  if (status !== 303) return `status ${status}`;
  if (location !== LOGIN_RETURN) return `303 to ${location ?? '(no location)'}`;
  if (sessionId === undefined) return `303 without a ${SESSION_COOKIE} cookie`;
  return undefined;
}

/** What a signed-in target's page must show, as an account of the bench. */
interface SignedInExpectation {
  readonly identifier: string;
  /** Strings every answer must contain (ASCII): dossier references, links to children, bill numbers. */
  readonly mustContain: readonly string[];
  /** What they are, for the report. */
  readonly what: string;
}

function signedInExpectation(target: Target, accounts: BenchAccounts): SignedInExpectation {
  if (target.as === 'demarches') {
    return {
      identifier: accounts.signedIn.identifier,
      mustContain: accounts.signedIn.references,
      what: `the account's ${accounts.signedIn.references.length} dossiers`,
    };
  }
  if (target.key === 'mes-enfants') {
    return {
      identifier: accounts.parent.identifier,
      mustContain: accounts.parent.children,
      what: `the links to the parent's ${accounts.parent.children.length} children`,
    };
  }
  return {
    identifier: accounts.parent.identifier,
    mustContain: accounts.parent.billNumbers,
    what: `the numbers of the parent's ${accounts.parent.billNumbers.length} bills`,
  };
}

/** What is wrong with a signed-in answer, or undefined for a 200 showing every expected item. */
function signedInProblem(status: number, body: string, mustContain: readonly string[]): string | undefined {
  if (status !== 200) return `status ${status}`;
  const missing = mustContain.find((item) => !body.includes(item));
  return missing === undefined ? undefined : `200 without ${missing}`;
}

/** One login as a browser does it (login page, then the form posted): the session id it opened and the answer. */
async function logIn(
  base: string,
  path: string,
  identifier: string,
): Promise<{ readonly sessionId: string; readonly probe: Probe }> {
  const form = await openLoginForm(base);
  const answer = await probe(`${base}${path}`, {
    method: 'POST',
    headers: { cookie: form.cookie, 'content-type': FORM_TYPE },
    body: loginForm(identifier, form.token),
  });
  const sessionId = setCookieValue(answer.headers.getSetCookie(), SESSION_COOKIE);
  const problem = loginProblem(answer.status, answer.headers.get('location') ?? undefined, sessionId);
  if (problem !== undefined || sessionId === undefined)
    throw new Error(`login as ${identifier}: ${problem ?? 'no session'}`);
  return { sessionId, probe: probeSummary(answer) };
}

/**
 * The login target: every connection posts the login form of each bench account in turn, with
 * the CSRF cookie and token of one anonymous visit (the check is the same HMAC whatever the
 * visitor). No cookie is kept between requests, so each post is a fresh login that opens a session.
 */
function loginLoad(
  path: string,
  form: { readonly cookie: string; readonly token: string },
  identifiers: readonly string[],
): Load {
  const load = checkedLoad(
    identifiers.map((identifier) => ({
      method: 'POST' as const,
      path,
      headers: { cookie: form.cookie, 'content-type': FORM_TYPE },
      body: loginForm(identifier, form.token),
    })),
    `303 to ${LOGIN_RETURN} with a new ${SESSION_COOKIE} cookie`,
    (status, _body, headers) =>
      loginProblem(
        status,
        headerValues(headers, 'location')[0],
        setCookieValue(headerValues(headers, 'set-cookie'), SESSION_COOKIE),
      ),
  );
  return onePerConnection(load);
}

/** `load` with each connection given one of its requests in turn (its own account, or its own session). */
function onePerConnection(load: Load): Load {
  let next = 0;
  return {
    ...load,
    setupClient: (client) => {
      const request = load.requests[next % load.requests.length];
      next += 1;
      if (request) client.setRequests([request]);
    },
  };
}

/**
 * A signed-in target: each connection sends its own session cookie (one login each, as so many
 * browsers of the same person would). "Mes enfants" lists the children and "Mes factures" the
 * bills: each answer must show those of its page (the children's links for the one, the bill
 * numbers for the other).
 */
function signedInLoad(path: string, sessionIds: readonly string[], mustContain: readonly string[], what: string): Load {
  const load = checkedLoad(
    sessionIds.map((sessionId) => ({
      method: 'GET' as const,
      path,
      headers: { cookie: `${SESSION_COOKIE}=${sessionId}` },
    })),
    `200, the signed-in page showing ${what}`,
    (status, body) => signedInProblem(status, body, mustContain),
  );
  return onePerConnection(load);
}

/** argon2id verifies timed in this process, `concurrency` at a time, while autocannon is idle. */
interface Argon2Run {
  readonly concurrency: number;
  readonly seconds: number;
  readonly verifies: number;
  readonly verifiesPerSecond: number;
  /** Mean time from call to answer of one verify (queueing for a thread included). */
  readonly meanMs: number;
  /** loadGenerator is this process, here the hashing (libuv's threads included). */
  readonly cpu: CpuShares;
}

async function measureArgon2(
  storedHash: string,
  concurrency: number,
  seconds: number,
  serverGroup: number,
): Promise<Argon2Run> {
  if (!(await verifyPassword(storedHash, BENCH_PASSWORD))) throw new Error('verifyPassword refused the bench password');
  const before = sampleCpu();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let verifies = 0;
  let waitedMs = 0;
  const worker = async () => {
    while (!aborting && performance.now() < deadline) {
      const t0 = performance.now();
      if (!(await verifyPassword(storedHash, BENCH_PASSWORD)))
        throw new Error('verifyPassword refused the bench password');
      waitedMs += performance.now() - t0;
      verifies += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  const elapsed = (performance.now() - start) / 1000;
  const cpu = cpuShares(before, sampleCpu(), serverGroup);
  return {
    concurrency,
    seconds: elapsed,
    verifies,
    verifiesPerSecond: verifies / elapsed,
    meanMs: waitedMs / verifies,
    cpu,
  };
}

/**
 * Where a login's CPU goes, in CPU-milliseconds per login (medians of the login runs): the
 * portal's libuv threadpool (argon2id), its main thread (the event loop: HTTP, form, CSRF, SQL
 * client, session), its other threads (the garbage collector's helpers), the PostgreSQL backends
 * and autocannon; against the CPU of one raw verify. When the cores are saturated by the login
 * alone, logins/s ÷ raw verifies/s is about argon2id's share of that sum (times the raw verify's
 * cost over the portal's), whatever else ran on the machine.
 */
function loginCpuBreakdown(runs: readonly RunResult[], raw: Argon2Run): string {
  const perLogin = (cores: (run: RunResult) => number) =>
    median(runs.map((run) => (cores(run) / run.requestsPerSecond) * 1000));
  const pool = perLogin((run) => run.cpu.serverThreads['libuv-worker'] ?? 0);
  const main = perLogin((run) => run.cpu.serverThreads.MainThread ?? 0);
  const otherThreads = perLogin(
    (run) => run.cpu.server - (run.cpu.serverThreads['libuv-worker'] ?? 0) - (run.cpu.serverThreads.MainThread ?? 0),
  );
  const database = perLogin((run) => run.cpu.database);
  const client = perLogin((run) => run.cpu.loadGenerator);
  const total = pool + main + otherThreads + database + client;
  const rawVerify = (raw.cpu.loadGenerator / raw.verifiesPerSecond) * 1000;
  return (
    `where a login's CPU goes (CPU-ms per login, medians of the runs): portal threadpool (argon2id) ${pool.toFixed(2)}, ` +
    `portal main thread ${main.toFixed(2)}, its other threads ${otherThreads.toFixed(2)}, PostgreSQL backends ${database.toFixed(2)}, autocannon ${client.toFixed(2)}: ` +
    `${total.toFixed(2)} in all, **argon2id ${((pool / total) * 100).toFixed(0)} %**; one raw verify (${raw.concurrency} at a time) cost ${rawVerify.toFixed(2)} CPU-ms of the bench process.`
  );
}

function describeArgon2(run: Argon2Run): string {
  return (
    `${run.concurrency} at a time: ${fmtInt(run.verifiesPerSecond)} verifies/s (${run.verifies} in ${run.seconds.toFixed(1)} s, ${run.meanMs.toFixed(1)} ms each), ` +
    `bench CPU ${run.cpu.loadGenerator.toFixed(2)}, srvCPU ${run.cpu.server.toFixed(2)}, dbCPU ${run.cpu.database.toFixed(2)}, other CPU ${run.cpu.other.toFixed(2)}, steal ${run.cpu.steal.toFixed(2)}`
  );
}

/** The signed-in session's row after its target: did the session plugin write last_seen_at? */
interface SignedInSession {
  readonly target: string;
  readonly identifier: string;
  readonly what: string;
  readonly loggedInAt: string;
  readonly lastSeenAtAfterTarget: string;
  readonly secondsFromLoginToEndOfTarget: number;
}

async function readSignedInSession(
  databaseUrl: string,
  sessionId: string,
  target: string,
  expectation: SignedInExpectation,
): Promise<SignedInSession> {
  return withAdmin(databaseUrl, async (client) => {
    const result = await client.query<{ created_at: Date; last_seen_at: Date }>(
      'select created_at, last_seen_at from "session" where id_hash = $1',
      [hashSessionId(sessionId)],
    );
    const row = result.rows[0];
    if (!row) throw new Error('the signed-in session is gone after its target');
    return {
      target,
      identifier: expectation.identifier,
      what: expectation.what,
      loggedInAt: row.created_at.toISOString(),
      lastSeenAtAfterTarget: row.last_seen_at.toISOString(),
      secondsFromLoginToEndOfTarget: (Date.now() - row.created_at.getTime()) / 1000,
    };
  });
}

/** Counted once the portal has stopped (its connections closed, so PostgreSQL's statistics are flushed). */
interface SessionTable {
  /** Rows of `session` at the end: one per successful login, none removed during the bench. */
  readonly rows: number;
  readonly successfulLogins: number;
  /** UPDATEs of `session` rows: only the session plugin's last_seen_at writes update a session here. */
  readonly updates: number;
}

/** Waits (5 s at most) until no other connection uses the bench database. */
async function waitDatabaseIdle(databaseUrl: string, name: string): Promise<void> {
  await withAdmin(databaseUrl, async (client) => {
    const deadline = Date.now() + 5000;
    while (Date.now() < deadline) {
      const result = await client.query<{ n: string }>(
        'select count(*)::text as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
        [name],
      );
      if (result.rows[0]?.n === '0') return;
      await sleep(100);
    }
    log("the portal's connections to the bench database are still open after 5 s: the UPDATE count may be short");
  });
}

/** Logins/s of the login target as a percentage of the raw verifies/s at `concurrency`, or null. */
function loginsPerRawVerify(
  results: readonly TargetResult[],
  argon2: readonly Argon2Run[],
  concurrency: number,
): number | null {
  const login = results.find((r) => r.target.kind === 'login');
  const raw = argon2.find((r) => r.concurrency === concurrency);
  return login && raw ? (login.requestsPerSecond / raw.verifiesPerSecond) * 100 : null;
}

async function readSessionTable(databaseUrl: string): Promise<SessionTable> {
  return withAdmin(databaseUrl, async (client) => {
    const count = async (query: string) => Number((await client.query<{ n: string }>(query)).rows[0]?.n ?? Number.NaN);
    return {
      rows: await count('select count(*)::text as n from "session"'),
      successfulLogins: await count(`select count(*)::text as n from audit_event where event = 'login.succeeded'`),
      updates: await count(
        `select n_tup_upd::text as n from pg_stat_user_tables where schemaname = 'public' and relname = 'session'`,
      ),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Report

function fmtInt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function fmtMs(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** The verdict of a page against its goal, read on its ratio to its same-bytes bare figure. */
function verdict(result: TargetResult, sameBytesRatio: number): string {
  const goal = GOALS[result.target.kind];
  if (!goal) return result.target.kind === 'login' ? 'n/a (argon2id-bound)' : 'baseline';
  const misses: string[] = [];
  if (!Number.isFinite(sameBytesRatio)) misses.push('no same-bytes bare figure');
  else if (sameBytesRatio < goal.minRatio)
    misses.push(`ratio to same-bytes bare ${sameBytesRatio.toFixed(1)} % < ${goal.minRatio} %`);
  if (!(result.latencyP99 < goal.maxP99Ms)) misses.push(`p99 ${fmtMs(result.latencyP99)} ms ≥ ${goal.maxP99Ms} ms`);
  return misses.length === 0 ? '**met**' : `**not met** (${misses.join('; ')})`;
}

function fmtRatio(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(1)} %` : 'n/a';
}

function spread(values: readonly number[]): number {
  const m = median(values);
  return m > 0 ? ((Math.max(...values) - Math.min(...values)) / m) * 100 : Number.NaN;
}

interface Meta {
  readonly command: string;
  readonly date: string;
  readonly nproc: string;
  readonly cpuModel: string;
  readonly nodeBench: string;
  readonly nodeChildren: string;
  readonly postgres: string;
  /** The server's `autovacuum` setting; the bench runs ANALYZE itself after loading its data. */
  readonly autovacuum: string;
  readonly database: string;
  readonly loadAverageAtStart: string;
  readonly homeBytes: number;
  /** The portal's LOGIN_RATE_LIMIT_PER_MINUTE during the bench (30 in service). */
  readonly loginRateLimitPerMinute: number;
  /** UV_THREADPOOL_SIZE of the portal (libuv's default: the bench does not set it) and of this process. */
  readonly portalThreadpool: number;
  readonly benchThreadpool: number;
}

/** The figures of the signed-in and login targets that are not autocannon's. */
interface AccountFigures {
  readonly loginAccounts: number;
  readonly argon2: readonly Argon2Run[];
  readonly signedInSessions: readonly SignedInSession[];
  readonly sessionTable: SessionTable | undefined;
  readonly recoveryTimings: readonly RecoveryTiming[];
}

function accountSection(
  meta: Meta,
  options: Options,
  results: readonly TargetResult[],
  figures: AccountFigures,
): string[] {
  const lines: string[] = [];
  const login = results.find((r) => r.target.kind === 'login');
  const signedIns = results.filter((r) => r.target.kind === 'signedIn');
  if (!login && signedIns.length === 0) return lines;
  lines.push('', 'Signed-in and login targets:', '');
  for (const signedIn of signedIns) {
    const session = figures.signedInSessions.find((s) => s.target === signedIn.target.name);
    if (!session) continue;
    const touched = session.lastSeenAtAfterTarget !== session.loggedInAt;
    const made =
      signedIn.target.as === 'demarches'
        ? 'its dossiers opened and moved by the dossier service, with their events'
        : `${BENCH_CHILDREN.length} children linked by their roll e-mail, one at each of ${BENCH_CHILDREN.map((c) => c.establishment).join(', ')} (rolls of ${OTHER_PUPILS_PER_ROLL + 1} pupils), ` +
          `${BENCH_CHILDREN.length * BENCH_MONTHS.length} bills published for ${BENCH_MONTHS.join(', ')} through the canteen services (roll and meals import, tariff, drafts generated, published)`;
    lines.push(
      `- ${signedIn.target.name}: every answer must be ${signedIn.expected}, anything else fails the bench. ` +
        `Account \`${session.identifier}\` (${made}); ` +
        `${options.connections} sessions opened by real logins just before the target, one per connection (each connection sends its own cookie, as so many browsers would). ` +
        `The session plugin writes last_seen_at at most once per ${TOUCH_INTERVAL_MS / 1000} s per session; here the target ended ${session.secondsFromLoginToEndOfTarget.toFixed(0)} s after the first login and, in the first session, ` +
        (touched
          ? `last_seen_at moved to ${session.lastSeenAtAfterTarget} (written during the target).`
          : 'last_seen_at was never written (it still equals the login time): every request only read the session.'),
    );
  }
  if (login) {
    lines.push(
      `- ${login.target.name}: every answer must be ${login.expected}, anything else fails the bench. \`POST ${login.target.path}\`, form-encoded \`identifiant\`, \`mot_de_passe\` and \`_csrf\` (the token and \`${CSRF_COOKIE}\` cookie of one GET /connexion), ` +
        `one of the ${figures.loginAccounts} bench accounts per connection (as distinct people; more than 5 logins of one identifier at once are refused by design), no cookie kept: each request is a full login (attempt counted, account read, argon2id verify, attempt forgotten, audit event, new session). ` +
        `The portal runs with LOGIN_RATE_LIMIT_PER_MINUTE=${meta.loginRateLimitPerMinute} (30 in service): the route's per-address rate limit is lifted for the bench, since every request comes from 127.0.0.1. ` +
        'The throttling of failures is unchanged (no login fails).',
    );
  }
  const perThread = figures.argon2.find((r) => r.concurrency === 1);
  const pooled = figures.argon2.find((r) => r.concurrency === meta.portalThreadpool);
  if (figures.argon2.length > 0) {
    lines.push(
      `- raw argon2id verifies (\`verifyPassword\`, m=${HASH_OPTIONS.memoryCost} KiB, t=${HASH_OPTIONS.timeCost}, p=${HASH_OPTIONS.parallelism}, the portal's parameters) in the bench process, portal idle, autocannon stopped, ` +
        `${options.duration} s each (the portal's libuv threadpool: ${meta.portalThreadpool} threads, UV_THREADPOOL_SIZE unset; the bench's: ${meta.benchThreadpool}; ${meta.nproc} cores):`,
    );
    for (const run of figures.argon2) lines.push(`  - ${describeArgon2(run)}`);
  }
  if (login && pooled) {
    const vsPooled = (login.requestsPerSecond / pooled.verifiesPerSecond) * 100;
    const vsSingle = perThread
      ? ` (and ${((login.requestsPerSecond / perThread.verifiesPerSecond) * 100).toFixed(0)} % of the verifies/s of one at a time)`
      : '';
    lines.push(
      `- **logins/s ÷ raw verifies/s (${pooled.concurrency} at a time) = ${fmtInt(login.requestsPerSecond)} ÷ ${fmtInt(pooled.verifiesPerSecond)} = ${vsPooled.toFixed(0)} %**${vsSingle}. ` +
        `The ratio to bare of the login row compares a 303 with an HTML page and is shown only for completeness: the login is bound by argon2id.`,
    );
    lines.push(`- ${loginCpuBreakdown(login.runs, pooled)}`);
  }
  const table = figures.sessionTable;
  if (table) {
    lines.push(
      `- \`session\` table at the end (read after the portal stopped): ${fmtInt(table.rows)} rows, one per successful login (${fmtInt(table.successfulLogins)} logins, warm-ups and set-up included); ` +
        `nothing removes them during the bench, they go with the database. ${fmtInt(table.updates)} session UPDATEs (last_seen_at writes) over the whole bench.`,
    );
  }
  for (const timing of figures.recoveryTimings) {
    const difference = Math.abs(timing.knownMedianMs - timing.unknownMedianMs);
    lines.push(
      `- recovery timing, \`${timing.form}\`, ${timing.samples} requests for existing accounts and ${timing.samples} for unknown ones, one at a time, alternating: ` +
        `medians ${timing.knownMedianMs.toFixed(2)} ms (existing) and ${timing.unknownMedianMs.toFixed(2)} ms (unknown), **difference ${difference.toFixed(2)} ms** (goal < 1 ms: ${difference < 1 ? 'met' : 'not met'}).`,
    );
  }
  return lines;
}

/**
 * A page's req/s as a percentage of the bare route serving its byte length in the same run (NaN if
 * none): the median of the ratios of each page run to the bare run that followed it, when their
 * runs alternated; otherwise (a page whose length was measured with an earlier page) the ratio of
 * the medians.
 */
function sameBytesRatio(result: TargetResult, results: readonly TargetResult[]): number {
  const bare = results.find((r) => r.target.kind === 'sameBytes' && r.probe.bytes === result.probe.bytes);
  if (!bare) return Number.NaN;
  if (result.alternatedWith === bare.target.path && result.runs.length === bare.runs.length) {
    return median(
      result.runs.map((run, i) => (run.requestsPerSecond / (bare.runs[i]?.requestsPerSecond ?? Number.NaN)) * 100),
    );
  }
  return (result.requestsPerSecond / bare.requestsPerSecond) * 100;
}

function report(
  meta: Meta,
  options: Options,
  results: readonly TargetResult[],
  denominator: number,
  failed: number,
  figures: AccountFigures,
): string {
  const lines: string[] = [];
  lines.push('## MonGuichet bench', '');
  lines.push(`- command: \`${meta.command}\``);
  lines.push(`- date: ${meta.date}`);
  lines.push(
    `- machine: nproc ${meta.nproc}, CPU \`${meta.cpuModel}\`, load average at start ${meta.loadAverageAtStart}`,
  );
  lines.push(`- Node: ${meta.nodeBench} (bench and autocannon), ${meta.nodeChildren} (portal and bare children)`);
  lines.push(
    `- PostgreSQL: ${meta.postgres} (autovacuum ${meta.autovacuum}), fresh database \`${meta.database}\` (migrated, demo catalogue, bench accounts, the bench parent's canteen data, then ANALYZE), dropped at the end`,
  );
  lines.push(
    `- portal: NODE_ENV=production, LOGIN_RATE_LIMIT_PER_MINUTE=${meta.loginRateLimitPerMinute} (30 in service; lifted for the login target), UV_THREADPOOL_SIZE unset (${meta.portalThreadpool} threads)`,
  );
  lines.push(
    `- load: autocannon (in-process), ${options.connections} connections, ${WARMUP_SECONDS} s warm-up then ${options.runs} × ${options.duration} s per target, ${PAUSE_MS / 1000} s pauses; medians of the runs`,
  );
  const plainBares = results.filter((r) => r.target.kind === 'baseline');
  const firstBare = plainBares[0];
  const lastBare = plainBares[plainBares.length - 1];
  const drift =
    firstBare && lastBare
      ? ((lastBare.requestsPerSecond - firstBare.requestsPerSecond) / firstBare.requestsPerSecond) * 100
      : Number.NaN;
  lines.push(
    `- denominator of "ratio to bare": mean of the bare medians (first and last) = ${fmtInt(denominator)} req/s (drift between them ${drift >= 0 ? '+' : ''}${drift.toFixed(1)} %); bare body ${fmtInt(meta.homeBytes)} bytes = the home page`,
  );
  lines.push(
    '- "ratio to same-bytes bare": a bare route answering the page\'s own body, byte for byte (its bytes as the bench first received them), is measured with the page, their runs alternating (page, bare, page, bare…); the ratio is the median of each page run\'s req/s over the bare run after it (for a page whose length was measured earlier in the run, its median over that bare median); the goals are read on this ratio',
  );
  lines.push('');
  lines.push(
    '| target | bytes | req/s (median) | p50 ms | p99 ms | ratio to bare | ratio to same-bytes bare | goal | met? |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const result of results) {
    const ratio = (result.requestsPerSecond / denominator) * 100;
    const same = sameBytesRatio(result, results);
    const goal = GOALS[result.target.kind];
    lines.push(
      `| ${result.target.name} \`${result.target.method === 'POST' ? 'POST ' : ''}${result.target.path}\` | ${fmtInt(result.probe.bytes)} | ${fmtInt(result.requestsPerSecond)} | ${fmtMs(result.latencyP50)} | ${fmtMs(result.latencyP99)} | ${fmtRatio(ratio)} | ${result.target.server === 'bare' ? '-' : fmtRatio(same)} | ${goal ? goal.label : NO_GOAL_LABEL[result.target.kind]} | ${verdict(result, same)} |`,
    );
  }
  lines.push('');
  lines.push(
    'Per run (req/s of each run, spread = (max − min) / median; CPU in cores: the server process group, autocannon, the PostgreSQL backends of the bench database, everything else on the machine, and steal by the hypervisor; medians of the runs; unexpected answers: non-2xx for the pages, anything but the expected answer for the signed-in and login targets):',
  );
  lines.push('');
  lines.push(
    '| target | bytes | cache | req/s per run | spread | srvCPU | acCPU | dbCPU | other CPU | steal | disturbed runs | errors / timeouts / unexpected answers (incl. warm-up) |',
  );
  lines.push('| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const result of results) {
    const all = [result.warmup, ...result.runs];
    const bad = [
      all.reduce((sum, r) => sum + r.errors, 0),
      all.reduce((sum, r) => sum + r.timeouts, 0),
      all.reduce((sum, r) => sum + r.unexpected, 0),
    ];
    const cache = result.probe.etag ? 'shared (ETag)' : result.probe.cacheControl || '-';
    lines.push(
      `| ${result.target.name} | ${fmtInt(result.probe.bytes)} | ${cache} | ${result.runs.map((r) => fmtInt(r.requestsPerSecond)).join(' / ')} | ${spread(result.runs.map((r) => r.requestsPerSecond)).toFixed(0)} % | ${median(result.runs.map((r) => r.cpu.server)).toFixed(2)} | ${median(result.runs.map((r) => r.cpu.loadGenerator)).toFixed(2)} | ${median(result.runs.map((r) => r.cpu.database)).toFixed(2)} | ${median(result.runs.map((r) => r.cpu.other)).toFixed(2)} | ${median(result.runs.map((r) => r.cpu.steal)).toFixed(2)} | ${result.runs.filter(disturbed).length} / ${result.runs.length} | ${bad.join(' / ')} |`,
    );
  }
  lines.push('');
  const allRuns = results.flatMap((r) => r.runs);
  const disturbedRuns = allRuns.filter(disturbed).length;
  lines.push(
    disturbedRuns === 0
      ? `No run was disturbed (other CPU + steal ≤ ${DISTURBED_CORES} cores in every run).`
      : `**Warning: ${disturbedRuns} of ${allRuns.length} runs were disturbed** (other CPU + steal > ${DISTURBED_CORES} cores): other work shared the ${meta.nproc} cores, so these ratios are less reliable; rerun on a quiet machine.`,
  );
  const busiest = new Map<string, number>();
  for (const f of allRuns.flatMap((r) => r.cpu.foreign))
    busiest.set(f.command, Math.max(busiest.get(f.command) ?? 0, f.cores));
  if (busiest.size > 0) {
    const top = [...busiest].sort((a, b) => b[1] - a[1]).slice(0, 5);
    lines.push(
      `Busiest other processes seen during the runs (peak cores over one run): ${top.map(([command, cores]) => `\`${command}\` ${cores.toFixed(2)}`).join(', ')}.`,
    );
  }
  lines.push(
    failed === 0
      ? 'Every answer was the expected one (2xx for the pages; see below for the signed-in and login targets), with no connection error or timeout.'
      : `**FAILED: ${failed} errors, timeouts or unexpected answers (see the table above).**`,
  );
  lines.push(...accountSection(meta, options, results, figures));
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Main

/** Where the pages' bodies are written for the bare server (removed at the end). */
let bodiesDir: string | undefined;

async function cleanup(): Promise<void> {
  currentInstance?.stop();
  await Promise.all(children.map((child) => stopChild(child)));
  if (bodiesDir) rmSync(bodiesDir, { recursive: true, force: true });
  await dropBenchDatabase();
}

let exiting = false;

function finish(code: number): void {
  if (exiting) return;
  exiting = true;
  const hardStop = setTimeout(() => process.exit(code === 0 ? 1 : code), 45_000);
  hardStop.unref();
  cleanup().then(
    () => process.exit(code),
    (error: unknown) => {
      log(`cleanup failed: ${errorMessage(error)}`);
      process.exit(code === 0 ? 1 : code);
    },
  );
}

function commandLine(argv: readonly string[]): string {
  const args = argv.map((a) => (/^[\w./=:@-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
  const envPrefix = process.env.DATABASE_URL ? `DATABASE_URL=${redactUrl(process.env.DATABASE_URL)} ` : '';
  if (process.env.npm_lifecycle_event === 'bench') return `${envPrefix}npm run bench${args ? ` -- ${args}` : ''}`;
  return `${envPrefix}tsx scripts/bench.ts${args ? ` ${args}` : ''}`;
}

async function main(options: Options, argv: readonly string[]): Promise<number> {
  const adminUrl = process.env.DATABASE_URL?.trim() || DEFAULT_ADMIN_URL;
  const childPath = `${BIN}${path.delimiter}${process.env.PATH ?? ''}`;
  const baseEnv: NodeJS.ProcessEnv = {
    PATH: childPath,
    HOME: process.env.HOME ?? os.homedir(),
    NODE_ENV: 'production',
  };
  if (process.env.TMPDIR) baseEnv.TMPDIR = process.env.TMPDIR;

  const nodeChildren = commandOutput('node', ['--version'], baseEnv);
  if (Number(process.versions.node.split('.')[0]) < 24 || !nodeChildren.startsWith('v24')) {
    log(`warning: Node 24 is pinned, but the bench runs ${process.version} and the children ${nodeChildren}`);
  }
  const benchThreadpool = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  if (benchThreadpool !== PORTAL_THREADPOOL) {
    log(
      `warning: UV_THREADPOOL_SIZE=${benchThreadpool} here, the portal has ${PORTAL_THREADPOOL}: the raw argon2id figures run on another number of threads`,
    );
  }
  const meta0 = {
    command: commandLine(argv),
    date: new Date().toISOString(),
    nproc: commandOutput('nproc', []),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    nodeBench: process.version,
    nodeChildren,
    postgres: redactUrl(adminUrl),
    loadAverageAtStart: os
      .loadavg()
      .map((v) => v.toFixed(2))
      .join(' '),
    loginRateLimitPerMinute: BENCH_LOGIN_RATE_LIMIT,
    portalThreadpool: PORTAL_THREADPOOL,
    benchThreadpool,
  };

  log(`creating a fresh database on ${meta0.postgres}`);
  const database = await createBenchDatabase(adminUrl);
  const { postgresVersion, autovacuum } = await withAdmin(database.url, async (client) => {
    const result = await client.query<{ version: string; autovacuum: string }>(
      "select current_setting('server_version') as version, current_setting('autovacuum') as autovacuum",
    );
    return {
      postgresVersion: result.rows[0]?.version ?? 'unknown',
      autovacuum: result.rows[0]?.autovacuum ?? 'unknown',
    };
  });

  if (options.mailOnly) {
    const mail = selected(options, 'mail') ? await benchMail(database.url, log) : undefined;
    if (mail) log(`mail: ${mail.messages} delivered in ${mail.seconds.toFixed(1)} s`);
    const notifications = selected(options, 'notifications') ? await benchNotifications(adminUrl, log) : undefined;
    if (notifications) log(`notifications: ${notifications.appliedPerSecond.toFixed(0)} applied/s`);
    process.stdout.write(
      `# Bench (${[mail ? 'mail' : '', notifications ? 'notifications' : ''].filter(Boolean).join(', ')} only)\n\n${commandLine(argv)}; ${meta0.date}; ${meta0.nproc} cores, ${meta0.cpuModel}; Node ${meta0.nodeBench}; PostgreSQL ${postgresVersion}\n`,
    );
    if (mail) process.stdout.write(mailReport(mail));
    if (notifications) process.stdout.write(notificationsReport(notifications));
    return (mail?.met ?? true) && (notifications?.met ?? true) ? 0 : 1;
  }

  const portalPort = await freePort();
  const portal = startChild('portal', ['src/server.ts'], {
    ...baseEnv,
    DATABASE_URL: database.url,
    PUBLIC_URL: `http://${HOST}:${portalPort}`,
    SESSION_SECRET: randomBytes(36).toString('base64url'), // 48 characters
    // Required in production; the measured pages send no mail, and a closed local port keeps any
    // attempt on this machine.
    SMTP_URL: `smtp://${HOST}:${await freePort()}`,
    // Required in production too; the measured pages never call the payment provider (the basket
    // only reads its leases), and this address is never resolved. The sandbox's protocol (test
    // payments only) is refused in production unless a load test asks for it, as this one does.
    PAYMENT_ALLOW_SANDBOX_IN_PRODUCTION: 'true',
    PAYMENT_PSP_URL: 'https://psp.bench.invalid',
    PAYMENT_MERCHANT_SECRETS: JSON.stringify(
      Object.fromEntries(
        ['mairie-cantine', 'dense-periscolaire'].map((id) => [id, randomBytes(24).toString('base64url')]),
      ),
    ),
    LOG_LEVEL: 'warn',
    // Every login of the login target comes from 127.0.0.1: at the default (30 a minute per
    // address), the route's rate limit would answer 429 after the 30th.
    LOGIN_RATE_LIMIT_PER_MINUTE: String(BENCH_LOGIN_RATE_LIMIT),
    // The recovery timing gives each request its own address (X-Forwarded-For), so the recovery
    // limits (per address and identifier) never hold an answer back; nothing else sends the header.
    TRUST_PROXY: HOST,
    PORT: String(portalPort),
    HOST,
    // Profiles are written when the portal stops (SIGTERM, then its own clean exit).
    ...(options.cpuProf ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${options.cpuProf}` } : {}),
  });
  const portalBase = `http://${HOST}:${portalPort}`;
  log(`portal starting on ${portalBase} (process group ${portal.pgid})`);
  await waitForOk(portal, `${portalBase}/readyz`);
  const home = await probe(`${portalBase}/`);
  if (home.status !== 200) throw new Error(`GET / answered ${home.status}`);
  log(`portal ready; the home page is ${home.bytes} bytes`);

  const { accounts } = database;
  const targets = TARGETS.filter((t) => selected(options, t.key));
  const loginPath =
    TARGETS.find((t) => t.kind === 'login')?.path ?? `/connexion?retour=${encodeURIComponent(LOGIN_RETURN)}`;

  // Every page is requested first once, so that the bare server can answer each one's own bytes:
  // a file per byte length (the first page of that length), served as it is by bench-bare.
  const pageBytes = new Map<Target, number>();
  bodiesDir = mkdtempSync(path.join(os.tmpdir(), 'monguichet-bench-bodies-'));
  for (const target of targets) {
    if (target.server !== 'portal' || target.kind === 'login') continue;
    const url = `${portalBase}${target.path}`;
    let page: Awaited<ReturnType<typeof probe>>;
    if (target.as) {
      const expectation = signedInExpectation(target, accounts);
      const { sessionId } = await logIn(portalBase, loginPath, expectation.identifier);
      page = await probe(url, { headers: { cookie: `${SESSION_COOKIE}=${sessionId}` } });
      const problem = signedInProblem(page.status, page.body, expectation.mustContain);
      if (problem !== undefined) throw new Error(`${target.name}: GET ${url} with the session cookie: ${problem}`);
    } else {
      page = await probe(url);
      if (page.status < 200 || page.status > 299) throw new Error(`${target.name}: GET ${url} answered ${page.status}`);
    }
    if (![...pageBytes.values()].includes(page.bytes))
      writeFileSync(path.join(bodiesDir, `${page.bytes}.html`), page.bytesRead);
    pageBytes.set(target, page.bytes);
    log(`${target.name}: ${page.bytes} bytes`);
  }

  const barePort = await freePort();
  const bare = startChild('bare', ['scripts/bench-bare.ts'], {
    ...baseEnv,
    BENCH_BARE_BYTES: String(home.bytes),
    BENCH_BARE_BODIES: bodiesDir,
    PORT: String(barePort),
    HOST,
  });
  const bareBase = `http://${HOST}:${barePort}`;
  log(`bare baseline starting on ${bareBase} (process group ${bare.pgid})`);
  await waitForOk(bare, `${bareBase}/bare`);

  // Each page is measured with the bare route of its byte length (once per length), their runs
  // alternating: page, bare, page, bare… so that a slower minute of the machine weighs on both.
  const groups: Target[][] = [];
  const sizesMeasured = new Set<number>();
  for (const target of targets) {
    const group = [target];
    const bytes = pageBytes.get(target);
    if (bytes !== undefined && !sizesMeasured.has(bytes)) {
      sizesMeasured.add(bytes);
      group.push(sameBytesTarget(bytes));
    }
    groups.push(group);
  }

  const results: TargetResult[] = [];
  let failed = 0;
  const argon2: Argon2Run[] = [];
  const signedInSessions: SignedInSession[] = [];

  /** What a target's runs need: its URL and server, its load, and its probed answer. */
  interface Prepared {
    readonly target: Target;
    readonly child: Child;
    readonly url: string;
    readonly probed: Probe;
    readonly load: Load | undefined;
    readonly sessionId: string | undefined;
    readonly expectation: SignedInExpectation | undefined;
  }
  const prepare = async (target: Target): Promise<Prepared> => {
    const child = target.server === 'bare' ? bare : portal;
    const url = `${target.server === 'bare' ? bareBase : portalBase}${target.path}`;
    assertAlive(child);
    let probed: Probe;
    let load: Load | undefined;
    let sessionId: string | undefined;
    let expectation: SignedInExpectation | undefined;
    if (target.as) {
      expectation = signedInExpectation(target, accounts);
      // One session per connection, each opened by a real login.
      const sessionIds: string[] = [];
      for (let i = 0; i < options.connections; i += 1)
        sessionIds.push((await logIn(portalBase, loginPath, expectation.identifier)).sessionId);
      sessionId = sessionIds[0];
      load = signedInLoad(target.path, sessionIds, expectation.mustContain, expectation.what);
      const page = await probe(url, { headers: { cookie: `${SESSION_COOKIE}=${sessionId}` } });
      const problem = signedInProblem(page.status, page.body, expectation.mustContain);
      if (problem !== undefined) throw new Error(`${target.name}: GET ${url} with the session cookie: ${problem}`);
      probed = probeSummary(page);
    } else if (target.kind === 'login') {
      probed = (await logIn(portalBase, target.path, accounts.loginIdentifiers[0] ?? '')).probe;
      load = loginLoad(target.path, await openLoginForm(portalBase), accounts.loginIdentifiers);
      for (const concurrency of [1, PORTAL_THREADPOOL]) {
        await sleep(PAUSE_MS);
        log(`argon2id in this process, ${concurrency} at a time, ${options.duration} s (portal idle)`);
        const run = await measureArgon2(accounts.sampleHash, concurrency, options.duration, portal.pgid);
        argon2.push(run);
        log(`  ${describeArgon2(run)}`);
      }
    } else {
      const page = await probe(url);
      if (page.status < 200 || page.status > 299) throw new Error(`${target.name}: GET ${url} answered ${page.status}`);
      const expectedBytes = target.kind === 'sameBytes' ? Number(target.path.split('/').pop()) : home.bytes;
      if (target.server === 'bare' && page.bytes !== expectedBytes)
        throw new Error(`${target.path} answers ${page.bytes} bytes instead of ${expectedBytes}`);
      probed = probeSummary(page);
    }
    const measuredBytes = pageBytes.get(target);
    if (measuredBytes !== undefined && measuredBytes !== probed.bytes)
      log(`warning: ${target.name} was ${measuredBytes} bytes when first measured and is ${probed.bytes} now`);
    return { target, child, url, probed, load, sessionId, expectation };
  };

  for (const group of groups) {
    const prepared: Prepared[] = [];
    for (const target of group) prepared.push(await prepare(target));
    const warmups: RunResult[] = [];
    for (const one of prepared) {
      log(`${one.target.name}: warm-up ${WARMUP_SECONDS} s on ${one.target.method ?? 'GET'} ${one.url}`);
      const warmup = await measure(one.url, options.connections, WARMUP_SECONDS, one.child.pgid, one.load);
      failed += failures(warmup);
      if (failures(warmup) > 0) log(`  warm-up: ${describeRun(warmup)}`);
      warmups.push(warmup);
    }
    const runs: RunResult[][] = prepared.map(() => []);
    for (let i = 0; i < options.runs; i += 1) {
      for (const [index, one] of prepared.entries()) {
        if (aborting) throw new Error('aborted');
        await sleep(PAUSE_MS);
        assertAlive(one.child);
        const run = await measure(one.url, options.connections, options.duration, one.child.pgid, one.load);
        runs[index]?.push(run);
        failed += failures(run);
        log(`  ${one.target.name}, run ${i + 1}/${options.runs}: ${describeRun(run)}`);
      }
    }
    for (const [index, one] of prepared.entries()) {
      assertAlive(one.child);
      if (one.sessionId !== undefined && one.expectation !== undefined) {
        signedInSessions.push(await readSignedInSession(database.url, one.sessionId, one.target.name, one.expectation));
      }
      const own = runs[index] ?? [];
      results.push({
        target: one.target,
        url: one.url,
        probe: one.probed,
        expected: one.load?.expected ?? '2xx',
        warmup: warmups[index] as RunResult,
        runs: own,
        requestsPerSecond: median(own.map((r) => r.requestsPerSecond)),
        latencyP50: median(own.map((r) => r.latencyP50)),
        latencyP99: median(own.map((r) => r.latencyP99)),
        ...(prepared.length > 1 ? { alternatedWith: prepared[1 - index]?.target.path ?? '' } : {}),
      });
    }
    await sleep(PAUSE_MS);
  }

  const recoveryTimings: RecoveryTiming[] = [];
  const recoveryForms = [
    [
      '/mot-de-passe-oublie',
      'identifiant',
      accounts.recovery.map((a) => a.identifier),
      accounts.recovery.map((_, i) => `bench.personne${i}`),
    ],
    [
      '/identifiant-oublie',
      'email',
      accounts.recovery.map((a) => a.email),
      accounts.recovery.map((_, i) => `bench.personne${i}@example.org`),
    ],
  ] as const;
  for (const [path, field, known, unknown] of selected(options, 'recovery') ? recoveryForms : []) {
    await sleep(PAUSE_MS);
    log(`recovery timing: ${RECOVERY_SAMPLES} + ${RECOVERY_SAMPLES} requests, one at a time, on POST ${path}`);
    const timing = await timeRecovery(portalBase, path, field, known, unknown);
    recoveryTimings.push(timing);
    log(
      `  medians: existing ${timing.knownMedianMs.toFixed(2)} ms, unknown ${timing.unknownMedianMs.toFixed(2)} ms, difference ${(timing.knownMedianMs - timing.unknownMedianMs).toFixed(2)} ms`,
    );
  }

  // The portal's connections close when it stops, which flushes PostgreSQL's table statistics.
  log('stopping the portal to count the session table');
  await stopChild(portal);
  await waitDatabaseIdle(database.url, database.name);
  const sessionTable = await readSessionTable(database.url);
  // The portal stopped: the mail worker measured here has the machine to itself.
  const mail = selected(options, 'mail') ? await benchMail(database.url, log) : undefined;
  if (mail) log(`mail: ${mail.messages} delivered in ${mail.seconds.toFixed(1)} s`);
  const figures: AccountFigures = {
    loginAccounts: accounts.loginIdentifiers.length,
    argon2,
    signedInSessions,
    sessionTable,
    recoveryTimings,
  };

  const bares = results.filter((r) => r.target.kind === 'baseline');
  // No plain bare target selected (`--only`): the "ratio to bare" column reads n/a.
  const denominator =
    bares.length > 0 ? bares.reduce((sum, r) => sum + r.requestsPerSecond, 0) / bares.length : Number.NaN;
  const meta: Meta = {
    ...meta0,
    nodeChildren,
    postgres: `${postgresVersion} at ${meta0.postgres}`,
    autovacuum,
    database: database.name,
    homeBytes: home.bytes,
  };
  process.stdout.write(report(meta, options, results, denominator, failed, figures));
  if (mail) process.stdout.write(mailReport(mail));

  if (options.json) {
    const raw = {
      meta,
      options: { ...options, warmupSeconds: WARMUP_SECONDS, pauseMs: PAUSE_MS },
      denominator,
      targets: results.map((r) => ({
        ...r,
        ratioToBarePercent: (r.requestsPerSecond / denominator) * 100,
        ratioToSameBytesBarePercent: r.target.server === 'portal' ? sameBytesRatio(r, results) : null,
        goal: GOALS[r.target.kind] ?? null,
      })),
      accounts: {
        loginIdentifiers: accounts.loginIdentifiers,
        signedIn: accounts.signedIn,
        parent: accounts.parent,
        argon2: argon2.map((run) => ({ ...run, parameters: HASH_OPTIONS })),
        loginsPerRawVerifyPercent: loginsPerRawVerify(results, argon2, PORTAL_THREADPOOL),
        signedInSessions,
        sessionTable,
      },
      mail: mail ?? null,
      failed,
    };
    writeFileSync(options.json, `${JSON.stringify(raw, null, 2)}\n`);
    log(`raw figures written to ${options.json}`);
  }
  return failed === 0 ? 0 : 1;
}

const argv = process.argv.slice(2);
let options: Options;
try {
  options = parseOptions(argv);
} catch (error) {
  process.stderr.write(`${errorMessage(error)}\n`);
  process.exit(2);
}

// Bounded duration whatever happens: setup + every target + the argon2id timings + cleanup, with a
// generous margin.
const perTarget = WARMUP_SECONDS + options.runs * (options.duration + PAUSE_MS / 1000) + 20;
// Each page is measured with its same-bytes bare target, hence twice the targets.
const budgetSeconds = 240 + 2 * TARGETS.length * perTarget + 2 * (options.duration + 10);
const watchdog = setTimeout(() => {
  log(`watchdog: the bench ran longer than ${budgetSeconds} s, stopping`);
  aborting = true;
  finish(3);
}, budgetSeconds * 1000);
watchdog.unref();

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  // `on`, not `once`: npm and tsx relay the terminal's signal, so it may arrive twice.
  process.on(signal, () => {
    log(`${signal}: stopping the children and dropping the database`);
    aborting = true;
    finish(signal === 'SIGINT' ? 130 : 143);
  });
}

main(options, argv).then(
  (code) => finish(code),
  (error: unknown) => {
    if (!aborting) log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    finish(1);
  },
);
