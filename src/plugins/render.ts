/**
 * Page rendering for routes: `reply.page(vnode)` renders a page for this request;
 * `reply.sharedPage(key, revision, build)` serves a page that is the same for every anonymous
 * visitor from memory, with an ETag and `304 Not Modified`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { VNode } from 'preact';
import { messagesFor } from '../i18n/index.ts';
import { PageCache, type CachedResponse } from '../lib/page-cache.ts';
import type { PageContext } from '../ui/context.ts';
import { renderDocumentBytes } from '../ui/render.ts';

const HTML = 'text/html; charset=utf-8';

declare module 'fastify' {
  interface FastifyReply {
    /**
     * Renders `page` for this request and sends it with `status` (200 by default); `returnPath`
     * replaces the request's own path as the place the language switch comes back to.
     */
    page(page: VNode, status?: number, returnPath?: string): FastifyReply;
    /**
     * Sends a response that is the same for every anonymous visitor in a language, rendered once
     * per `revision` and kept in memory; answers 304 when the browser already has it.
     */
    sharedPage(key: string, revision: string, build: () => VNode): FastifyReply | Promise<FastifyReply>;
    /** The same as `sharedPage` for any body (a PDF, an SVG). */
    sharedBody(
      key: string,
      revision: string,
      build: () =>
        Promise<{ body: string | Buffer; contentType: string }> | { body: string | Buffer; contentType: string },
    ): FastifyReply | Promise<FastifyReply>;
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

function sendCached(request: FastifyRequest, reply: FastifyReply, cached: CachedResponse): FastifyReply {
  reply
    .header('etag', cached.etag)
    .header('cache-control', 'private, no-cache')
    .header('vary', 'Cookie, Accept-Language');
  const ifNoneMatch = request.headers['if-none-match'];
  if (
    typeof ifNoneMatch === 'string' &&
    ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === cached.etag)
  ) {
    return reply.code(304).send();
  }
  return reply.type(cached.contentType).send(cached.body);
}

export const renderPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorate('pageCache', new PageCache());

    app.decorateReply('page', function (this: FastifyReply, page: VNode, status = 200, returnPath?: string) {
      const ctx = pageContext(this.request);
      // Encoded here, not by Node on write (the pages are not Latin-1: ’, é, —), and only the
      // parts that are not kept as bytes.
      const html = renderDocumentBytes(returnPath === undefined ? ctx : { ...ctx, currentPath: returnPath }, page);
      return this.code(status).header('cache-control', 'no-store').type(HTML).send(html);
    });

    app.decorateReply('sharedBody', function (this: FastifyReply, key, revision, build) {
      if (this.request.session) {
        // A signed-in visitor's page carries their name: never shared, never cached.
        return Promise.resolve(build()).then((made) =>
          this.header('cache-control', 'no-store').type(made.contentType).send(made.body),
        );
      }
      const cacheKey = `${this.request.lang} ${key}`;
      // A page already kept is sent without waiting for anything.
      const kept = app.pageCache.get(cacheKey, revision);
      if (kept) return sendCached(this.request, this, kept);
      return app.pageCache
        .getOrCreate(cacheKey, revision, build)
        .then((cached) => sendCached(this.request, this, cached));
    } as FastifyReply['sharedBody']);

    app.decorateReply('sharedPage', function (this: FastifyReply, key: string, revision: string, build: () => VNode) {
      const request = this.request;
      return this.sharedBody(key, revision, () => ({
        // Kept as UTF-8 bytes: a cached string would be re-encoded on every response.
        body: renderDocumentBytes(
          { ...pageContext(request), currentPath: request.session ? request.url : key },
          build(),
        ),
        contentType: HTML,
      }));
    });
  },
  { name: 'render', dependencies: ['i18n', 'session'] },
);
