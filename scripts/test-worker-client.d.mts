// Types of scripts/test-worker-client.mjs, for the tests that drive it.
import type { ChildProcess } from 'node:child_process';

export const TEST_NODE_ARGS: readonly string[];

export interface TestWorkerOutcome {
  readonly ok: boolean;
  readonly text: string;
  readonly rss: number;
}

export interface TestWorker {
  readonly child: ChildProcess;
  readonly closed: Promise<void>;
  run(file: string): Promise<TestWorkerOutcome>;
  stop(): Promise<void>;
}

export function startTestWorker(options: {
  readonly nodeBin: string;
  readonly root: string;
  readonly env?: Record<string, string>;
}): TestWorker;
