/**
 * Server-side sessions (ADR 3). The cookie holds a random 256-bit id; the database holds only its
 * SHA-256, the account, the CSRF token and the timestamps, so any process can serve any request.
 * Idle and absolute lifetimes are enforced here on every request; a new id is issued at every
 * login (`reply.startSession`), and logout deletes the row (`reply.endSession`). The rows are
 * read and written through a `SessionStore` the app gives the plugin (the accounts feature's), so
 * the plugin knows no table.
 *
 * A route whose page reads only rows of the account names them in its configuration
 * (`config: { accountRows }`, src/db/account-rows.ts): the store then reads the session, its account
 * and those rows in one statement, and the handler takes them with `accountRowsOf`. A signed-in
 * page then costs one round trip to the database, not two.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import type { AccountRows, AccountRowsOf } from '../db/account-rows.ts';
import type { Lang } from '../i18n/index.ts';
import { cookieOptions } from './security.ts';

/** What a request knows about its signed-in user. */
export interface CurrentSession {
  readonly idHash: string;
  readonly accountId: string;
  readonly csrfToken: string;
  readonly identifier: string;
  readonly kind: 'particulier' | 'professionnel';
  readonly firstName: string;
  readonly lastName: string;
  /** The account's e-mail address as it stands (read with the session on every request). */
  readonly email: string;
  readonly emailVerified: boolean;
  readonly language: Lang;
  readonly createdAt: Date;
  /** How the user proved who they are for this session. */
  readonly authMethod: 'password' | 'mconnect';
  /** The level of assurance MConnect reached, for an MConnect session. */
  readonly authAcr: string | null;
  /** Whether logging out must also end the session at MConnect. */
  readonly hasMconnectSession: boolean;
}

/** How a session is opened: by default a password login. */
export interface SessionOrigin {
  readonly method: 'password' | 'mconnect';
  readonly acr?: string | null;
  readonly mconnectIdToken?: string | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user's session, or null for an anonymous visitor. */
    session: CurrentSession | null;
    /** The rows the route's `accountRows` read with the session (see accountRowsOf). */
    sessionAccountRows: { readonly query: AccountRows<unknown>; readonly rows: readonly unknown[] } | null;
  }
  interface FastifyContextConfig {
    /**
     * The rows of the signed-in account this route shows, read in the session's own statement; the
     * handler takes them with `accountRowsOf(request, query)`.
     */
    accountRows?: AccountRows<unknown>;
  }
  interface FastifyReply {
    /**
     * Opens a session for `accountId` with a fresh id (ending the request's previous one). `insert`
     * stores the new row instead of the store's own `insert`, for a caller that writes it together
     * with other rows of the same event, in one statement (the password login).
     */
    startSession(accountId: string, origin?: SessionOrigin, insert?: SessionInsert): Promise<CurrentSession>;
    /**
     * Gives the request's session a new id (after a password change), keeping how and when it was
     * opened, its level and its MConnect ID token, so the logout still ends the MConnect session.
     */
    renewSession(): Promise<CurrentSession | null>;
    /** Ends the request's session (row deleted, cookie cleared). */
    endSession(): Promise<void>;
  }
}

/** The session cookie's name: `__Host-` prefixed over HTTPS, as browsers then enforce Secure and Path=/. */
export function sessionCookieName(config: Config): string {
  return config.secureCookies ? '__Host-mg_session' : 'mg_session';
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** A stored session with what a request needs of its account. */
export interface StoredSession {
  readonly idHash: string;
  readonly accountId: string;
  readonly csrfToken: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
  readonly authMethod: 'password' | 'mconnect';
  readonly authAcr: string | null;
  readonly hasMconnectSession: boolean;
  readonly identifier: string;
  readonly kind: 'particulier' | 'professionnel';
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly language: Lang;
  /** Whether the account was closed (the session is then over). */
  readonly accountClosed: boolean;
}

/** A session to store: only the hash of the cookie's id, never the id. */
export interface NewStoredSession {
  readonly idHash: string;
  readonly accountId: string;
  readonly csrfToken: string;
  readonly expiresAt: Date;
  readonly userAgent: string | null;
  readonly ip: string | null;
  readonly authMethod: 'password' | 'mconnect';
  readonly authAcr: string | null;
  readonly mconnectIdToken: string | null;
}

/** Inserts a new session and reads it back with its account (undefined if the account is gone). */
export type SessionInsert = (session: NewStoredSession) => Promise<StoredSession | undefined>;

/** Where sessions are kept: rows shared by every process (the accounts feature provides it). */
export interface SessionStore {
  find(idHash: string): Promise<StoredSession | undefined>;
  /** The session with its account, and in the same statement the rows of `query` for that account. */
  findWithRows(
    idHash: string,
    query: AccountRows<unknown>,
  ): Promise<{ readonly session: StoredSession; readonly rows: readonly unknown[] } | undefined>;
  /** Inserts the session and reads it back with its account (undefined if the account is gone). */
  insert(session: NewStoredSession): Promise<StoredSession | undefined>;
  /** Gives a session a new id and CSRF token, keeping everything else; false if it no longer exists. */
  renew(change: { oldIdHash: string; newIdHash: string; csrfToken: string; now: Date }): Promise<boolean>;
  touch(idHash: string, now: Date): Promise<void>;
  delete(idHash: string): Promise<void>;
}

function toCurrentSession(stored: StoredSession): CurrentSession {
  return {
    idHash: stored.idHash,
    accountId: stored.accountId,
    csrfToken: stored.csrfToken,
    identifier: stored.identifier,
    kind: stored.kind,
    firstName: stored.firstName,
    lastName: stored.lastName,
    email: stored.email,
    emailVerified: stored.emailVerified,
    language: stored.language,
    createdAt: stored.createdAt,
    authMethod: stored.authMethod,
    authAcr: stored.authAcr,
    hasMconnectSession: stored.hasMconnectSession,
  };
}

/**
 * The rows the route's `accountRows` query read with the request's session. `query` must be the
 * route's own (a handler that asks for another query's rows is a mistake, and throws).
 */
export function accountRowsOf<Q extends AccountRows<unknown>>(request: FastifyRequest, query: Q): AccountRowsOf<Q> {
  const read = request.sessionAccountRows;
  if (!read || !request.session) throw new Error('accountRowsOf: no session was read with its rows for this request');
  if (read.query !== (query as unknown)) throw new Error('accountRowsOf: the route reads other rows with its session');
  return read.rows as AccountRowsOf<Q>;
}

/** Last-seen times are written at most this often, so reading a page does not always write. */
export const TOUCH_INTERVAL_MS = 60_000;

export interface SessionPluginOptions {
  readonly config: Config;
  readonly store: SessionStore;
  readonly now?: () => Date;
}

export const sessionPlugin = fp<SessionPluginOptions>(
  async (app: FastifyInstance, { config, store, now = () => new Date() }) => {
    const cookieName = sessionCookieName(config);
    const idleMs = config.session.idleMinutes * 60_000;
    const absoluteMs = config.session.absoluteHours * 3_600_000;

    app.decorateRequest('session', null);
    app.decorateRequest('sessionAccountRows', null);

    /** Reads the session of the cookie `id` onto `request`, or clears a cookie that names none. */
    async function loadSession(request: FastifyRequest, reply: FastifyReply, id: string): Promise<void> {
      if (id.length > 100) {
        reply.clearCookie(cookieName, cookieOptions(config));
        return;
      }
      const idHash = hashSessionId(id);
      const query = request.routeOptions.config.accountRows;
      const withRows = query ? await store.findWithRows(idHash, query) : undefined;
      const row = query ? withRows?.session : await store.find(idHash);
      const current = now();
      const expired =
        !row ||
        row.accountClosed ||
        row.expiresAt.getTime() <= current.getTime() ||
        row.lastSeenAt.getTime() + idleMs <= current.getTime();
      if (expired) {
        if (row) await store.delete(idHash);
        reply.clearCookie(cookieName, cookieOptions(config));
        return;
      }
      if (current.getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
        await store.touch(idHash, current);
      }
      request.session = toCurrentSession(row);
      // Only a live session's rows reach the handler.
      if (query) request.sessionAccountRows = { query, rows: withRows?.rows ?? [] };
    }

    // Without a session cookie (every anonymous page) the hook ends at once, without a promise.
    app.addHook('onRequest', (request, reply, done) => {
      const id = request.cookies[cookieName];
      if (!id) {
        done();
        return;
      }
      loadSession(request, reply, id).then(() => done(), done);
    });

    app.decorateReply(
      'startSession',
      async function (
        this: FastifyReply,
        accountId: string,
        origin: SessionOrigin = { method: 'password' },
        insert: SessionInsert = (session) => store.insert(session),
      ) {
        const request: FastifyRequest = this.request;
        if (request.session) await store.delete(request.session.idHash);
        // Rows read with the session ended here are not the new session's.
        request.sessionAccountRows = null;
        const id = randomBytes(32).toString('base64url');
        const idHash = hashSessionId(id);
        const created = now();
        const row = await insert({
          idHash,
          accountId,
          csrfToken: randomBytes(32).toString('base64url'),
          expiresAt: new Date(created.getTime() + absoluteMs),
          userAgent: request.headers['user-agent']?.slice(0, 300) ?? null,
          ip: request.ip,
          authMethod: origin.method,
          authAcr: origin.acr ?? null,
          mconnectIdToken: origin.mconnectIdToken ?? null,
        });
        // No Max-Age: the cookie ends with the browser; the server ends the session sooner if idle.
        this.setCookie(cookieName, id, cookieOptions(config));
        if (!row) throw new Error('The session just created cannot be read back');
        request.session = toCurrentSession(row);
        return request.session;
      },
    );

    app.decorateReply('renewSession', async function (this: FastifyReply) {
      const request: FastifyRequest = this.request;
      const old = request.session;
      if (!old) throw new Error('renewSession needs a signed-in request');
      const id = randomBytes(32).toString('base64url');
      const idHash = hashSessionId(id);
      const csrfToken = randomBytes(32).toString('base64url');
      const renewed = await store.renew({
        oldIdHash: old.idHash,
        newIdHash: idHash,
        csrfToken,
        now: now(),
      });
      // The session ended meanwhile (signed out elsewhere): nothing to renew.
      if (!renewed) {
        request.session = null;
        this.clearCookie(cookieName, cookieOptions(config));
        return null;
      }
      this.setCookie(cookieName, id, cookieOptions(config));
      request.session = { ...old, idHash, csrfToken };
      return request.session;
    });

    app.decorateReply('endSession', async function (this: FastifyReply) {
      const request: FastifyRequest = this.request;
      if (request.session) await store.delete(request.session.idHash);
      request.session = null;
      request.sessionAccountRows = null;
      this.clearCookie(cookieName, cookieOptions(config));
    });
  },
  { name: 'session', dependencies: ['security'] },
);
