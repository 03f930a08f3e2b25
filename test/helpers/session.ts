/** Signed-in visitors and cookies in route tests. */
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';

/** Cookie name → value, as a browser keeps them between requests. */
export type CookieJar = Record<string, string>;

export function cookieHeader(jar: CookieJar): string {
  return Object.entries(jar)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

/** The cookies a response sets, as a jar. */
export function cookiesOf(response: { cookies: readonly { name: string; value: string }[] }): CookieJar {
  return Object.fromEntries(response.cookies.map((c) => [c.name, c.value]));
}

const SIGN_IN_DOOR = '/test-only/session/:id';

/**
 * A test-only door that opens a session for an account, for tests of pages behind login (the
 * login form has its own tests). Pass it as `buildTestApp({ routes: addSignInDoor })`.
 */
export function addSignInDoor(app: FastifyInstance): void {
  app.get<{ Params: { id: string } }>(SIGN_IN_DOOR, async (request, reply) => {
    await reply.startSession(request.params.id);
    return { ok: true };
  });
}

/** Signs `accountId` in through the door; returns the Cookie header of that browser. */
export async function signIn(app: FastifyInstance, accountId: string, userAgent?: string): Promise<string> {
  const response = await app.inject({
    url: SIGN_IN_DOOR.replace(':id', accountId),
    headers: userAgent ? { 'user-agent': userAgent } : {},
  });
  const cookie = response.cookies.find((c) => c.name === 'mg_session');
  assert.ok(cookie, 'the door opened a session');
  return `mg_session=${cookie.value}`;
}
