/** Resolves the interface language of every request: `lang` cookie, then Accept-Language, then French. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { DEFAULT_LANG, negotiateLanguage, type Lang } from '../i18n/index.ts';

export const LANG_COOKIE = 'lang';

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
  }
}

export const i18nPlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest('lang', DEFAULT_LANG);
    app.addHook('onRequest', (request, _reply, done) => {
      request.lang = negotiateLanguage(request.cookies[LANG_COOKIE], request.headers['accept-language']);
      done();
    });
  },
  { name: 'i18n', dependencies: ['@fastify/cookie'] },
);
