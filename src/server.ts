/**
 * Process entry: configuration → database → job queue → app → listen, plus the job workers and, in
 * the embedded default, the development stand-ins; closes everything on SIGINT/SIGTERM, the
 * database last.
 */
import { mkdir } from 'node:fs/promises';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from './app.ts';
import { prepareDatabase } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createJobQueue, type JobLogger } from './jobs/queue.ts';
import { startWorkers } from './jobs/workers.ts';
import { acquireClaim } from './operator/claim.ts';
import { startOperatorEndpoint } from './operator/endpoint.ts';
import { startupMessage } from './startup-message.ts';

/**
 * The job queue starts before the app (the app's features enqueue through it), so its messages go
 * to the app's logger once the app exists, and to stderr as one JSON line before that.
 */
function loggerOnceBuilt(): { logger: JobLogger; attach(log: FastifyBaseLogger): void } {
  let target: FastifyBaseLogger | undefined;
  const write = (level: 'info' | 'warn' | 'error') => (details: object, message: string) => {
    if (target) target[level](details, message);
    else process.stderr.write(`${JSON.stringify({ level, msg: message, ...details })}\n`);
  };
  return {
    logger: { info: write('info'), warn: write('warn'), error: write('error') },
    attach(log) {
      target = log;
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  // PGlite is single-process: claim the data directory first (a CLI command holding it makes the
  // portal wait for no one: it refuses to start, saying so).
  let claim: Awaited<ReturnType<typeof acquireClaim>> | undefined;
  if (config.database.kind === 'pglite') {
    await mkdir(config.database.dataDir, { recursive: true });
    claim = await acquireClaim(config.database.dataDir, 'portal');
  }
  const { database, migrated, seeded } = await prepareDatabase(config);
  const jobLog = loggerOnceBuilt();
  const jobs = await createJobQueue(database, { logger: jobLog.logger });
  const app = await buildApp({ config, database, jobs });
  jobLog.attach(app.log.child({ component: 'jobs' }));
  const workers = await startWorkers({ config, database, jobs });
  const servers: { close(): PromiseLike<unknown> }[] = [app];

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    for (const server of servers.reverse()) await server.close();
    // No request can enqueue any more: let the jobs in progress finish, then stop the queue.
    await workers.stop();
    await jobs.stop(5_000);
    await database.close();
    await claim?.release();
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void shutdown(signal));
  process.once('SIGTERM', (signal) => void shutdown(signal));

  await app.listen({ host: config.host, port: config.port });
  if (config.database.kind === 'pglite') {
    // The CLI runs its commands here while the portal holds the embedded database.
    const operator = await startOperatorEndpoint(config.database.dataDir, {
      db: database.db,
      mail: async () => app.mail,
      publicUrl: config.publicUrl,
      config,
    });
    servers.push(operator);
  }
  if (config.devServices.enabled) {
    // Loaded only here, outside production: the stand-ins and their packages (oidc-provider and
    // its Koa) are development dependencies, absent from a production install.
    const { buildMconnectStandIn, mconnectStandInOptions } = await import('../dev/mconnect/server.ts');
    const { buildPspSandbox, pspSandboxOptions } = await import('../dev/psp-sandbox/server.ts');
    const mconnect = buildMconnectStandIn(mconnectStandInOptions(config));
    const psp = buildPspSandbox(pspSandboxOptions(config.env, process.env));
    servers.push(mconnect, psp);
    await mconnect.listen({ host: config.host, port: config.devServices.mconnectPort });
    await psp.listen({ host: config.host, port: config.devServices.pspSandboxPort });
  }

  const lines = startupMessage(config, { migrated, seeded });
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `MonGuichet could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
