/**
 * The closed set of errors the application throws on purpose. Each has a stable code, an HTTP
 * status and a one-line "thrown when". One handler (plugins/errors.tsx) turns them into pages.
 * Errors Fastify raises itself (a malformed request, a body over the limit, a rate limit) carry
 * their own status, which the handler maps to the same pages; anything else is an unexpected error
 * and becomes the generic 500 page.
 */
export type ErrorCode = 'NOT_FOUND' | 'UNSUPPORTED_LANGUAGE' | 'CSRF_FAILED' | 'UNAUTHENTICATED';

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  abstract readonly status: number;
}

/** Thrown when a URL names something that does not exist (unknown procedure slug, unknown page). */
export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
  readonly status = 404;
}

/** Thrown when a language switch asks for a language the portal does not offer. */
export class UnsupportedLanguageError extends AppError {
  readonly code = 'UNSUPPORTED_LANGUAGE';
  readonly status = 400;
}

/** Thrown when a state-changing request comes without the form's anti-forgery token, or from another site. */
export class CsrfError extends AppError {
  readonly code = 'CSRF_FAILED';
  readonly status = 403;
}

/** Thrown when a page that needs a signed-in user is asked for without a session (becomes a login redirect). */
export class UnauthenticatedError extends AppError {
  readonly code = 'UNAUTHENTICATED';
  readonly status = 401;
}
