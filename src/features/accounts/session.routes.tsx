/**
 * Logging out: a POST (with the form's anti-forgery token) that ends the session, then the page
 * "Vous êtes déconnecté(e)" (which matters on a shared family computer). A session opened with
 * MConnect ends at MConnect too: the browser goes to its logout address with the ID token as
 * `id_token_hint`, and MConnect sends it back to /deconnexion/mconnect, then to that page, which
 * says MConnect was left too.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { paths } from '../../paths.ts';
import { recordAuditEvent } from '../audit/audit.service.ts';
import { mconnectIdTokenOf } from './sessions.service.ts';
import { LoggedOutPage } from './views/logged-out.page.tsx';

export interface SessionRoutesOptions {
  readonly db: Kysely<Database>;
  /** MConnect's logout address for an ID token, or null when MConnect is off or has none. */
  readonly mconnectLogoutUrl?: ((idToken: string) => Promise<string | null>) | undefined;
}

export async function sessionRoutes(
  app: FastifyInstance,
  { db, mconnectLogoutUrl }: SessionRoutesOptions,
): Promise<void> {
  app.post(paths.accounts.logout.pattern, async (request, reply) => {
    const session = request.session;
    const idToken = session?.hasMconnectSession ? await mconnectIdTokenOf(db, session.idHash) : null;
    if (session)
      await recordAuditEvent(db, {
        event: 'logout',
        accountId: session.accountId,
        ip: request.ip,
        details: { method: session.authMethod },
      });
    await reply.endSession();
    const elsewhere = idToken && mconnectLogoutUrl ? await mconnectLogoutUrl(idToken) : null;
    return reply.redirect(elsewhere ?? paths.accounts.loggedOut(), 303);
  });

  app.get<{ Querystring: { mconnect?: string } }>(paths.accounts.loggedOut.pattern, async (request, reply) =>
    reply.header('cache-control', 'no-store').page(<LoggedOutPage mconnect={request.query.mconnect === 'oui'} />),
  );
}
