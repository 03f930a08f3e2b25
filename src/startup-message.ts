/**
 * What the process prints once it listens: where, on which database, and a warning when the
 * embedded default listens beyond this machine (its development mailbox shows every reset link).
 */
import { isLoopbackHost, type Config } from './config.ts';

export interface StartupFacts {
  /** The migrations applied at this start. */
  readonly migrated: readonly string[];
  /** Whether demo data was seeded at this start. */
  readonly seeded: boolean;
}

export function startupMessage(config: Config, { migrated, seeded }: StartupFacts): string[] {
  const where =
    config.database.kind === 'pglite' ? `PGlite in ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    `MonGuichet listens on http://localhost:${config.port}/ (host ${config.host}, public URL ${config.publicUrl})`,
    `  database: ${where}; migrations applied now: ${migrated.length}; demo data seeded now: ${seeded ? 'yes' : 'no'}`,
  ];
  if (config.devServices.enabled) {
    lines.push(
      `  MConnect stand-in: http://localhost:${config.devServices.mconnectPort}/ (issuer ${config.devServices.mconnect.issuer}, client ${config.mconnect.clientId})`,
    );
    lines.push(`  sandbox payment provider: http://localhost:${config.devServices.pspSandboxPort}/`);
  }
  if (!config.isProduction && !isLoopbackHost(config.host)) {
    const exposed =
      config.mail.transport === 'dev-mailbox' ? 'the development mailbox (/dev/mailbox, with every reset link), ' : '';
    lines.push(
      `  WARNING: HOST=${config.host} listens beyond this machine: anyone on the network reaches ${exposed}the demo accounts and the stand-ins. Unset HOST (127.0.0.1) unless that is what you want.`,
    );
  }
  return lines;
}
