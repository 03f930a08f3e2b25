/**
 * Opens the database named by the configuration: PostgreSQL through `pg` when `DATABASE_URL` is
 * set, otherwise an embedded PGlite under `DATA_DIR`. Both speak the same SQL through Kysely.
 */
import { createHash } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { Config } from '../config.ts';
import type { Database } from './database.ts';
import { LAST_STATEMENT_MARK } from './last-statement.ts';
import { PGliteDialect, PGliteSession } from './pglite-dialect.ts';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly kind: 'pglite' | 'postgres';
  /**
   * How other clients of the same database reach it: PostgreSQL's URL, or the embedded PGlite
   * session, which they must share through its queue (see pglite-dialect.ts).
   */
  readonly access:
    { readonly kind: 'postgres'; readonly url: string } | { readonly kind: 'pglite'; readonly session: PGliteSession };
  /** Answers true when a trivial query succeeds within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** PostgreSQL's `date` type OID: kept as its 'YYYY-MM-DD' text, never turned into a local-time Date. */
const DATE_OID = 1082;
const keepText = (value: string) => value;

function pgTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === DATE_OID) return keepText;
  const parser: unknown =
    format === 'binary' ? pg.types.getTypeParser(oid, 'binary') : pg.types.getTypeParser(oid, 'text');
  return parser as (value: string) => unknown;
}

/** The same rule for PGlite instances made elsewhere (tests): pass these as its `parsers` option. */
export const PGLITE_PARSERS = { [DATE_OID]: keepText };

export type DatabaseSettings = Config['database'] | { readonly kind: 'pglite-instance'; readonly pglite: PGlite };

export async function connectDatabase(settings: DatabaseSettings): Promise<DatabaseHandle> {
  if (settings.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: settings.url,
      max: settings.poolMax,
      types: { getTypeParser: pgTypeParser },
      // A prepared statement keeps its generic plan. Left to choose, PostgreSQL plans a statement
      // again at every execution when its generic estimate looks dearer than the custom ones,
      // which an array of ids (`= any($1)`) always does: 0.2 to 0.6 ms of planning each time for
      // the bills a payment settles. The portal's statements select by keys (ids, hashes, account
      // ids), for which the generic plan is the custom one (ADR 0002).
      options: '-c plan_cache_mode=force_generic_plan',
    });
    // An idle client that loses its server must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
    return handle(db, { kind: 'postgres', url: settings.url }, async () => db.destroy());
  }
  let pglite: PGlite;
  let ownsInstance = true;
  if (settings.kind === 'pglite-instance') {
    pglite = settings.pglite;
    ownsInstance = false;
  } else {
    await mkdir(settings.dataDir, { recursive: true });
    // Loaded only by a process that embeds its database (a PostgreSQL deployment never does).
    const { PGlite } = await import('@electric-sql/pglite');
    pglite = await PGlite.create(settings.dataDir, { parsers: PGLITE_PARSERS });
  }
  const session = new PGliteSession(pglite);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(session) });
  return handle(db, { kind: 'pglite', session }, async () => {
    await db.destroy();
    if (ownsInstance) await pglite.close();
  });
}

function handle(db: Kysely<Database>, access: DatabaseHandle['access'], close: () => Promise<void>): DatabaseHandle {
  return {
    db,
    kind: access.kind,
    access,
    async ping(timeoutMs = 2000) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const query = sql`select 1 as ok`
        .execute(db)
        .then(() => true)
        .catch(() => false);
      try {
        return await Promise.race([query, timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    close,
  };
}

/**
 * Statements worth preparing: the queries the portal repeats (never DDL or transaction control),
 * a transaction's marked last statement included (src/db/last-statement.ts).
 */
const PREPARABLE = new RegExp(
  `^\\s*(${LAST_STATEMENT_MARK.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\s*)?(select|insert|update|delete|with)\\b`,
  'i',
);
/** Prepared statement names by SQL text, bounded (the query builder repeats a small set of texts). */
const statementNames = new Map<string, string>();
const MAX_STATEMENT_NAMES = 5000;

function isStalePlan(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: unknown }).code === '0A000' &&
    /cached plan must not change result type/.test(error.message)
  );
}

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `mg_${createHash('sha256').update(text).digest('hex').slice(0, 40)}`;
    if (statementNames.size < MAX_STATEMENT_NAMES) statementNames.set(text, name);
  }
  return name;
}

/** What the wrapper answers for transaction control it did not send (or sent with a statement). */
function nothingSent(command: string) {
  return { command: command.toUpperCase(), rowCount: null, rows: [] };
}

/** The connection's prepared `begin` (parsed once per connection, by its first transaction). */
const BEGIN_STATEMENT = 'mg_begin';
/** The connection's prepared `commit` (parsed once per connection, by its first commit). */
const COMMIT_STATEMENT = 'mg_commit';

/** The protocol messages of pg's connection that a query sends (as pg-cursor does). */
interface ProtocolConnection {
  bind(config: { statement: string; portal: string; values: unknown[] }): void;
  execute(config: { portal: string }): void;
  sync(): void;
}

/** pg's query, as it prepares itself and takes its commands' completions. */
interface PreparedQuery {
  prepare(connection: ProtocolConnection): void;
  handleCommandComplete(message: unknown, connection: ProtocolConnection): void;
}

/**
 * Sends `text` as a named prepared statement with the connection's prepared `begin` in front of
 * it and/or its prepared `commit` after it, in one write and one round trip: Bind and Execute of
 * `begin`, the statement's own messages, Bind and Execute of `commit`, one Sync at the end. The
 * answer is the statement's alone (the completions of `begin` and `commit` are skipped). An error
 * ends all, PostgreSQL skipping to the Sync: a statement that fails leaves its transaction begun,
 * in error, and not committed, for its caller to roll back as after any failed statement.
 */
function queryAround(
  client: pg.PoolClient,
  name: string,
  text: string,
  values: unknown[],
  around: { readonly begin: boolean; readonly commit: boolean },
): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const query = new pg.Query({ name, text, values }, undefined, (error: Error | undefined, result: unknown) =>
      error ? reject(error) : resolve(result),
    ) as unknown as PreparedQuery;
    const prepare = query.prepare.bind(query);
    query.prepare = (connection) => {
      if (around.begin) {
        connection.bind({ statement: BEGIN_STATEMENT, portal: '', values: [] });
        connection.execute({ portal: '' });
      }
      if (!around.commit) return prepare(connection);
      // The commit goes before the Sync that ends the statement's messages, and only after its
      // Execute: a statement whose values could not be bound is closed and synced, never committed.
      let executed = false;
      prepare(
        new Proxy(connection, {
          get(target, property) {
            if (property === 'execute')
              return (config: { portal: string }) => {
                target.execute(config);
                executed = true;
              };
            if (property === 'sync')
              return () => {
                if (executed) {
                  target.bind({ statement: COMMIT_STATEMENT, portal: '', values: [] });
                  target.execute({ portal: '' });
                }
                target.sync();
              };
            const value: unknown = Reflect.get(target, property);
            return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
          },
        }),
      );
    };
    const complete = query.handleCommandComplete.bind(query);
    // The statement's completion is the second when `begin` went first; the others are skipped.
    const own = around.begin ? 2 : 1;
    let completions = 0;
    query.handleCommandComplete = (message, connection) => {
      completions += 1;
      if (completions === own) complete(message, connection);
    };
    void client.query(query as unknown as pg.Query);
  });
}

/**
 * The pool as Kysely sees it, whose clients send each repeated query as a named prepared
 * statement: PostgreSQL parses it once per connection and keeps its plan, instead of parsing and
 * planning the same text on every request. One wrapper per pg client (Kysely keys its connections
 * by client object).
 *
 * A transaction's `begin` waits for its first statement and goes with it, in the same round trip
 * (`queryAround`); a transaction whose first statement is not prepared (DDL, a raw statement)
 * sends its `begin` first, and one with no statement at all sends nothing. Every transaction saves
 * a round trip: a payment notification's two transactions do 7 instead of 9 (ADR 0002).
 *
 * A transaction's marked last statement (src/db/last-statement.ts) takes the `commit` with it, in
 * the same round trip, once the connection has its prepared `commit`; the transaction's own
 * `commit` then sends nothing, and a statement after it is refused.
 */
function preparingPool(pool: pg.Pool): PostgresPool {
  const wrappers = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    /** This connection has the prepared `begin`. */
    let canBegin = false;
    /** This connection has the prepared `commit`. */
    let canCommit = false;
    /** A `begin` held back, not sent yet. */
    let beginPending = false;
    /** A transaction is open on the server (its `begin` sent). */
    let open = false;
    /** The open transaction was committed with its last statement. */
    let committed = false;
    const plain = (text: unknown, values?: unknown) =>
      (client.query as (a: unknown, b?: unknown) => Promise<unknown>)(text, values);
    const prepared = async (text: string, values: unknown[]) => {
      try {
        return await client.query({ name: statementName(text), text, values });
      } catch (error) {
        // A table changed under a statement prepared before (a migration by a newer process):
        // PostgreSQL refuses the old plan's result type; the query itself is still right.
        if (isStalePlan(error)) return plain(text, values);
        throw error;
      }
    };
    const query = async (text: unknown, values?: unknown) => {
      if (committed) {
        if (text !== 'commit' && text !== 'rollback')
          throw new Error('A statement after the last statement of a transaction, which committed it');
        committed = false;
        return nothingSent(text);
      }
      if (text === 'begin') {
        if (beginPending || open) throw new Error('begin inside a transaction');
        beginPending = true;
        return nothingSent(text);
      }
      const preparable = typeof text === 'string' && Array.isArray(values) && PREPARABLE.test(text);
      /** The held-back `begin` goes with this statement. */
      let withBegin = false;
      if (beginPending) {
        beginPending = false;
        // Nothing was sent: there is nothing to end.
        if (text === 'commit' || text === 'rollback') return nothingSent(text);
        if (preparable && canBegin) withBegin = true;
        else {
          await client.query({ name: BEGIN_STATEMENT, text: 'begin', values: [] });
          canBegin = true;
        }
        open = true;
      }
      if (text === 'commit' && open) {
        open = false;
        await client.query({ name: COMMIT_STATEMENT, text: 'commit', values: [] });
        canCommit = true;
        return nothingSent(text);
      }
      if (text === 'rollback') open = false;
      /** The `commit` goes with this statement, the transaction's marked last. */
      const withCommit = preparable && open && canCommit && text.startsWith(LAST_STATEMENT_MARK);
      if (!withBegin && !withCommit) return preparable ? prepared(text, values as unknown[]) : plain(text, values);
      const result = await queryAround(client, statementName(text as string), text as string, values as unknown[], {
        begin: withBegin,
        commit: withCommit,
      });
      if (withCommit) {
        open = false;
        committed = true;
      }
      return result;
    };
    return {
      query: query as PostgresPoolClient['query'],
      release: (error?: Error | boolean) => {
        beginPending = false;
        open = false;
        committed = false;
        client.release(error);
      },
      get processID() {
        return (client as unknown as { processID?: number }).processID;
      },
    } as PostgresPoolClient;
  };
  return {
    async connect() {
      const client = await pool.connect();
      let wrapper = wrappers.get(client);
      if (!wrapper) {
        wrapper = wrap(client);
        wrappers.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
    options: pool.options,
  };
}
