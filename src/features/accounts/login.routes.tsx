/**
 * "Se connecter": GET shows the form; POST validates, throttles, checks the password, opens a
 * new session and goes back to the page that asked for login (a local path only).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { messagesFor } from '../../i18n/index.ts';
import { formText } from '../../lib/text.ts';
import { paths, safeReturnPath } from '../../paths.ts';
import type { FieldErrors } from '../../ui/forms.tsx';
import { checkLogin, lockNotifier, loginSessionInsert } from './login.service.ts';
import { LoginPage } from './views/login.page.tsx';

interface LoginBody {
  identifiant?: unknown;
  mot_de_passe?: unknown;
}

/** Longest input read from a login field; anything longer cannot be a valid identifier or password. */
const MAX_FIELD = 1024;

function returnPathOf(request: FastifyRequest): string | undefined {
  const retour = (request.query as Record<string, unknown> | undefined)?.retour;
  return typeof retour === 'string' && retour !== '' ? safeReturnPath(retour, paths.dossiers.mine()) : undefined;
}

export interface LoginRoutesOptions {
  readonly config: Config;
  readonly db: Kysely<Database>;
  /** Whether the login page offers MConnect. */
  readonly mconnect: boolean;
}

export async function loginRoutes(app: FastifyInstance, { config, db, mconnect }: LoginRoutesOptions): Promise<void> {
  const onLock = lockNotifier({ db, config, mail: app.mail });

  const show = (reply: FastifyReply, identifier: string, errors: FieldErrors, status = 200) =>
    reply.page(
      <LoginPage
        csrfToken={reply.csrfToken()}
        identifier={identifier}
        returnTo={returnPathOf(reply.request)}
        errors={errors}
        mconnect={mconnect}
      />,
      status,
    );

  app.get(paths.accounts.login.pattern, async (request, reply) => {
    if (request.session) return reply.redirect(returnPathOf(request) ?? paths.dossiers.mine(), 303);
    return show(reply, '', {});
  });

  app.post<{ Body: LoginBody }>(
    paths.accounts.login.pattern,
    { config: { rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const t = messagesFor(request.lang).accounts.login.errors;
      const body: LoginBody = request.body ?? {};
      const identifier = formText(body.identifiant, MAX_FIELD).trim();
      const password = formText(body.mot_de_passe, MAX_FIELD);
      const errors: Record<string, string> = {};
      if (identifier === '') errors.identifiant = t.identifierRequired;
      if (password === '') errors.mot_de_passe = t.passwordRequired;
      if (Object.keys(errors).length > 0) return show(reply, identifier, errors, 400);

      const outcome = await checkLogin(db, { identifier, password, ip: request.ip }, onLock);
      if (outcome.kind === 'throttled') {
        reply.header('retry-after', String(outcome.retryAfterSeconds));
        const minutes = Math.ceil(outcome.retryAfterSeconds / 60);
        const message = outcome.scope === 'address' ? t.addressThrottled(minutes) : t.throttled(minutes);
        return show(reply, identifier, { identifiant: message }, 429);
      }
      if (outcome.kind === 'invalid') return show(reply, identifier, { identifiant: t.invalid }, 400);
      // The attempt forgotten, the audit event and the session: one statement.
      await reply.startSession(outcome.accountId, undefined, loginSessionInsert(db, outcome));
      // Where they asked to go, else "Mes démarches", as after an MConnect login.
      return reply.redirect(returnPathOf(request) ?? paths.dossiers.mine(), 303);
    },
  );
}
