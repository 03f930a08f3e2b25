/**
 * Security headers and the request's reference on every response (helmet's, with a
 * Content-Security-Policy that allows no inline script or style, and a Permissions-Policy that
 * turns off camera, microphone, geolocation and payment), the rate-limit plugin (limits are set per
 * route), and the cookie parser with the session secret for signed cookies.
 *
 * The headers are the same for every response (no nonces: there is no inline script), so helmet
 * runs once at start-up and its headers are copied onto each reply. (@fastify/helmet rebuilt the
 * whole middleware, CSP parsing included, on every request: about 13 % of a cached page's CPU.)
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';
import type { Config } from '../config.ts';

/** The headers helmet sets for these options, computed once. */
export function securityHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let done = false;
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, () => {
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously');
  return Object.freeze(headers);
}

/**
 * Browser features no page of the portal uses, turned off for the page and anything it embeds
 * (helmet does not set this header).
 */
export const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=()';

/** The headers every answer carries (`answerHeaders`), computed once from the configuration. */
export type AnswerHeaders = Readonly<Record<string, string>>;

/**
 * Helmet's headers for the portal's options and the Permissions-Policy: the same for every answer
 * (no nonces: there is no inline script), so computed once at start-up.
 */
export function answerHeaders(config: Config): AnswerHeaders {
  const headers = securityHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        // Logging out of an MConnect session posts here, then is redirected to MConnect's logout:
        // browsers apply form-action to that redirect too.
        // "Payer" posts here and is redirected to the payment provider's page.
        formAction: [
          "'self'",
          ...(config.mconnect.issuer ? [new URL(config.mconnect.issuer).origin] : []),
          config.payments.checkoutOrigin,
        ],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
        objectSrc: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });
  return Object.freeze({ ...headers, 'permissions-policy': PERMISSIONS_POLICY });
}

/** The answer's header that carries the request's reference. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** A new request reference (Fastify's `genReqId`, and the answers given before routing). */
export function newRequestId(): string {
  return randomUUID();
}

/**
 * Puts on `reply` what every answer carries: the security headers and the request's reference
 * (`x-request-id`, which the error pages quote). The security plugin does it when a request
 * arrives; the answers Fastify refuses before routing, which run no hook, do it themselves.
 */
export function putAnswerHeaders(request: FastifyRequest, reply: FastifyReply, headers: AnswerHeaders): void {
  reply.headers(headers).header(REQUEST_ID_HEADER, request.id);
}

export interface SecurityOptions {
  readonly config: Config;
  readonly headers: AnswerHeaders;
}

export const securityPlugin = fp<SecurityOptions>(
  async (app: FastifyInstance, { config, headers }) => {
    await app.register(cookie, { secret: config.sessionSecret, parseOptions: {} });
    app.addHook('onRequest', (request, reply, done) => {
      putAnswerHeaders(request, reply, headers);
      done();
    });
    // Limits are declared per route (`config.rateLimit`); every limited route shares this store.
    await app.register(rateLimit, { global: false });
  },
  { name: 'security' },
);

/** Options of every cookie the portal sets: HttpOnly, SameSite=Lax, Secure over HTTPS. */
export function cookieOptions(config: Config, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: config.secureCookies,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}
