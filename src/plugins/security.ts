/**
 * Security headers on every response (helmet, with a Content-Security-Policy that allows no
 * inline script or style), the rate-limit plugin (limits are set per route), and the cookie
 * parser with the session secret for signed cookies.
 */
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.ts';

export interface SecurityOptions {
  readonly config: Config;
}

export const securityPlugin = fp<SecurityOptions>(
  async (app: FastifyInstance, { config }) => {
    await app.register(cookie, { secret: config.sessionSecret, parseOptions: {} });
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          formAction: ["'self'"],
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
