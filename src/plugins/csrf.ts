/**
 * Protection against cross-site request forgery on every state-changing request (ADR 3), in tests
 * too. Signed in, the token is the session's own random token; anonymous (login, sign-up,
 * forgotten password), it is an HMAC of a random value kept in a short `mg_csrf` cookie. Forms
 * carry it in a hidden `_csrf` field (scripts may send `x-csrf-token`). A request whose `Origin` is
 * another site (or `null`, unless the browser marks it `Sec-Fetch-Site: same-origin`), or that a
 * browser marks `Sec-Fetch-Site: cross-site`, is refused as well.
 * Routes called by servers (signed payment notifications) opt out with `config: { csrf: false }`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';
import { CsrfError } from '../errors.ts';
import { cookieOptions } from './security.ts';

export const CSRF_FIELD = '_csrf';

declare module 'fastify' {
  interface FastifyReply {
    /** The anti-forgery token to put in this page's forms (sets the anonymous cookie when needed). */
    csrfToken(): string;
  }
  interface FastifyContextConfig {
    /** false: a route called by servers, not browsers, authenticated otherwise (a signature). */
    csrf?: boolean;
  }
}

export function csrfCookieName(config: Config): string {
  return config.secureCookies ? '__Host-mg_csrf' : 'mg_csrf';
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export const csrfPlugin = fp<{ config: Config }>(
  async (app: FastifyInstance, { config }) => {
    const cookieName = csrfCookieName(config);
    const publicOrigin = new URL(config.publicUrl).origin;
    const anonymousToken = (binding: string) =>
      createHmac('sha256', config.sessionSecret).update(`csrf:${binding}`).digest('base64url');

    app.decorateReply('csrfToken', function (this: FastifyReply) {
      const request = this.request;
      if (request.session) return request.session.csrfToken;
      let binding = request.cookies[cookieName];
      if (!binding || binding.length !== 43) {
        binding = randomBytes(32).toString('base64url');
        request.cookies[cookieName] = binding;
        this.setCookie(cookieName, binding, cookieOptions(config, 2 * 3600));
      }
      return anonymousToken(binding);
    });

    /** Throws a `CsrfError` unless an unsafe request comes from this site with its token. */
    function checkRequest(request: FastifyRequest): void {
      if (!UNSAFE_METHODS.has(request.method) || request.routeOptions.config.csrf === false) return;
      const origin = request.headers.origin;
      const fetchSite = request.headers['sec-fetch-site'];
      // A page served with `Referrer-Policy: no-referrer` (those a one-time link opens) makes the
      // browser send `Origin: null` with its forms: then only the browser's own word that the
      // request comes from this site (`Sec-Fetch-Site`, which no page can set) lets it through.
      const opaqueSameOrigin = origin === 'null' && fetchSite === 'same-origin';
      if (origin !== undefined && origin !== publicOrigin && !opaqueSameOrigin)
        throw new CsrfError(`Request from another origin`);
      if (fetchSite === 'cross-site') throw new CsrfError('Cross-site request');
      const body = request.body;
      const fromBody =
        typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined;
      const fromHeader = request.headers['x-csrf-token'];
      const submitted = typeof fromBody === 'string' ? fromBody : typeof fromHeader === 'string' ? fromHeader : '';
      if (submitted === '') throw new CsrfError('No anti-forgery token');
      let expected: string;
      if (request.session) {
        expected = request.session.csrfToken;
      } else {
        const binding = request.cookies[cookieName];
        if (!binding) throw new CsrfError('No anti-forgery cookie');
        expected = anonymousToken(binding);
      }
      if (!sameToken(submitted, expected)) throw new CsrfError('Wrong anti-forgery token');
    }

    // Synchronous: a safe request (every page read) passes without a promise.
    app.addHook('preValidation', (request, _reply, done) => {
      try {
        checkRequest(request);
      } catch (error) {
        done(error as Error);
        return;
      }
      done();
    });
  },
  { name: 'csrf', dependencies: ['security', 'session'] },
);
