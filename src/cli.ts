/**
 * The operator's command line, `npx monguichet <command>`. Every command exits non-zero with a
 * reason on any failure. The database layer is loaded only by the commands that open a database,
 * so help, usage errors and the commands handed to the running portal answer at once.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { ConfigError, loadConfig, type Config } from './config.ts';
import type { DatabaseHandle } from './db/connect.ts';
import type { JobQueue } from './jobs/queue.ts';
import type { OperatorCommand } from './lib/operator-command.ts';
import { acquireClaim, DataDirBusyError, readLiveClaim } from './operator/claim.ts';
import {
  executeCommand,
  findCommand,
  operatorCommands,
  parseArguments,
  UsageError,
  type CommandResult,
} from './operator/commands.ts';
import type { OperatorRequest } from './operator/endpoint.ts';

interface Command {
  readonly summary: string;
  run(args: readonly string[]): Promise<void>;
}

const commands: Record<string, Command> = {
  migrate: {
    summary: 'Apply every pending database migration (DATABASE_URL, or PGlite in DATA_DIR).',
    async run() {
      const config = loadConfig();
      if (config.database.kind === 'pglite') {
        const claim = await readLiveClaim(config.database.dataDir);
        if (claim) throw new DataDirBusyError(claim);
      }
      const [{ connectDatabase }, { migrateToLatest }] = await Promise.all([
        import('./db/connect.ts'),
        import('./db/migrator.ts'),
      ]);
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
      const [{ connectDatabase }, { purgeExpired }, { expiredDataPurgers }] = await Promise.all([
        import('./db/connect.ts'),
        import('./jobs/housekeeping.ts'),
        import('./jobs/workers.ts'),
      ]);
      const database = await connectDatabase(config.database);
      try {
        const counts = await purgeExpired(
          database.db,
          new Date(),
          { sessionIdleMinutes: config.session.idleMinutes },
          expiredDataPurgers,
        );
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
  const all = [...Object.entries(commands), ...Object.entries(operatorCommands)];
  const width = Math.max(...all.map(([name]) => name.length));
  return [
    'Usage: monguichet <command>',
    '',
    'Commands:',
    ...all.map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Each command has --help. Settings come from the environment; see .env.example.',
    '',
  ].join('\n');
}

/** A mail queue opened only when a command sends e-mail, and stopped after it. */
function lazyMail(database: DatabaseHandle) {
  let queue: JobQueue | undefined;
  const log = (level: string) => (details: object, message: string) => {
    if (level !== 'info') process.stderr.write(`${JSON.stringify({ level, msg: message, ...details })}\n`);
  };
  return {
    mail: async () => {
      const [{ createJobQueue }, { MailService }] = await Promise.all([
        import('./jobs/queue.ts'),
        import('./features/notifications/mail.service.ts'),
      ]);
      queue ??= await createJobQueue(database, {
        logger: { info: log('info'), warn: log('warn'), error: log('error') },
      });
      return new MailService(queue);
    },
    stop: async () => {
      await queue?.stop();
    },
  };
}

async function runHere(
  config: Config,
  name: string,
  command: OperatorCommand,
  values: Record<string, string | boolean | undefined>,
  file: Uint8Array | undefined,
  filePath: string | undefined,
): Promise<CommandResult> {
  const { prepareDatabase } = await import('./bootstrap.ts');
  const { database } = await prepareDatabase(config);
  const mail = lazyMail(database);
  try {
    return await executeCommand(
      { db: database.db, mail: mail.mail, publicUrl: config.publicUrl, config },
      name,
      command,
      values,
      file,
      filePath,
    );
  } finally {
    await mail.stop();
    await database.close();
  }
}

/** Runs a command of the registry: through the running portal with PGlite, else on the database. */
async function runOperatorCommand(name: string, command: OperatorCommand, args: readonly string[]): Promise<number> {
  const parsed = parseArguments(command, args);
  if (parsed.help) {
    process.stdout.write(`${command.help}\n`);
    return 0;
  }
  let file: Buffer | undefined;
  if (parsed.filePath !== undefined) {
    try {
      file = await readFile(parsed.filePath);
    } catch (error) {
      throw new UsageError(
        `impossible de lire « ${parsed.filePath} » (${(error as NodeJS.ErrnoException).code ?? 'erreur'})`,
      );
    }
  }
  const config = loadConfig();
  let result: CommandResult;
  if (config.database.kind === 'pglite') {
    const { dataDir } = config.database;
    await mkdir(dataDir, { recursive: true });
    const claim = await readLiveClaim(dataDir);
    if (claim?.holder === 'portal') {
      if (!claim.port || !claim.token) throw new Error('le portail démarre ; réessayez dans un instant');
      const body: OperatorRequest = {
        argv: [...name.split(' '), ...args],
        ...(file ? { file: file.toString('base64') } : {}),
      };
      const response = await fetch(`http://127.0.0.1:${claim.port}/command`, {
        method: 'POST',
        headers: { authorization: `Bearer ${claim.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).catch((error: unknown) => {
        throw new Error(`le portail (pid ${claim.pid}) ne répond pas : ${String(error)}`);
      });
      result = (await response.json()) as CommandResult;
    } else {
      const held = await acquireClaim(dataDir, 'cli');
      try {
        result = await runHere(config, name, command, parsed.values, file, parsed.filePath);
      } finally {
        await held.release();
      }
    }
  } else {
    result = await runHere(config, name, command, parsed.values, file, parsed.filePath);
  }
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  return result.code;
}

export async function runCli(argv: readonly string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(usage());
    return name === undefined ? 1 : 0;
  }
  const operator = findCommand(argv);
  if (operator) {
    try {
      return await runOperatorCommand(operator.name, operator.command, operator.rest);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`monguichet ${operator.name} a échoué : ${message}\n`);
      return error instanceof UsageError ? 2 : 1;
    }
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
