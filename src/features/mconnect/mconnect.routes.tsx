/**
 * "S'identifier avec MConnect": the redirect to MConnect, its answer, and the first-login pages.
 * Two short cookies, both `HttpOnly`, `SameSite=Lax` (a Strict cookie would not come back with
 * the redirect from MConnect) and limited to /connexion/mconnect: the transaction and the pending
 * first login. Every form is a POST with its token; every outcome ends on a page that says what
 * happened and offers a way on, and nothing is created or linked on a failure.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import { NotFoundError } from '../../errors.ts';
import type { Database } from '../../db/database.ts';
import { messagesFor } from '../../i18n/index.ts';
import { formText } from '../../lib/text.ts';
import { paths, safeReturnPath } from '../../paths.ts';
import { cookieOptions } from '../../plugins/security.ts';
import type { FieldErrors } from '../../ui/forms.tsx';
import { requireSession, sessionOf } from '../../plugins/auth.ts';
import {
  findContact,
  lockNotifier,
  reauthenticate,
  reauthMessage,
  refusalStatus,
} from '../accounts/accounts.service.ts';
import { MconnectError, type MconnectClient } from './mconnect.client.ts';
import {
  PENDING_MINUTES,
  REAUTH_MAX_AGE_SECONDS,
  TRANSACTION_MINUTES,
  beginLogin,
  cancelPending,
  completeLogin,
  confirmLink,
  createAccountFromIdentity,
  linkedIdentity,
  loadPending,
  proveAccount,
  unlinkIdentity,
  type MconnectDeps,
} from './mconnect.service.ts';
import { AccountCreatedPage } from './views/account-created.page.tsx';
import { ConfirmLinkPage } from './views/confirm-link.page.tsx';
import { CreateFromIdentityPage } from './views/create-from-identity.page.tsx';
import { FirstLoginPage } from './views/first-login.page.tsx';
import { IncompleteIdentityPage } from './views/incomplete-identity.page.tsx';
import { ManageIdentityPage } from './views/manage-identity.page.tsx';
import { MconnectExpiredPage } from './views/mconnect-expired.page.tsx';
import { MconnectFailedPage } from './views/mconnect-failed.page.tsx';
import { MconnectRefusedPage } from './views/mconnect-refused.page.tsx';
import { ProveAccountPage } from './views/prove-account.page.tsx';

export interface MconnectRoutesOptions {
  readonly config: Config;
  readonly db: Kysely<Database>;
  readonly client: MconnectClient;
}

const TRANSACTION_COOKIE = 'mg_mconnect';
const PENDING_COOKIE = 'mg_mconnect_attente';
const COOKIE_PATH = '/connexion/mconnect';

/** The callback and the forms are few per person: this is far above any honest use. */
const LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };

/** Whether the signed-in account has a password (else MConnect is its only way in). */
async function profileAccount(db: Kysely<Database>, accountId: string): Promise<{ hasPassword: boolean } | undefined> {
  const account = await findContact(db, accountId);
  return account && !account.closed ? { hasPassword: account.hasPassword } : undefined;
}

const FAILURE_STATUS = {
  cancelled: 200,
  unavailable: 503,
  acr_too_low: 403,
  rejected: 400,
  no_transaction: 400,
} as const;

export async function mconnectRoutes(
  app: FastifyInstance,
  { config, db, client }: MconnectRoutesOptions,
): Promise<void> {
  const deps: MconnectDeps = { db, config, mail: app.mail, client };
  const cookie = (seconds: number) => ({ ...cookieOptions(config, seconds), path: COOKIE_PATH });
  const clear = (reply: FastifyReply, name: string) =>
    reply.clearCookie(name, { ...cookieOptions(config), path: COOKIE_PATH });
  const pendingHandle = (request: FastifyRequest) => request.cookies[PENDING_COOKIE];

  const onLock = lockNotifier({ db, config, mail: app.mail });

  const expired = (reply: FastifyReply) => {
    clear(reply, PENDING_COOKIE);
    return reply.page(<MconnectExpiredPage />, 410);
  };

  /** Opens the MConnect session, then goes to `then` (by default, back where the login started). */
  const signIn = async (
    reply: FastifyReply,
    outcome: { accountId: string; acr: string; idToken: string; returnTo: string | null },
    then?: string,
  ) => {
    await reply.startSession(outcome.accountId, {
      method: 'mconnect',
      acr: outcome.acr,
      mconnectIdToken: outcome.idToken,
    });
    return reply.redirect(then ?? safeReturnPath(outcome.returnTo, paths.dossiers.mine()), 303);
  };

  // ---- The redirect to MConnect, and its answer ------------------------------------------------

  app.get(paths.mconnect.login.pattern, { config: LIMIT }, async (request, reply) => {
    const query = request.query as Record<string, unknown> | undefined;
    const retour = query?.retour;
    const returnTo = typeof retour === 'string' && retour !== '' ? safeReturnPath(retour) : null;
    // A page that needs a higher level asks for it; never lower than the configured minimum.
    const level = formText(query?.niveau, 100);
    const acr = client.reaches(level, client.settings.minimumAcr) ? level : undefined;
    // A page that needs a recent identification asks MConnect for a new login (prompt=login, max_age).
    const maxAge = query?.reauth === '1' ? REAUTH_MAX_AGE_SECONDS : undefined;
    try {
      const { handle, url } = await beginLogin(deps, {
        purpose: 'login',
        accountId: null,
        returnTo,
        lang: request.lang,
        acr,
        maxAge,
      });
      reply.setCookie(TRANSACTION_COOKIE, handle, cookie(TRANSACTION_MINUTES * 60));
      return reply.redirect(url, 303);
    } catch (error) {
      if (!(error instanceof MconnectError)) throw error;
      request.log.warn(
        { reason: error.reason, cause: error.cause instanceof Error ? error.cause.message : undefined },
        'MConnect unavailable',
      );
      return reply.page(<MconnectFailedPage reason="unavailable" />, 503);
    }
  });

  app.get(paths.mconnect.callback.pattern, { config: LIMIT }, async (request, reply) => {
    reply.header('referrer-policy', 'no-referrer');
    const handle = request.cookies[TRANSACTION_COOKIE];
    clear(reply, TRANSACTION_COOKIE);
    const query = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
    const outcome = await completeLogin(deps, {
      handle,
      query,
      ip: request.ip,
      signedInAccountId: request.session?.accountId ?? null,
    });
    switch (outcome.kind) {
      case 'failed':
        return reply.page(<MconnectFailedPage reason={outcome.reason} />, FAILURE_STATUS[outcome.reason]);
      case 'signed_in':
        return signIn(reply, outcome);
      case 'first_login':
        reply.setCookie(PENDING_COOKIE, outcome.pendingHandle, cookie(PENDING_MINUTES * 60));
        return reply.redirect(paths.mconnect.firstLogin(), 303);
      case 'linked':
        return reply.redirect(paths.accounts.profile('mconnect-associe'), 303);
      case 'link_refused':
        return reply.page(<MconnectRefusedPage reason={outcome.reason} />, 409);
    }
  });

  // ---- First login: the choice -----------------------------------------------------------------

  app.get(paths.mconnect.firstLogin.pattern, async (request, reply) => {
    const pending = await loadPending(db, pendingHandle(request));
    if (!pending) return expired(reply);
    return reply.page(<FirstLoginPage csrfToken={reply.csrfToken()} claims={pending.claims} errors={{}} />);
  });

  app.post<{ Body: { choix?: unknown } }>(
    paths.mconnect.firstLogin.pattern,
    { config: LIMIT },
    async (request, reply) => {
      const choice = formText(request.body?.choix, 20);
      if (choice === 'annuler') {
        await cancelPending(db, pendingHandle(request));
        clear(reply, PENDING_COOKIE);
        return reply.redirect(paths.accounts.login(), 303);
      }
      const pending = await loadPending(db, pendingHandle(request));
      if (!pending) return expired(reply);
      if (choice === 'compte') return reply.redirect(paths.mconnect.prove(), 303);
      if (choice === 'nouveau') return reply.redirect(paths.mconnect.create(), 303);
      const errors = { choix: messagesFor(request.lang).mconnect.firstLogin.choiceRequired };
      return reply.page(<FirstLoginPage csrfToken={reply.csrfToken()} claims={pending.claims} errors={errors} />, 400);
    },
  );

  // ---- "J'ai déjà un compte": prove it, then confirm ---------------------------------------------

  app.get(paths.mconnect.prove.pattern, async (request, reply) => {
    const pending = await loadPending(db, pendingHandle(request));
    if (!pending) return expired(reply);
    return reply.page(<ProveAccountPage csrfToken={reply.csrfToken()} identifier="" errors={{}} />);
  });

  app.post<{ Body: { identifiant?: unknown; mot_de_passe?: unknown } }>(
    paths.mconnect.prove.pattern,
    { config: LIMIT },
    async (request, reply) => {
      const t = messagesFor(request.lang).accounts.login.errors;
      const identifier = formText(request.body?.identifiant, 1024).trim();
      const password = formText(request.body?.mot_de_passe, 1024);
      const again = (errors: FieldErrors, status: number) =>
        reply.page(<ProveAccountPage csrfToken={reply.csrfToken()} identifier={identifier} errors={errors} />, status);
      if (!(await loadPending(db, pendingHandle(request)))) return expired(reply);
      const errors: Record<string, string> = {};
      if (identifier === '') errors.identifiant = t.identifierRequired;
      if (password === '') errors.mot_de_passe = t.passwordRequired;
      if (Object.keys(errors).length > 0) return again(errors, 400);
      const outcome = await proveAccount(
        deps,
        { handle: pendingHandle(request), identifier, password, ip: request.ip },
        onLock,
      );
      switch (outcome.kind) {
        case 'expired':
          return expired(reply);
        case 'throttled':
          reply.header('retry-after', String(outcome.retryAfterSeconds));
          return again({ identifiant: t.throttled(Math.ceil(outcome.retryAfterSeconds / 60)) }, 429);
        case 'invalid':
          return again({ identifiant: t.invalid }, 400);
        case 'proven':
          return reply.redirect(paths.mconnect.confirm(), 303);
      }
    },
  );

  app.get(paths.mconnect.confirm.pattern, async (request, reply) => {
    const pending = await loadPending(db, pendingHandle(request));
    if (!pending) return expired(reply);
    if (!pending.provenIdentifier) return reply.redirect(paths.mconnect.prove(), 303);
    return reply.page(
      <ConfirmLinkPage csrfToken={reply.csrfToken()} claims={pending.claims} identifier={pending.provenIdentifier} />,
    );
  });

  app.post<{ Body: { annuler?: unknown } }>(
    paths.mconnect.confirm.pattern,
    { config: LIMIT },
    async (request, reply) => {
      if (formText(request.body?.annuler, 10) === 'oui') {
        await cancelPending(db, pendingHandle(request));
        clear(reply, PENDING_COOKIE);
        return reply.redirect(paths.accounts.login(), 303);
      }
      const outcome = await confirmLink(deps, { handle: pendingHandle(request), ip: request.ip });
      if (outcome.kind === 'expired') return expired(reply);
      if (outcome.kind === 'refused') {
        if (outcome.reason === 'not_proven') return reply.redirect(paths.mconnect.prove(), 303);
        clear(reply, PENDING_COOKIE);
        return reply.page(<MconnectRefusedPage reason={outcome.reason} />, 409);
      }
      clear(reply, PENDING_COOKIE);
      return signIn(reply, outcome);
    },
  );

  // ---- "Je n'ai pas encore de compte" ------------------------------------------------------------

  app.get(paths.mconnect.create.pattern, async (request, reply) => {
    const pending = await loadPending(db, pendingHandle(request));
    if (!pending) return expired(reply);
    const { claims } = pending;
    if (!claims.givenName || !claims.familyName || !claims.birthdate)
      return reply.page(<IncompleteIdentityPage />, 422);
    return reply.page(
      <CreateFromIdentityPage
        csrfToken={reply.csrfToken()}
        claims={claims}
        email={claims.email ?? ''}
        termsAccepted={false}
        errors={{}}
      />,
    );
  });

  app.post<{ Body: { email?: unknown; conditions?: unknown } }>(
    paths.mconnect.create.pattern,
    { config: LIMIT },
    async (request, reply) => {
      const m = messagesFor(request.lang);
      const typed = formText(request.body?.email, 1024);
      const termsAccepted = formText(request.body?.conditions, 10) === 'oui';
      const outcome = await createAccountFromIdentity(deps, {
        handle: pendingHandle(request),
        typedEmail: typed,
        termsAccepted,
        lang: request.lang,
        ip: request.ip,
      });
      switch (outcome.kind) {
        case 'expired':
          return expired(reply);
        case 'incomplete_identity':
          return reply.page(<IncompleteIdentityPage />, 422);
        case 'refused':
          clear(reply, PENDING_COOKIE);
          return reply.page(<MconnectRefusedPage reason={outcome.reason} />, 409);
        case 'invalid': {
          const pending = await loadPending(db, pendingHandle(request));
          if (!pending) return expired(reply);
          const e = m.signUp.errors;
          const errors: Record<string, string> = {};
          if (outcome.errors.email)
            errors.email = { required: e.emailRequired, too_long: e.emailTooLong(254), invalid: e.emailInvalid }[
              outcome.errors.email
            ];
          if (outcome.errors.terms) errors.conditions = e.termsRequired;
          return reply.page(
            <CreateFromIdentityPage
              csrfToken={reply.csrfToken()}
              claims={pending.claims}
              email={typed.trim()}
              termsAccepted={termsAccepted}
              errors={errors}
            />,
            400,
          );
        }
        case 'done':
          clear(reply, PENDING_COOKIE);
          // Signed in, then "Votre compte est créé" (its identifier, the e-mail sent) before going on.
          return signIn(reply, outcome, paths.mconnect.created(outcome.returnTo ?? undefined));
      }
    },
  );

  app.get<{ Querystring: { retour?: string } }>(
    paths.mconnect.created.pattern,
    { preHandler: requireSession },
    async (request, reply) => {
      const contact = await findContact(db, sessionOf(request).accountId);
      if (!contact) throw new NotFoundError('No such account');
      const retour = request.query.retour;
      return reply
        .header('cache-control', 'no-store')
        .page(
          <AccountCreatedPage
            identifier={contact.identifier}
            email={contact.email}
            emailVerified={contact.emailVerified}
            continueTo={typeof retour === 'string' && retour !== '' ? safeReturnPath(retour) : paths.dossiers.mine()}
          />,
        );
    },
  );

  // ---- From "Mon profil": link and unlink -------------------------------------------------------

  const manage = async (reply: FastifyReply, errors: FieldErrors, status = 200) => {
    const session = sessionOf(reply.request);
    const identity = await linkedIdentity(db, session.accountId);
    const account = await profileAccount(db, session.accountId);
    return reply.page(
      <ManageIdentityPage
        csrfToken={reply.csrfToken()}
        linkedAt={identity?.linkedAt ?? null}
        hasPassword={account?.hasPassword ?? false}
        errors={errors}
      />,
      status,
    );
  };

  app.get(paths.mconnect.link.pattern, { preHandler: requireSession }, async (request, reply) => manage(reply, {}));

  app.post<{ Body: { mot_de_passe?: unknown } }>(
    paths.mconnect.link.pattern,
    { preHandler: requireSession, config: LIMIT },
    async (request, reply) => {
      const m = messagesFor(request.lang);
      const session = sessionOf(request);
      if (await linkedIdentity(db, session.accountId)) return reply.redirect(paths.mconnect.link(), 303);
      const failure = await reauthenticate(db, {
        accountId: session.accountId,
        password: formText(request.body?.mot_de_passe, 4096),
        ip: request.ip,
      });
      if (failure) return manage(reply, { mot_de_passe: reauthMessage(m, failure) }, refusalStatus(reply, failure));
      try {
        const { handle, url } = await beginLogin(deps, {
          purpose: 'link',
          accountId: session.accountId,
          returnTo: null,
          lang: request.lang,
        });
        reply.setCookie(TRANSACTION_COOKIE, handle, cookie(TRANSACTION_MINUTES * 60));
        return reply.redirect(url, 303);
      } catch (error) {
        if (!(error instanceof MconnectError)) throw error;
        return reply.page(<MconnectFailedPage reason="unavailable" />, 503);
      }
    },
  );

  app.post<{ Body: { mot_de_passe?: unknown } }>(
    paths.mconnect.unlink.pattern,
    { preHandler: requireSession, config: LIMIT },
    async (request, reply) => {
      const m = messagesFor(request.lang);
      const outcome = await unlinkIdentity(deps, {
        accountId: sessionOf(request).accountId,
        password: formText(request.body?.mot_de_passe, 4096),
        ip: request.ip,
      });
      if (outcome.kind === 'done' || outcome.kind === 'not_linked')
        return reply.redirect(paths.accounts.profile('mconnect-dissocie'), 303);
      if (outcome.kind === 'no_password') return manage(reply, {}, 409);
      return manage(reply, { mot_de_passe: reauthMessage(m, outcome) }, refusalStatus(reply, outcome));
    },
  );

  // ---- Back from the logout at MConnect ----------------------------------------------------------

  app.get(paths.mconnect.logoutDone.pattern, async (_request, reply) =>
    reply.redirect(paths.accounts.loggedOut(true), 303),
  );
}
