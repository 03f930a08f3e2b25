/**
 * Security headers on every response (helmet's, with a Content-Security-Policy that allows no
 * inline script or style, and a Permissions-Policy that turns off camera, microphone, geolocation
 * and payment), the rate-limit plugin (limits are set per route), and the cookie
 * parser with the session secret for signed cookies.
 *
 * The headers are the same for every response (no nonces: there is no inline script), so helmet
 * runs once at start-up and its headers are copied onto each reply. (@fastify/helmet rebuilt the
 * whole middleware, CSP parsing included, on every request: about 13 % of a cached page's CPU.)
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
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

export interface SecurityOptions {
  readonly config: Config;
}

export const securityPlugin = fp<SecurityOptions>(
  async (app: FastifyInstance, { config }) => {
    await app.register(cookie, { secret: config.sessionSecret, parseOptions: {} });
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
    const allHeaders = Object.freeze({ ...headers, 'permissions-policy': PERMISSIONS_POLICY });
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(allHeaders);
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
