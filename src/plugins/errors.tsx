/**
 * One place turns every error into a page: the application's own errors (errors.ts), Fastify's
 * (bad URL, body too large, rate limit…) and unexpected ones, which become a 500 page that shows
 * only a reference to quote to the help desk.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, CsrfError, UnauthenticatedError, UnsupportedLanguageError } from '../errors.ts';
import { ErrorPage, UnsupportedLanguagePage, type ErrorKind } from '../ui/error.page.tsx';
import { DEFAULT_LANG, messagesFor } from '../i18n/index.ts';
import { paths, safeReturnPath } from '../paths.ts';
import { renderDocument } from '../ui/render.ts';
import { putAnswerHeaders, type AnswerHeaders } from './security.ts';

function kindForStatus(status: number): ErrorKind {
  if (status === 404) return 'notFound';
  if (status === 413) return 'payloadTooLarge';
  if (status === 429) return 'rateLimited';
  if (status === 503) return 'unavailable';
  if (status >= 400 && status < 500) return 'badRequest';
  return 'serverError';
}

/**
 * The handler of the errors Fastify raises before routing (a URL that cannot be decoded, a path
 * segment longer than the router accepts): the same pages, in French since no hook has read the
 * language yet, with the headers every answer carries (no hook puts them there either).
 */
export function frameworkErrorHandler(headers: AnswerHeaders) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    putAnswerHeaders(request, reply, headers);
    request.log.info({ code: error.code }, 'request refused before routing');
    const notFound = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
    // Fastify hands this handler a reply without the app's decorators: render directly.
    const html = renderDocument(
      {
        lang: DEFAULT_LANG,
        m: messagesFor(DEFAULT_LANG).portal,
        messages: messagesFor(DEFAULT_LANG),
        currentPath: paths.site.home(),
        user: null,
      },
      <ErrorPage kind={notFound ? 'notFound' : 'badRequest'} />,
    );
    void reply
      .code(notFound ? 404 : 400)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(html);
  };
}

export const errorsPlugin = fp(
  async (app: FastifyInstance) => {
    app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
      return reply.page(<ErrorPage kind="notFound" />, 404);
    });

    app.setErrorHandler((error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) => {
      if (error instanceof UnauthenticatedError) {
        const returnTo = request.method === 'GET' ? safeReturnPath(request.url) : undefined;
        return reply.redirect(paths.accounts.login(returnTo), 303);
      }
      if (error instanceof UnsupportedLanguageError) {
        const query = request.query as Record<string, unknown> | undefined;
        const returnTo = safeReturnPath(query?.retour);
        return reply.page(<UnsupportedLanguagePage returnTo={returnTo} />, error.status, returnTo);
      }
      const status =
        error instanceof AppError
          ? error.status
          : 'statusCode' in error &&
              typeof error.statusCode === 'number' &&
              error.statusCode >= 400 &&
              error.statusCode < 600
            ? error.statusCode
            : 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'request failed');
      } else {
        request.log.info({ code: 'code' in error ? error.code : undefined, status }, 'request refused');
      }
      if (status === 429) reply.header('retry-after', '60');
      const kind = error instanceof CsrfError ? 'csrf' : kindForStatus(status);
      return reply.page(<ErrorPage kind={kind} reference={kind === 'serverError' ? request.id : undefined} />, status);
    });
  },
  { name: 'errors', dependencies: ['render'] },
);
