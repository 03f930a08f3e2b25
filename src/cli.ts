/**
 * The operator's command line, `npx monguichet <command>`. Every command exits non-zero with a
 * reason on any failure.
 */
import { ConfigError, loadConfig } from './config.ts';
import { connectDatabase } from './db/connect.ts';
import { migrateToLatest } from './db/migrator.ts';
import { purgeExpired } from './jobs/housekeeping.ts';

interface Command {
  readonly summary: string;
  run(args: readonly string[]): Promise<void>;
}

const commands: Record<string, Command> = {
  migrate: {
    summary: 'Apply every pending database migration (DATABASE_URL, or PGlite in DATA_DIR).',
    async run() {
      const config = loadConfig();
      const database = await connectDatabase(config.database);
      try {
        const applied = await migrateToLatest(database.db);
        process.stdout.write(
          applied.length === 0
            ? 'The database is up to date.\n'
            : `Applied ${applied.length} migration(s):\n${applied.map((n) => `  ${n}\n`).join('')}`,
        );
      } finally {
        await database.close();
      }
    },
  },
  purge: {
    summary: 'Delete now the personal data whose lifetime ended (what the housekeeping job does every 15 minutes).',
    async run() {
      const config = loadConfig();
      const database = await connectDatabase(config.database);
      try {
        const counts = await purgeExpired(database.db, new Date(), { sessionIdleMinutes: config.session.idleMinutes });
        const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
        process.stdout.write(
          `Deleted ${total} expired row(s):\n${Object.entries(counts)
            .map(([kind, n]) => `  ${kind}: ${n}\n`)
            .join('')}`,
        );
      } finally {
        await database.close();
      }
    },
  },
  help: {
    summary: 'Show this help.',
    async run() {
      process.stdout.write(usage());
    },
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'Usage: monguichet <command>',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Settings come from the environment; see .env.example.',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`Unknown command "${name}".\n\n${usage()}`);
    return 2;
  }
  try {
    await command.run(args);
    return 0;
  } catch (error) {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`monguichet ${name} failed: ${message}\n`);
    return 1;
  }
}

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`monguichet failed: ${String(error)}\n`);
    process.exit(1);
  },
);
