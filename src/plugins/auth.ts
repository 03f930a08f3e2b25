/**
 * Guards for the route trees of signed-in users. `requireSession` is a preHandler: without a
 * session the request ends in a redirect to the login page (and back afterwards, for a GET).
 */
import type { FastifyRequest } from 'fastify';
import { UnauthenticatedError } from '../errors.ts';
import type { CurrentSession } from './session.ts';

export async function requireSession(request: FastifyRequest): Promise<void> {
  if (!request.session) throw new UnauthenticatedError('This page needs a signed-in user');
}

/** The session of a request that went through `requireSession`. */
export function sessionOf(request: FastifyRequest): CurrentSession {
  if (!request.session) throw new UnauthenticatedError('This page needs a signed-in user');
  return request.session;
}
