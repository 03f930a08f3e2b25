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
  app.get<{ Params: { id: string }; Querystring: { acr?: string; id_token?: string } }>(
    SIGN_IN_DOOR,
    async (request, reply) => {
      const { acr, id_token: idToken } = request.query;
      // With `?acr=…&id_token=…`, a session as an MConnect login opens it.
      await reply.startSession(
        request.params.id,
        acr ? { method: 'mconnect', acr, mconnectIdToken: idToken ?? null } : undefined,
      );
      return { ok: true };
    },
  );
}

/** Signs `accountId` in through the door; returns the Cookie header of that browser. */
export async function signIn(
  app: FastifyInstance,
  accountId: string,
  userAgent?: string,
  mconnect?: { readonly acr: string; readonly idToken: string },
): Promise<string> {
  const query = mconnect ? `?${new URLSearchParams({ acr: mconnect.acr, id_token: mconnect.idToken }).toString()}` : '';
  const response = await app.inject({
    url: SIGN_IN_DOOR.replace(':id', accountId) + query,
    headers: userAgent ? { 'user-agent': userAgent } : {},
  });
  const cookie = response.cookies.find((c) => c.name === 'mg_session');
  assert.ok(cookie, 'the door opened a session');
  return `mg_session=${cookie.value}`;
}
