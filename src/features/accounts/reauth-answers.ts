/** How a form answers a refused re-authentication (the current password asked again). */
import type { FastifyReply } from 'fastify';
import type { Messages } from '../../i18n/index.ts';
import type { ReauthFailure } from './profile-changes.service.ts';

export function reauthMessage(m: Messages, failure: ReauthFailure): string {
  const t = m.profile.reauth;
  if (failure.reason === 'throttled') return t.throttled(Math.max(1, Math.ceil(failure.retryAfterSeconds / 60)));
  return failure.reason === 'required' ? t.required : t.wrong;
}

/** 429 with Retry-After when the password was refused for too many attempts, else 400. */
export function refusalStatus(reply: FastifyReply, failure: ReauthFailure | undefined): number {
  if (failure?.reason !== 'throttled') return 400;
  reply.header('retry-after', String(failure.retryAfterSeconds));
  return 429;
}
