/**
 * The shape of an operator command (`npx monguichet <command>`): what the CLI parses and what the
 * running portal's operator endpoint runs. A command returns what it did as text, or throws with
 * the reason; it never writes to the console itself.
 */
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import type { StatementPart } from '../db/statement-part.ts';

/** An e-mail as the notifications' MailService queues it. */
interface Mail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

/**
 * Sends an e-mail job in the caller's transaction, or hands a deferred template's job as a part of
 * one of its statements (the notifications' MailService).
 */
export interface MailEnqueuer {
  enqueue(executor: Kysely<Database>, mail: Mail): Promise<string>;
  enqueueTemplatePart(to: string, lang: 'fr' | 'en', template: string, data: object): Promise<StatementPart>;
}

export interface OperatorContext {
  readonly db: Kysely<Database>;
  /** The mail queue, opened only by the commands that send e-mail. */
  readonly mail: () => Promise<MailEnqueuer>;
  readonly publicUrl: string;
  /** The settings of the process running the command (the payment provider's, for the payments commands). */
  readonly config: Config;
}

export interface OperatorInput {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  /** The file named on the command line, read by the CLI (so the portal never needs its path). */
  readonly file: Uint8Array | undefined;
  /** The file's name as given on the command line, without its folders. */
  readonly fileName?: string | undefined;
}

export interface OperatorCommand {
  /** One line for `monguichet help`. */
  readonly summary: string;
  /** The full `--help` text. */
  readonly help: string;
  readonly options: Readonly<Record<string, { readonly type: 'string' | 'boolean'; readonly required?: boolean }>>;
  /** Whether the command reads a FILE argument. */
  readonly takesFile: boolean;
  run(context: OperatorContext, input: OperatorInput): Promise<string>;
}
