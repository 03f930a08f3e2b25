/**
 * Page rendering for routes: `reply.page(vnode)` renders a page for this request;
 * `reply.sharedPage(key, revision, build)` serves a page that is the same for every anonymous
 * visitor from memory, with an ETag and `304 Not Modified` (and, at its own address, before
 * routing: early-answers.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import { messagesFor } from '../i18n/index.ts';
import { PageCache, type CachedResponse } from '../lib/page-cache.ts';
import type { PageContext } from '../ui/context.ts';
import { renderDocumentBytes } from '../ui/render.ts';

const HTML = 'text/html; charset=utf-8';

/** What a shared answer is made of, the first time it is asked for. */
type SharedBuild = () =>
  Promise<{ body: string | Buffer; contentType: string }> | { body: string | Buffer; contentType: string };

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Renders `page` for this request and sends it with `status` (200 by default); `returnPath`
     * replaces the request's own path as the place the language switch comes back to.
     */
    page(page: VNode, status?: number, returnPath?: string): FastifyReply;
    /**
     * Sends a response that is the same for every anonymous visitor in a language, rendered once
     * per `revision` and kept in memory; answers 304 when the browser already has it. Once served
     * at the address `key` itself, the page is answered there before routing to the next
     * anonymous visitors (early-answers.ts) while `revision` is current: a route that calls this
     * answers every anonymous GET of `key` with this page, and adds no header and no rate limit.
     */
    sharedPage(key: string, revision: string, build: () => VNode): FastifyReply | Promise<FastifyReply>;
    /** The same as `sharedPage` for any body (a PDF, an SVG). */
    sharedBody(key: string, revision: string, build: SharedBuild): FastifyReply | Promise<FastifyReply>;
  }
  interface FastifyInstance {
    pageCache: PageCache;
  }
}

export function pageContext(request: FastifyRequest): PageContext {
  const session = request.session;
  const messages = messagesFor(request.lang);
  return {
    lang: request.lang,
    m: messages.portal,
    messages,
    currentPath: request.url,
    user: session
      ? {
          displayName: `${session.firstName} ${session.lastName}`,
          csrfToken: session.csrfToken,
          emailVerified: session.emailVerified,
        }
      : null,
  };
}

/**
 * What a route handler returns when it may have sent its answer already: nothing then (a handler
 * that is not async and returns nothing is not sent twice), and a promise as it is (Fastify waits
 * for it and hands its error to the error handler). A handler that sends a page kept in memory
 * without awaiting anything saves the promise, the microtask and Fastify's wait on them.
 */
export function sentOrPending(result: unknown): Promise<unknown> | undefined {
  return result instanceof Promise ? result : undefined;
}

/**
 * The cache headers of a shared answer: the browser keeps it but asks again (its ETag), and the
 * answer depends on the cookies and the language.
 */
export const SHARED_CACHE_CONTROL = 'private, no-cache';
export const SHARED_VARY = 'Cookie, Accept-Language';

/** Whether the browser already has the body of `etag` (`If-None-Match`, weak tags included). */
export function browserHas(ifNoneMatch: string | string[] | undefined, etag: string): boolean {
  return (
    typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)
  );
}

function sendCached(request: FastifyRequest, reply: FastifyReply, cached: CachedResponse): FastifyReply {
  reply.header('etag', cached.etag).header('cache-control', SHARED_CACHE_CONTROL).header('vary', SHARED_VARY);
  if (browserHas(request.headers['if-none-match'], cached.etag)) return reply.code(304).send();
  return reply.type(cached.contentType).send(cached.body);
}

export interface RenderOptions {
  /**
   * Where shared pages are kept; app.ts hands the same cache to the answers before routing
   * (early-answers.ts). A cache of its own by default.
   */
  readonly pageCache?: PageCache;
}

export const renderPlugin = fp<RenderOptions>(
  async (app: FastifyInstance, options) => {
    const pageCache = options.pageCache ?? new PageCache();
    app.decorate('pageCache', pageCache);

    app.decorateReply('page', function (this: FastifyReply, page: VNode, status = 200, returnPath?: string) {
      const ctx = pageContext(this.request);
      // Encoded here, not by Node on write (the pages are not Latin-1: ’, é, —), and only the
      // parts that are not kept as bytes.
      const html = renderDocumentBytes(returnPath === undefined ? ctx : { ...ctx, currentPath: returnPath }, page);
      return this.code(status).header('cache-control', 'no-store').type(HTML).send(html);
    });

    /**
     * Sends the kept answer for `key`; `early`: when this request asked for `key` itself, the
     * answer may from now on be given before routing (only pages: a body's route may add headers,
     * such as the guide's file name, or a rate limit).
     */
    function sendShared(
      reply: FastifyReply,
      key: string,
      revision: string,
      build: SharedBuild,
      early: boolean,
    ): FastifyReply | Promise<FastifyReply> {
      const request = reply.request;
      if (request.session) {
        // A signed-in visitor's page carries their name: never shared, never cached.
        return Promise.resolve(build()).then((made) =>
          reply.header('cache-control', 'no-store').type(made.contentType).send(made.body),
        );
      }
      const cacheKey = `${request.lang} ${key}`;
      const atItsAddress = early && request.url === key;
      // A page already kept is sent without waiting for anything.
      const kept = pageCache.get(cacheKey, revision);
      if (kept) {
        if (atItsAddress) pageCache.allowEarly(cacheKey, revision);
        return sendCached(request, reply, kept);
      }
      return pageCache.getOrCreate(cacheKey, revision, build).then((cached) => {
        if (atItsAddress) pageCache.allowEarly(cacheKey, revision);
        return sendCached(request, reply, cached);
      });
    }

    app.decorateReply('sharedBody', function (this: FastifyReply, key, revision, build) {
      return sendShared(this, key, revision, build, false);
    } as FastifyReply['sharedBody']);

    app.decorateReply('sharedPage', function (this: FastifyReply, key: string, revision: string, build: () => VNode) {
      const request = this.request;
      return sendShared(
        this,
        key,
        revision,
        () => ({
          // Kept as UTF-8 bytes: a cached string would be re-encoded on every response.
          body: renderDocumentBytes(
            { ...pageContext(request), currentPath: request.session ? request.url : key },
            build(),
          ),
          contentType: HTML,
        }),
        true,
      );
    });
  },
  { name: 'render', dependencies: ['i18n', 'session'] },
);
