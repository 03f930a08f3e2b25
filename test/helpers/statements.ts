/**
 * Keeps the SQL text of every statement the app runs through a Kysely handle while `recording` is
 * on, in the order they end: give the app `db.withPlugin(recorder)`. The parts of a statement are
 * seen by transformQuery too, but only what runs reaches transformResult. The job queue runs its
 * own compiled SQL through the transaction (seen only by transformResult): it is kept by its query
 * id.
 */
import type {
  Kysely,
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';
import type { Database } from '../../src/db/database.ts';

export class StatementRecorder implements KyselyPlugin {
  recording = false;
  readonly statements: string[] = [];
  readonly #compiled = new WeakMap<object, string>();

  /** `db` compiles what it sees to SQL text (the plain handle the recorder is added to). */
  constructor(private readonly db: Kysely<Database>) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#compiled.set(args.queryId, this.db.getExecutor().compileQuery(args.node, args.queryId).sql);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.recording) this.statements.push(this.#compiled.get(args.queryId) ?? `(raw) ${args.queryId.queryId}`);
    return args.result;
  }
}
