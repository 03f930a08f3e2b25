/**
 * Process entry: configuration → database → app → listen, plus the development stand-ins in the
 * embedded default; closes everything on SIGINT/SIGTERM.
 */
import type { FastifyInstance } from 'fastify';
import { buildMconnectStandIn } from '../dev/mconnect/server.ts';
import { buildPspSandbox } from '../dev/psp-sandbox/server.ts';
import { buildApp } from './app.ts';
import { prepareDatabase } from './bootstrap.ts';
import { ConfigError, loadConfig } from './config.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const { database, migrated, seeded } = await prepareDatabase(config);
  const app = await buildApp({ config, database });
  const servers: FastifyInstance[] = [app];

  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    const timer = setTimeout(() => process.exit(1), 10_000);
    timer.unref();
    for (const server of servers.reverse()) await server.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', (signal) => void shutdown(signal));
  process.once('SIGTERM', (signal) => void shutdown(signal));

  await app.listen({ host: config.host, port: config.port });
  if (config.devServices.enabled) {
    const mconnect = buildMconnectStandIn(config.env);
    const psp = buildPspSandbox(config.env);
    servers.push(mconnect, psp);
    await mconnect.listen({ host: config.host, port: config.devServices.mconnectPort });
    await psp.listen({ host: config.host, port: config.devServices.pspSandboxPort });
  }

  const where = config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    `MonGuichet listens on http://localhost:${config.port}/ (public URL ${config.publicUrl})`,
    `  database: ${where}; migrations applied now: ${migrated.length}; demo data seeded now: ${seeded ? 'yes' : 'no'}`,
  ];
  if (config.devServices.enabled) {
    lines.push(`  MConnect stand-in: http://localhost:${config.devServices.mconnectPort}/`);
    lines.push(`  sandbox payment provider: http://localhost:${config.devServices.pspSandboxPort}/`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`MonGuichet could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exit(1);
});
