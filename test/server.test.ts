/**
 * The process entry (`tsx src/server.ts`) run for real, and the development stand-ins: production
 * refuses to start without its secrets or with a stand-in; development serves the portal and both
 * stand-ins on their own ports, and stops cleanly on SIGTERM.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { buildMconnectStandIn, mconnectStandInOptions } from '../dev/mconnect/server.ts';
import { buildPspSandbox, pspSandboxOptions } from '../dev/psp-sandbox/server.ts';
import { assertNotProduction } from '../dev/stand-in.ts';
import { loadConfig } from '../src/config.ts';
import { TEST_NODE_ARGS } from '../scripts/test-worker-client.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binDir = path.join(root, 'node_modules', '.bin');

const cleanups: (() => Promise<void>)[] = [];
after(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** Only PATH (Node 24 first) and the given variables: nothing leaks from this process. */
function cleanEnv(env: Record<string, string>): Record<string, string> {
  return { PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`, ...env };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  await once(server, 'close');
  assert.ok(address && typeof address === 'object');
  return address.port;
}

/** Polls `url` until it answers 200, the child exits, or `timeoutMs` passes. */
async function waitUntilAnswering(
  url: string,
  child: ChildProcess,
  output: () => string,
  timeoutMs = 180_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      assert.fail(`the server exited (${child.exitCode ?? child.signalCode}) before ${url} answered:\n${output()}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  assert.fail(`${url} did not answer within ${timeoutMs / 1000} s:\n${output()}`);
}

test('in production without its secrets the server exits non-zero and names each missing variable', () => {
  const result = spawnSync(path.join(binDir, 'node'), [...TEST_NODE_ARGS, 'src/server.ts'], {
    cwd: root,
    env: cleanEnv({ NODE_ENV: 'production' }),
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(result.error, undefined);
  assert.notEqual(result.status, 0);
  assert.match(result.stderr, /Invalid configuration/);
  for (const variable of ['DATABASE_URL', 'SESSION_SECRET', 'PUBLIC_URL', 'SMTP_URL']) {
    assert.match(result.stderr, new RegExp(`^ {2}- ${variable} is required in production`, 'm'));
  }
  assert.equal(result.stdout, '');
});

test('assertNotProduction refuses production and lets development through', () => {
  assert.throws(
    () => assertNotProduction('Stand-in', 'production'),
    /Stand-in is a development stand-in and refuses to start when NODE_ENV=production/,
  );
  assert.doesNotThrow(() => assertNotProduction('Stand-in', 'development'));
});

/** The MConnect stand-in as `npm start` builds it, with its keys in a temporary data directory. */
function buildMconnectForTest(nodeEnv: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mg-mconnect-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true, maxRetries: 5 }));
  const options = mconnectStandInOptions(loadConfig({ NODE_ENV: 'development', DATA_DIR: dataDir }));
  return buildMconnectStandIn({ ...options, nodeEnv });
}

/** The sandbox payment provider as `npm start` builds it, its state in a temporary data directory. */
function buildPspSandboxForTest(nodeEnv: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'mg-psp-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true, maxRetries: 5 }));
  return buildPspSandbox({ ...pspSandboxOptions(nodeEnv, { DATA_DIR: dataDir }), background: false });
}

for (const [name, build] of [
  ['the MConnect stand-in', buildMconnectForTest],
  ['the sandbox payment provider', buildPspSandboxForTest],
] as const) {
  test(`${name} cannot be built in production`, () => {
    assert.throws(() => build('production'), /refuses to start when NODE_ENV=production/);
  });

  test(`${name} answers /healthz in development`, async () => {
    const app = build('development');
    try {
      const response = await app.inject('/healthz');
      assert.equal(response.statusCode, 200);
      assert.equal(response.json<{ status: string }>().status, 'ok');
    } finally {
      await app.close();
    }
  });
}

test('the home page of the sandbox payment provider lists its test cards, in French by default', async () => {
  const app = buildPspSandboxForTest('development');
  try {
    const page = await app.inject('/');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<html lang="fr">/);
    assert.match(page.body, /4242 4242 4242 4242/);
    assert.match(page.body, /Aucune vraie carte n’est débitée/);
  } finally {
    await app.close();
  }
});

test('in development the server serves the portal and both stand-ins, then exits 0 on SIGTERM', async () => {
  const dataDir = path.join(await mkdtemp(path.join(tmpdir(), 'mg-server-')), 'data');
  cleanups.push(() => rm(path.dirname(dataDir), { recursive: true, force: true, maxRetries: 5 }));
  const [port, mconnectPort, pspPort] = [await freePort(), await freePort(), await freePort()];

  const child = spawn(path.join(binDir, 'node'), [...TEST_NODE_ARGS, 'src/server.ts'], {
    cwd: root,
    env: cleanEnv({
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      MCONNECT_DEV_PORT: String(mconnectPort),
      PSP_SANDBOX_PORT: String(pspPort),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });

  const base = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(`${base}/healthz`, child, () => output);

  const home = await fetch(`${base}/`);
  assert.equal(home.status, 200);
  assert.match(home.headers.get('content-type') ?? '', /^text\/html/);
  assert.match(await home.text(), /<html lang="fr"/);

  const ready = await fetch(`${base}/readyz`);
  assert.equal(ready.status, 200);
  assert.equal(((await ready.json()) as { status: string }).status, 'ready');

  for (const standInPort of [mconnectPort, pspPort]) {
    await waitUntilAnswering(`http://127.0.0.1:${standInPort}/healthz`, child, () => output, 15_000);
    const health = await fetch(`http://127.0.0.1:${standInPort}/healthz`);
    assert.equal(((await health.json()) as { status: string }).status, 'ok');
  }

  child.kill('SIGTERM');
  const [code, signal] = await Promise.race([
    exited,
    sleep(15_000, undefined, { ref: false }).then(() =>
      assert.fail(`the server did not exit within 15 s of SIGTERM:\n${output}`),
    ),
  ]);
  assert.equal(signal, null);
  assert.equal(code, 0, output);
});
