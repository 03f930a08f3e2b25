/**
 * The operator commands that work on the portal's data, one registry for the CLI and for the
 * running portal's operator endpoint: they parse the same arguments and run the same services.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { canteenCommands } from '../features/canteen/canteen.cli.ts';
import { CanteenInputError } from '../features/canteen/canteen.types.ts';
import { paymentsCommands } from '../features/payments/payments.cli.ts';
import type { OperatorCommand, OperatorContext } from '../lib/operator-command.ts';

/**
 * The payments service as the portal builds it (its provider, and the payable kinds the features
 * registered), loaded only when a payments command runs.
 */
async function openPayments(context: OperatorContext) {
  const [{ PaymentsService, paymentProviderFrom }, { payableRegistry }] = await Promise.all([
    import('../features/payments/payments.service.ts'),
    import('../app.ts'),
  ]);
  return new PaymentsService({
    db: context.db,
    provider: paymentProviderFrom(context.config.payments),
    registry: payableRegistry({ mail: await context.mail(), publicUrl: context.publicUrl }),
    publicUrl: context.publicUrl,
    tokenSecret: context.config.sessionSecret,
  });
}

export const operatorCommands: Readonly<Record<string, OperatorCommand>> = {
  ...canteenCommands,
  ...paymentsCommands(openPayments),
};

/** Thrown when the command line itself is wrong (an unknown option, a missing file name). */
export class UsageError extends Error {}

/** `['roll', 'import', …]` → the command `roll import` and the rest of the arguments. */
export function findCommand(
  argv: readonly string[],
): { name: string; command: OperatorCommand; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = operatorCommands[name];
    if (command && argv.length >= words) return { name, command, rest: argv.slice(words) };
  }
  return undefined;
}

export interface ParsedArguments {
  readonly help: boolean;
  readonly values: Record<string, string | boolean | undefined>;
  readonly filePath: string | undefined;
}

export function parseArguments(command: OperatorCommand, args: readonly string[]): ParsedArguments {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...args],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { help, ...values } = parsed.values as Record<string, string | boolean | undefined>;
  if (help === true) return { help: true, values, filePath: undefined };
  const expected = command.takesFile ? 1 : 0;
  if (parsed.positionals.length !== expected) {
    throw new UsageError(
      expected === 1
        ? 'indiquez un seul fichier CSV après les options'
        : `argument inattendu : ${parsed.positionals.join(' ')}`,
    );
  }
  return { help: false, values, filePath: parsed.positionals[0] };
}

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a parsed command: what it did on stdout and 0, or the reason on stderr and 1. */
export async function executeCommand(
  context: OperatorContext,
  name: string,
  command: OperatorCommand,
  values: ParsedArguments['values'],
  file: Uint8Array | undefined,
  filePath?: string,
): Promise<CommandResult> {
  try {
    const fileName = filePath === undefined ? undefined : basename(filePath);
    const output = await command.run(context, { values, file, fileName });
    return { code: 0, stdout: `${output}\n`, stderr: '' };
  } catch (error) {
    const reason =
      error instanceof CanteenInputError
        ? `rien n’a été écrit.\n${error.message}`
        : error instanceof Error
          ? error.message
          : String(error);
    return { code: 1, stdout: '', stderr: `monguichet ${name} a échoué : ${reason}\n` };
  }
}
