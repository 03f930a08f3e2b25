/** "Mon profil": signed-in users only; every change is a POST with the form's token, then a redirect. */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { UnauthenticatedError } from '../../errors.ts';
import { messagesFor } from '../../i18n/index.ts';
import { formText } from '../../lib/text.ts';
import { routes } from '../../paths.ts';
import { requireSession, sessionOf } from '../../plugins/auth.ts';
import type { FieldErrors } from '../../ui/forms.tsx';
import { endOtherSessions, exportAccountData, listAccountSessions, loadProfile, setEmailLanguage } from './profile.service.ts';
import { ProfilePage } from './views/profile.page.tsx';

export async function profileRoutes(app: FastifyInstance, { db }: { db: Kysely<Database> }): Promise<void> {
  app.addHook('preHandler', requireSession);

  const show = async (reply: FastifyReply, notice: string | undefined, errors: FieldErrors, status = 200) => {
    const session = sessionOf(reply.request);
    const profile = await loadProfile(db, session.accountId);
    if (!profile) throw new UnauthenticatedError('The account is gone');
    const sessions = (await listAccountSessions(db, session.accountId)).map((row) => ({
      current: row.id_hash === session.idHash,
      userAgent: row.user_agent,
      createdAt: row.created_at,
      lastSeenAt: row.last_seen_at,
    }));
    return reply.page(<ProfilePage profile={profile} sessions={sessions} csrfToken={reply.csrfToken()} notice={notice} errors={errors} />, status);
  };

  app.get(routes.profile.pattern, async (request, reply) => {
    const t = messagesFor(request.lang).profile;
    const info = formText((request.query as Record<string, unknown> | undefined)?.info, 40);
    const ended = /^appareils-(\d{1,4})$/.exec(info);
    const notice = info === 'langue' ? t.languageSaved : ended ? t.othersEnded(Number(ended[1])) : undefined;
    return show(reply, notice, {});
  });

  app.post<{ Body: { langue?: unknown } }>(routes.profileLanguage.pattern, async (request, reply) => {
    const language = formText(request.body?.langue, 10);
    if (language !== 'fr' && language !== 'en') {
      return show(reply, undefined, { langue: messagesFor(request.lang).profile.errors.language }, 400);
    }
    await setEmailLanguage(db, sessionOf(request).accountId, language);
    return reply.redirect(routes.profile.url('langue'), 303);
  });

  app.post(routes.profileSessions.pattern, async (request, reply) => {
    const session = sessionOf(request);
    const ended = await endOtherSessions(db, { accountId: session.accountId, currentIdHash: session.idHash, ip: request.ip });
    return reply.redirect(routes.profile.url(`appareils-${ended}`), 303);
  });

  app.get(routes.profileData.pattern, async (request, reply) => {
    const data = await exportAccountData(db, sessionOf(request).accountId);
    if (!data) throw new UnauthenticatedError('The account is gone');
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="monguichet-mes-donnees.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });
}
