/**
 * `npm run bench`: the anonymous pages of the real portal (PostgreSQL mode, NODE_ENV=production)
 * measured with autocannon against a bare Fastify route serving the same number of bytes, in the
 * same run on the same machine: runs taken minutes apart on this machine class differ by up to 50 %.
 *
 *   npm run bench [-- --runs 3 --duration 10 --connections 50 --json bench.json]
 *
 * Steps: create a fresh database `monguichet_bench_<timestamp>` on the PostgreSQL server of
 * DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), migrate it and load the demo
 * catalogue; start the portal and scripts/bench-bare.ts as children in their own process groups,
 * on 127.0.0.1 only; for each target, a 3 s warm-up (not counted) then N runs with 1 s pauses;
 * bare first and again last, their mean being the denominator of every ratio. Children are
 * stopped by process group and the database is dropped at the end, on failure, on SIGINT/SIGTERM
 * and when the watchdog fires, so the bench always terminates.
 *
 * Progress goes to stderr, the report (Markdown) to stdout.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { connectDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { seedDemoData } from '../src/seed/demo.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const TSX = path.join(BIN, 'tsx');
const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const HOST = '127.0.0.1';
const WARMUP_SECONDS = 3;
const PAUSE_MS = 1000;
const READY_TIMEOUT_MS = 90_000;

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  readonly runs: number;
  readonly duration: number;
  readonly connections: number;
  readonly json: string | undefined;
}

class UsageError extends Error {}

function intOption(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`--${name} must be an integer in [${min}, ${max}], got ${raw}`);
  return value;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help === true) {
    process.stdout.write('usage: npm run bench -- [--runs N (3)] [--duration SECONDS (10)] [--connections C (50)] [--json FILE]\n');
    process.exit(0);
  }
  return {
    runs: intOption('runs', values.runs, 3, 1, 20),
    duration: intOption('duration', values.duration, 10, 1, 120),
    connections: intOption('connections', values.connections, 50, 1, 1000),
    json: values.json,
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
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).slice(1).map(Number);
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
}

function sampleCpu(): CpuSample {
  const processes = new Map(readProcStats().map((s) => [s.pid, s]));
  return { at: process.hrtime.bigint(), processes, bench: process.cpuUsage(), machine: machineSeconds() };
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
  /** Everything else on the machine: other servers, other people's work, the kernel. */
  readonly other: number;
  /** CPU time the hypervisor gave to other guests (steal). */
  readonly steal: number;
  /** The busiest processes outside the bench and its children (that were alive at the end of the run). */
  readonly foreign: readonly ForeignProcess[];
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

function cpuShares(before: CpuSample, after: CpuSample, serverGroup: number): CpuShares {
  const elapsed = Number(after.at - before.at) / 1e9;
  const ownGroups = new Set(children.map((c) => c.pgid));
  const own = new Set([process.pid, process.ppid]);
  let server = 0;
  const foreign: ForeignProcess[] = [];
  for (const [pid, stat] of after.processes) {
    const earlier = before.processes.get(pid);
    const delta = (stat.ticks - (earlier?.ticks ?? 0)) / CLK_TCK / elapsed;
    if (stat.pgrp === serverGroup) server += delta;
    else if (!ownGroups.has(stat.pgrp) && !own.has(pid) && delta >= 0.05) foreign.push({ pid, command: '', cores: delta });
  }
  foreign.sort((a, b) => b.cores - a.cores);
  const bench = process.cpuUsage(before.bench);
  const loadGenerator = (bench.user + bench.system) / 1e6 / elapsed;
  const machine = (after.machine.busy - before.machine.busy) / elapsed;
  const steal = (after.machine.steal - before.machine.steal) / elapsed;
  return {
    server,
    loadGenerator,
    other: Math.max(0, machine - server - loadGenerator),
    steal,
    foreign: foreign.slice(0, 3).map((f) => ({ ...f, command: shortCommand(f.pid) })),
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
  const proc = spawn(TSX, args, { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
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
  throw new Error(`${child.name}: ${url} did not answer 200 within ${READY_TIMEOUT_MS / 1000} s (${last}); its output:\n${child.output()}`);
}

// ---------------------------------------------------------------------------------------------
// The bench database

interface BenchDatabase {
  readonly name: string;
  readonly adminUrl: string;
  readonly url: string;
}

/** The database to drop at the end; `created` stays false until CREATE DATABASE answered. */
let benchDatabase: (BenchDatabase & { created: boolean }) | undefined;

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
    log(`database ${name}: ${migrations.length} migrations applied, demo catalogue loaded`);
  } finally {
    await database.close();
  }
  return { name, adminUrl, url: url.toString() };
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

type Kind = 'baseline' | 'anonymous' | 'search';

interface Target {
  readonly name: string;
  readonly kind: Kind;
  readonly server: 'bare' | 'portal';
  readonly path: string;
}

const TARGETS: readonly Target[] = [
  { name: 'bare', kind: 'baseline', server: 'bare', path: '/bare' },
  { name: 'home', kind: 'anonymous', server: 'portal', path: '/' },
  { name: 'catalogue', kind: 'anonymous', server: 'portal', path: '/demarches' },
  { name: 'search', kind: 'search', server: 'portal', path: '/demarches?q=cantine' },
  { name: 'procedure', kind: 'anonymous', server: 'portal', path: '/demarches/payer-la-cantine-ecole-de-fontvieille' },
  { name: 'bare (again)', kind: 'baseline', server: 'bare', path: '/bare' },
];

const GOALS: Record<Kind, { readonly minRatio: number; readonly label: string } | undefined> = {
  baseline: undefined,
  anonymous: { minRatio: 50, label: 'anonymous page: ≥ 50 % of bare, p99 < 50 ms' },
  search: { minRatio: 15, label: 'search: ≥ 15 % of bare, p99 < 50 ms' },
};
const MAX_P99_MS = 50;
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
  readonly statusCodes: Record<string, number>;
  readonly cpu: CpuShares;
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
  readonly warmup: RunResult;
  readonly runs: RunResult[];
  readonly requestsPerSecond: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
}

let currentInstance: autocannon.Instance | undefined;
let aborting = false;

function cannon(url: string, connections: number, duration: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    currentInstance = autocannon({ url, connections, duration, timeout: 10 }, (error: unknown, result: autocannon.Result) => {
      currentInstance = undefined;
      if (error) reject(error instanceof Error ? error : new Error(errorMessage(error)));
      else resolve(result);
    });
  });
}

async function measure(url: string, connections: number, duration: number, serverGroup: number): Promise<RunResult> {
  const before = sampleCpu();
  const result = await cannon(url, connections, duration);
  const cpu = cpuShares(before, sampleCpu(), serverGroup);
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
    statusCodes,
    cpu,
  };
}

async function probe(url: string): Promise<Probe> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = await response.arrayBuffer();
  return {
    status: response.status,
    bytes: body.byteLength,
    contentType: response.headers.get('content-type') ?? '',
    cacheControl: response.headers.get('cache-control') ?? '',
    etag: response.headers.has('etag'),
  };
}

function failures(run: RunResult): number {
  return run.errors + run.timeouts + run.non2xx;
}

function describeRun(run: RunResult): string {
  const codes = Object.entries(run.statusCodes)
    .map(([code, count]) => `${code}×${count}`)
    .join(' ');
  return (
    `${Math.round(run.requestsPerSecond)} req/s, p50 ${run.latencyP50} ms, p99 ${run.latencyP99} ms, ` +
    `srvCPU ${run.cpu.server.toFixed(2)} acCPU ${run.cpu.loadGenerator.toFixed(2)} otherCPU ${run.cpu.other.toFixed(2)} steal ${run.cpu.steal.toFixed(2)}, ` +
    `errors ${run.errors} timeouts ${run.timeouts} non-2xx ${run.non2xx} [${codes}]` +
    (run.cpu.foreign.length > 0 ? `; busiest other processes: ${run.cpu.foreign.map((f) => `${f.command} (pid ${f.pid}) ${f.cores.toFixed(2)}`).join(', ')}` : '')
  );
}

// ---------------------------------------------------------------------------------------------
// Report

function fmtInt(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

function fmtMs(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function verdict(result: TargetResult, ratio: number): string {
  const goal = GOALS[result.target.kind];
  if (!goal) return 'baseline';
  const misses: string[] = [];
  if (ratio < goal.minRatio) misses.push(`ratio ${ratio.toFixed(1)} % < ${goal.minRatio} %`);
  if (!(result.latencyP99 < MAX_P99_MS)) misses.push(`p99 ${fmtMs(result.latencyP99)} ms ≥ ${MAX_P99_MS} ms`);
  return misses.length === 0 ? '**met**' : `**not met** (${misses.join('; ')})`;
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
  readonly database: string;
  readonly loadAverageAtStart: string;
  readonly homeBytes: number;
}

function report(meta: Meta, options: Options, results: readonly TargetResult[], denominator: number, failed: number): string {
  const lines: string[] = [];
  lines.push('## MonGuichet bench', '');
  lines.push(`- command: \`${meta.command}\``);
  lines.push(`- date: ${meta.date}`);
  lines.push(`- machine: nproc ${meta.nproc}, CPU \`${meta.cpuModel}\`, load average at start ${meta.loadAverageAtStart}`);
  lines.push(`- Node: ${meta.nodeBench} (bench and autocannon), ${meta.nodeChildren} (portal and bare children)`);
  lines.push(`- PostgreSQL: ${meta.postgres}, fresh database \`${meta.database}\` (migrated, demo catalogue), dropped at the end`);
  lines.push(
    `- load: autocannon (in-process), ${options.connections} connections, ${WARMUP_SECONDS} s warm-up then ${options.runs} × ${options.duration} s per target, ${PAUSE_MS / 1000} s pauses; medians of the runs`,
  );
  const firstBare = results[0];
  const lastBare = results[results.length - 1];
  const drift = firstBare && lastBare ? ((lastBare.requestsPerSecond - firstBare.requestsPerSecond) / firstBare.requestsPerSecond) * 100 : Number.NaN;
  lines.push(
    `- denominator: mean of the bare medians (first and last) = ${fmtInt(denominator)} req/s (drift between them ${drift >= 0 ? '+' : ''}${drift.toFixed(1)} %); bare body ${fmtInt(meta.homeBytes)} bytes = the home page`,
  );
  lines.push('');
  lines.push('| target | req/s (median) | p50 ms | p99 ms | ratio to bare | target from the issue | met? |');
  lines.push('| --- | ---: | ---: | ---: | ---: | --- | --- |');
  for (const result of results) {
    const ratio = (result.requestsPerSecond / denominator) * 100;
    const goal = GOALS[result.target.kind];
    lines.push(
      `| ${result.target.name} \`${result.target.path}\` | ${fmtInt(result.requestsPerSecond)} | ${fmtMs(result.latencyP50)} | ${fmtMs(result.latencyP99)} | ${ratio.toFixed(1)} % | ${goal ? goal.label : '(baseline)'} | ${verdict(result, ratio)} |`,
    );
  }
  lines.push('');
  lines.push('Per run (req/s of each run, spread = (max − min) / median; CPU in cores: the server process group, autocannon, everything else on the machine, and steal by the hypervisor; medians of the runs):');
  lines.push('');
  lines.push('| target | bytes | cache | req/s per run | spread | srvCPU | acCPU | other CPU | steal | disturbed runs | errors / timeouts / non-2xx (incl. warm-up) |');
  lines.push('| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const result of results) {
    const all = [result.warmup, ...result.runs];
    const bad = [
      all.reduce((sum, r) => sum + r.errors, 0),
      all.reduce((sum, r) => sum + r.timeouts, 0),
      all.reduce((sum, r) => sum + r.non2xx, 0),
    ];
    const cache = result.probe.etag ? 'shared (ETag)' : result.probe.cacheControl || '-';
    lines.push(
      `| ${result.target.name} | ${fmtInt(result.probe.bytes)} | ${cache} | ${result.runs.map((r) => fmtInt(r.requestsPerSecond)).join(' / ')} | ${spread(result.runs.map((r) => r.requestsPerSecond)).toFixed(0)} % | ${median(result.runs.map((r) => r.cpu.server)).toFixed(2)} | ${median(result.runs.map((r) => r.cpu.loadGenerator)).toFixed(2)} | ${median(result.runs.map((r) => r.cpu.other)).toFixed(2)} | ${median(result.runs.map((r) => r.cpu.steal)).toFixed(2)} | ${result.runs.filter(disturbed).length} / ${result.runs.length} | ${bad.join(' / ')} |`,
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
  for (const f of allRuns.flatMap((r) => r.cpu.foreign)) busiest.set(f.command, Math.max(busiest.get(f.command) ?? 0, f.cores));
  if (busiest.size > 0) {
    const top = [...busiest].sort((a, b) => b[1] - a[1]).slice(0, 5);
    lines.push(`Busiest other processes seen during the runs (peak cores over one run): ${top.map(([command, cores]) => `\`${command}\` ${cores.toFixed(2)}`).join(', ')}.`);
  }
  lines.push(failed === 0 ? 'Every response was 2xx, with no connection error or timeout.' : `**FAILED: ${failed} errors, timeouts or non-2xx responses (see the table above).**`);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Main

async function cleanup(): Promise<void> {
  currentInstance?.stop();
  await Promise.all(children.map((child) => stopChild(child)));
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
  const baseEnv: NodeJS.ProcessEnv = { PATH: childPath, HOME: process.env.HOME ?? os.homedir(), NODE_ENV: 'production' };
  if (process.env.TMPDIR) baseEnv.TMPDIR = process.env.TMPDIR;

  const nodeChildren = commandOutput('node', ['--version'], baseEnv);
  if (Number(process.versions.node.split('.')[0]) < 24 || !nodeChildren.startsWith('v24')) {
    log(`warning: Node 24 is pinned, but the bench runs ${process.version} and the children ${nodeChildren}`);
  }
  const meta0 = {
    command: commandLine(argv),
    date: new Date().toISOString(),
    nproc: commandOutput('nproc', []),
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    nodeBench: process.version,
    nodeChildren,
    postgres: redactUrl(adminUrl),
    loadAverageAtStart: os.loadavg().map((v) => v.toFixed(2)).join(' '),
  };

  log(`creating a fresh database on ${meta0.postgres}`);
  const database = await createBenchDatabase(adminUrl);
  const postgresVersion = await withAdmin(database.url, async (client) => {
    const result = await client.query<{ server_version: string }>('show server_version');
    return result.rows[0]?.server_version ?? 'unknown';
  });

  const portalPort = await freePort();
  const portal = startChild('portal', ['src/server.ts'], {
    ...baseEnv,
    DATABASE_URL: database.url,
    PUBLIC_URL: `http://${HOST}:${portalPort}`,
    SESSION_SECRET: randomBytes(36).toString('base64url'), // 48 characters
    // Required in production; the measured pages send no mail, and a closed local port keeps any
    // attempt on this machine.
    SMTP_URL: `smtp://${HOST}:${await freePort()}`,
    LOG_LEVEL: 'warn',
    PORT: String(portalPort),
    HOST,
  });
  const portalBase = `http://${HOST}:${portalPort}`;
  log(`portal starting on ${portalBase} (process group ${portal.pgid})`);
  await waitForOk(portal, `${portalBase}/readyz`);
  const home = await probe(`${portalBase}/`);
  if (home.status !== 200) throw new Error(`GET / answered ${home.status}`);
  log(`portal ready; the home page is ${home.bytes} bytes`);

  const barePort = await freePort();
  const bare = startChild('bare', ['scripts/bench-bare.ts'], {
    ...baseEnv,
    BENCH_BARE_BYTES: String(home.bytes),
    PORT: String(barePort),
    HOST,
  });
  const bareBase = `http://${HOST}:${barePort}`;
  log(`bare baseline starting on ${bareBase} (process group ${bare.pgid})`);
  await waitForOk(bare, `${bareBase}/bare`);

  const results: TargetResult[] = [];
  let failed = 0;
  for (const target of TARGETS) {
    const child = target.server === 'bare' ? bare : portal;
    const url = `${target.server === 'bare' ? bareBase : portalBase}${target.path}`;
    assertAlive(child);
    const probed = await probe(url);
    if (probed.status < 200 || probed.status > 299) throw new Error(`${target.name}: GET ${url} answered ${probed.status}`);
    if (target.server === 'bare' && probed.bytes !== home.bytes) throw new Error(`bare answers ${probed.bytes} bytes, the home page ${home.bytes}`);

    log(`${target.name}: warm-up ${WARMUP_SECONDS} s on ${url}`);
    const warmup = await measure(url, options.connections, WARMUP_SECONDS, child.pgid);
    failed += failures(warmup);
    if (failures(warmup) > 0) log(`  warm-up: ${describeRun(warmup)}`);
    const runs: RunResult[] = [];
    for (let i = 0; i < options.runs; i += 1) {
      if (aborting) throw new Error('aborted');
      await sleep(PAUSE_MS);
      assertAlive(child);
      const run = await measure(url, options.connections, options.duration, child.pgid);
      runs.push(run);
      failed += failures(run);
      log(`  run ${i + 1}/${options.runs}: ${describeRun(run)}`);
    }
    assertAlive(child);
    results.push({
      target,
      url,
      probe: probed,
      warmup,
      runs,
      requestsPerSecond: median(runs.map((r) => r.requestsPerSecond)),
      latencyP50: median(runs.map((r) => r.latencyP50)),
      latencyP99: median(runs.map((r) => r.latencyP99)),
    });
    await sleep(PAUSE_MS);
  }

  const bares = results.filter((r) => r.target.kind === 'baseline');
  const denominator = bares.reduce((sum, r) => sum + r.requestsPerSecond, 0) / bares.length;
  const meta: Meta = { ...meta0, nodeChildren, postgres: `${postgresVersion} at ${meta0.postgres}`, database: database.name, homeBytes: home.bytes };
  process.stdout.write(report(meta, options, results, denominator, failed));

  if (options.json) {
    const raw = {
      meta,
      options: { ...options, warmupSeconds: WARMUP_SECONDS, pauseMs: PAUSE_MS },
      denominator,
      targets: results.map((r) => ({
        ...r,
        ratioToBarePercent: (r.requestsPerSecond / denominator) * 100,
        goal: GOALS[r.target.kind] ?? null,
      })),
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

// Bounded duration whatever happens: setup + every target + cleanup, with a generous margin.
const perTarget = WARMUP_SECONDS + options.runs * (options.duration + PAUSE_MS / 1000) + 20;
const budgetSeconds = 240 + TARGETS.length * perTarget;
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
