/**
 * Answers before routing: a request for a page kept in memory for every anonymous visitor
 * (`reply.sharedPage`, render.ts) is answered by the HTTP server's own handler, before Fastify
 * makes a request and a reply of it, runs its hooks and routes it. The answer is the one the route
 * would give, byte for byte: the kept body, the headers every answer carries (security.ts), a
 * request reference of its own, the ETag and the cache headers, or `304 Not Modified` when the
 * browser already has it (`If-None-Match`); the same access log lines.
 *
 * Only what cannot change the answer goes this way: a GET or HEAD without the session cookie or
 * the language cookie (the only cookies a shared page depends on, as the page cache's key says:
 * anonymous, and a language), for an address whose route served that page at that very address
 * (no query string, no trailing slash), in the language Accept-Language asks for, while the
 * catalogue revision it was rendered from is the current one without asking the database
 * (`currentRevision`). Anything else, and every request once the app is closing, goes to Fastify.
 * See docs/adr/0014-answers-before-routing.md.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger, FastifyServerFactory } from 'fastify';
import { negotiateLanguage } from '../i18n/index.ts';
import type { CachedResponse, PageCache } from '../lib/page-cache.ts';
import { browserHas, SHARED_CACHE_CONTROL, SHARED_VARY } from './render.ts';
import { newRequestId, REQUEST_ID_HEADER, type AnswerHeaders } from './security.ts';

export interface EarlyAnswersOptions {
  /** The pages kept by the render plugin (the same cache). */
  readonly pages: PageCache;
  /** The headers every answer carries. */
  readonly headers: AnswerHeaders;
  /** The catalogue revision in memory, or undefined when the database must be asked first. */
  readonly currentRevision: () => string | undefined;
  /** The cookies a shared page depends on (the session's, the language's): a request with one is routed. */
  readonly routedCookies: readonly string[];
}

/**
 * Whether a Cookie header holds a cookie named one of `names`, as the cookie parser reads it:
 * pairs split at `;`, a name trimmed of spaces and tabs, then `=`. A value that only contains a
 * name (`a=lang=en`) does not count.
 */
export function cookieNamesMatcher(names: readonly string[]): (header: string) => boolean {
  const alternatives = names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const pattern = new RegExp(`(?:^|;)[ \\t]*(?:${alternatives})[ \\t]*=`);
  return (header) => pattern.test(header);
}

/** Where the access lines go: the app's logger. */
export type AccessLog = Pick<FastifyBaseLogger, 'info'>;

/** A kept answer's header lists, ready for `writeHead`: name, value, name, value… */
interface Prepared {
  /** The full answer's (200). */
  readonly full: readonly (string | number)[];
  /** The answer to a browser that has the page already (304: no content type or length). */
  readonly notModified: readonly (string | number)[];
  /** Where the request reference goes in both. */
  readonly idAt: number;
}

export class EarlyAnswers {
  private log: AccessLog | undefined;
  /** The header lists of the kept answers, made once per kept page. */
  private readonly prepared = new WeakMap<CachedResponse, Prepared>();
  private readonly hasRoutedCookie: (header: string) => boolean;

  constructor(private readonly options: EarlyAnswersOptions) {
    this.hasRoutedCookie = cookieNamesMatcher(options.routedCookies);
  }

  /** From now on, answers what it can, writing its access lines to `log`. */
  start(log: AccessLog): void {
    this.log = log;
  }

  /** From now on, leaves every request to Fastify (which answers 503 while it closes). */
  stop(): void {
    this.log = undefined;
  }

  /** Answers `request` and says so, or says it must be routed. */
  answer(request: IncomingMessage, response: ServerResponse): boolean {
    const log = this.log;
    if (log === undefined) return false;
    const method = request.method;
    if (method !== 'GET' && method !== 'HEAD') return false;
    const headers = request.headers;
    const cookie = headers.cookie;
    if (cookie !== undefined && this.hasRoutedCookie(cookie)) return false;
    const revision = this.options.currentRevision();
    if (revision === undefined) return false;
    const url = request.url ?? '';
    const lang = negotiateLanguage(undefined, headers['accept-language']);
    const kept = this.options.pages.getEarly(`${lang} ${url}`, revision);
    if (kept === undefined) return false;

    const started = performance.now();
    const id = newRequestId();
    // The lines Fastify writes for a request (app.ts's serializer keeps only the path of `req`).
    log.info({ reqId: id, req: { id, method, url } }, 'incoming request');
    const prepared = this.prepare(kept);
    const notModified = browserHas(headers['if-none-match'], kept.etag);
    const answerHeaders = (notModified ? prepared.notModified : prepared.full).slice();
    answerHeaders[prepared.idAt] = id;
    response.writeHead(notModified ? 304 : 200, answerHeaders as string[]);
    response.end(method === 'HEAD' || notModified ? undefined : kept.body);
    log.info({ reqId: id, res: response, responseTime: performance.now() - started }, 'request completed');
    return true;
  }

  /** The header lists of `kept`, in the order the route's answers have them. */
  private prepare(kept: CachedResponse): Prepared {
    let prepared = this.prepared.get(kept);
    if (prepared === undefined) {
      const notModified: (string | number)[] = [];
      for (const [name, value] of Object.entries(this.options.headers)) notModified.push(name, value);
      const idAt = notModified.push(REQUEST_ID_HEADER, '') - 1;
      notModified.push('etag', kept.etag, 'cache-control', SHARED_CACHE_CONTROL, 'vary', SHARED_VARY);
      const full = [
        ...notModified,
        'content-type',
        kept.contentType,
        'content-length',
        typeof kept.body === 'string' ? Buffer.byteLength(kept.body) : kept.body.byteLength,
      ];
      prepared = { full, notModified, idAt };
      this.prepared.set(kept, prepared);
    }
    return prepared;
  }
}

/**
 * Fastify's `serverFactory`: the HTTP server Fastify would make (HTTP/1.1, its timeouts), whose
 * handler lets `early` answer first.
 */
export function serverWithEarlyAnswers(early: EarlyAnswers): FastifyServerFactory {
  return (handler, options) => {
    const server = http.createServer(
      (options.http as http.ServerOptions | undefined) ?? {},
      (request: IncomingMessage, response: ServerResponse) => {
        if (!early.answer(request, response)) handler(request, response);
      },
    );
    server.keepAliveTimeout = options.keepAliveTimeout as number;
    server.requestTimeout = options.requestTimeout as number;
    server.setTimeout(options.connectionTimeout as number);
    const maxRequestsPerSocket = options.maxRequestsPerSocket as number | null | undefined;
    if (typeof maxRequestsPerSocket === 'number' && maxRequestsPerSocket > 0) {
      server.maxRequestsPerSocket = maxRequestsPerSocket;
    }
    return server;
  };
}
