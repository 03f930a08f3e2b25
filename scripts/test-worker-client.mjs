// The runner's side of a test worker (scripts/test-worker.mjs): starts one, sends it a file at a
// time and reads back that file's output and outcome. Used by scripts/run-tests.mjs and tested
// by test/test-worker.test.ts.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { DONE_MARK } from './test-worker.mjs';

/**
 * The Node.js flags of every test process: tsx for TypeScript, and `--liftoff-only`: V8 compiles
 * PGlite's WebAssembly with its baseline compiler only. Its optimising compiler cost more CPU than
 * it saved, in a process per file and in the workers alike (CONTRIBUTING.md, "Keeping CI well
 * under ten minutes").
 */
export const TEST_NODE_ARGS = ['--liftoff-only', '--import', 'tsx'];

/**
 * Starts a worker in its own process group. `nodeBin` runs it with TEST_NODE_ARGS;
 * `env` is added to this process's environment. Returns
 * `{ child, run(file), stop(), closed }`: `run` resolves with `{ ok, text, rss }` when the file
 * has ended, or with `ok: false` if the worker ends first; `stop` disconnects the worker, which
 * then exits; `closed` resolves once it has exited and its output is read.
 */
export function startTestWorker({ nodeBin, root, env = {} }) {
  const child = spawn(nodeBin, [...TEST_NODE_ARGS, path.join(root, 'scripts', 'test-worker.mjs')], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, FORCE_COLOR: '0', ...env },
  });
  let text = '';
  let current;
  const finish = (outcome) => {
    const resolve = current;
    current = undefined;
    resolve?.(outcome);
  };
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    text += chunk;
    const at = text.indexOf(`\n${DONE_MARK} `);
    if (at < 0) return;
    const end = text.indexOf('\n', at + 1);
    if (end < 0) return;
    const summary = JSON.parse(text.slice(at + DONE_MARK.length + 2, end));
    const output = text.slice(0, at + 1) + (summary.ran === 0 ? 'no test ran in this file\n' : '');
    text = text.slice(end + 1);
    finish({ ok: summary.ok, text: output, rss: summary.rss });
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => (text += chunk));
  // Not the 'close' event: with an IPC channel it may never come once the channel is disconnected.
  const ended = (stream) => new Promise((resolve) => stream.on('close', resolve));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(signal ?? `exit code ${code}`)));
  const closed = Promise.all([exited, ended(child.stdout), ended(child.stderr)]).then(([how]) => {
    finish({ ok: false, text: `${text}\n(the test worker ended: ${how})\n`, rss: 0 });
  });
  return {
    child,
    closed,
    run(file) {
      const outcome = new Promise((resolve) => (current = resolve));
      child.send({ file });
      return outcome;
    },
    stop() {
      if (child.connected) child.disconnect();
      return closed;
    },
  };
}
