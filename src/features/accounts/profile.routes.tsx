/**
 * "Mon profil": signed-in users only; every change is a POST with the form's token, then a
 * redirect to the profile with a notice (or the same form with its errors and the values typed).
 * The change-of-address link (/confirmer-ma-nouvelle-adresse/:token) and the page after closing
 * an account need no session: `profileLinkRoutes`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { UnauthenticatedError } from '../../errors.ts';
import { messagesFor, type Messages } from '../../i18n/index.ts';
import { formText } from '../../lib/text.ts';
import { paths } from '../../paths.ts';
import { requireSession, sessionOf } from '../../plugins/auth.ts';
import type { FieldErrors } from '../../ui/forms.tsx';
import type { AccountHookRegistry } from './account-hooks.ts';
import { passwordMessage } from './credential-messages.ts';
import { MAX_EMAIL_LENGTH, checkEmail } from './credentials.ts';
import {
  recentMconnectLogin,
  cancelEmailChange,
  changePassword,
  checkEmailChangeLink,
  closeAccount,
  confirmEmailChange,
  pendingEmailChange,
  requestEmailChange,
  updatePersonalDetails,
  type ProfileChangeDeps,
} from './profile-changes.service.ts';
import {
  endOtherSessions,
  exportAccountData,
  listAccountSessions,
  loadProfile,
  setEmailLanguage,
  type Profile,
} from './profile.service.ts';
import { reauthMessage, refusalStatus } from './reauth-answers.ts';
import { readValues, validatePersonalDetails, type PersonalDetailsInput, type SignUpBody } from './signup.service.ts';
import { AccountClosedPage } from './views/account-closed.page.tsx';
import { CloseAccountPage } from './views/close-account.page.tsx';
import { EmailChangedPage } from './views/email-changed.page.tsx';
import { EmailConfirmPage } from './views/email-confirm.page.tsx';
import { EmailLinkFailedPage } from './views/email-link-failed.page.tsx';
import { DetailsPage } from './views/profile-details.page.tsx';
import { EmailChangePage } from './views/profile-email.page.tsx';
import { PasswordChangePage } from './views/profile-password.page.tsx';
import { ReauthWithMconnectPage } from './views/reauth-with-mconnect.page.tsx';
import { ProfilePage } from './views/profile.page.tsx';

export interface ProfileRoutesOptions {
  readonly config: Config;
  readonly db: Kysely<Database>;
  /** What other features attach to accounts (their profile sections, their part of closing and of the data). */
  readonly hooks: AccountHookRegistry;
}

/** Longest text read from a field: more cannot be valid, and is shown back truncated. */
const MAX_FIELD = 1024;
/** Password fields: a long pasted passphrase is read whole, then refused by the rules if too long. */
const MAX_PASSWORD_FIELD = MAX_FIELD * 4;

/** The notices the profile shows after a change, by the `info` code of its address. */
const NOTICES = [
  'langue',
  'informations',
  'adresse-envoyee',
  'adresse-annulee',
  'mot-de-passe',
  'mconnect-associe',
  'mconnect-dissocie',
] as const;
type NoticeCode = (typeof NOTICES)[number];

function noticeText(m: Messages, info: string): string | undefined {
  const t = m.profile;
  const ended = /^appareils-(\d{1,4})$/.exec(info);
  if (ended) return t.othersEnded(Number(ended[1]));
  if (!(NOTICES as readonly string[]).includes(info)) return undefined;
  const code = info as NoticeCode;
  switch (code) {
    case 'langue':
      return t.languageSaved;
    case 'informations':
      return t.notices.details;
    case 'adresse-envoyee':
      return undefined; // shown with the address, which the page reads from the pending change
    case 'adresse-annulee':
      return t.notices.emailCancelled;
    case 'mot-de-passe':
      return t.notices.password;
    case 'mconnect-associe':
      return m.mconnect.manage.linked;
    case 'mconnect-dissocie':
      return m.mconnect.manage.unlinked;
  }
}

function detailsOf(profile: Profile): PersonalDetailsInput {
  const [year = '', month = '', day = ''] = (profile.birthDate ?? '').split('-');
  return {
    civility: profile.civility ?? '',
    firstName: profile.firstName,
    lastName: profile.lastName,
    day: day === '' ? '' : String(Number(day)),
    month: month === '' ? '' : String(Number(month)),
    year,
    phone: profile.phone ?? '',
    companyName: profile.companyName ?? '',
    rci: profile.companyRci ?? '',
    nis: profile.companyNis ?? '',
  };
}

const DETAIL_ORDER = ['raison_sociale', 'rci', 'nis', 'civilite', 'prenom', 'nom', 'naissance', 'telephone'];

function ordered(errors: Record<string, string>, order: readonly string[]): FieldErrors {
  return Object.fromEntries(
    order.filter((name) => errors[name] !== undefined).map((name) => [name, errors[name] as string]),
  );
}

/** Changes are few and each asks a password: 20 a minute per address is plenty for a person. */
const CHANGE_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };

export async function profileRoutes(app: FastifyInstance, { config, db, hooks }: ProfileRoutesOptions): Promise<void> {
  const deps: ProfileChangeDeps = { db, config, mail: app.mail, hooks };
  app.addHook('preHandler', requireSession);

  const profileOf = async (request: FastifyRequest): Promise<Profile> => {
    const profile = await loadProfile(db, sessionOf(request).accountId);
    if (!profile) throw new UnauthenticatedError('The account is gone');
    return profile;
  };

  const show = async (reply: FastifyReply, info: string, errors: FieldErrors, status = 200) => {
    const session = sessionOf(reply.request);
    const m = messagesFor(reply.request.lang);
    const profile = await profileOf(reply.request);
    const pendingEmail = await pendingEmailChange(db, session.accountId);
    const sections = await hooks.profileSections(db, session.accountId);
    const notice =
      info === 'adresse-envoyee' && pendingEmail ? m.profile.notices.emailSent(pendingEmail) : noticeText(m, info);
    const sessions = (await listAccountSessions(db, session.accountId)).map((s) => ({
      current: s.idHash === session.idHash,
      userAgent: s.userAgent,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
    }));
    return reply.page(
      <ProfilePage
        profile={profile}
        sessions={sessions}
        csrfToken={reply.csrfToken()}
        notice={notice}
        errors={errors}
        pendingEmail={pendingEmail}
        sections={sections}
      />,
      status,
    );
  };

  app.get(paths.accounts.profile.pattern, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return show(reply, formText((request.query as Record<string, unknown> | undefined)?.info, 40), {});
  });

  app.post<{ Body: { langue?: unknown } }>(paths.accounts.profileLanguage.pattern, async (request, reply) => {
    const language = formText(request.body?.langue, 10);
    if (language !== 'fr' && language !== 'en') {
      return show(reply, '', { langue: messagesFor(request.lang).profile.errors.language }, 400);
    }
    await setEmailLanguage(db, sessionOf(request).accountId, language);
    return reply.redirect(paths.accounts.profile('langue'), 303);
  });

  app.post(paths.accounts.profileSessions.pattern, async (request, reply) => {
    const session = sessionOf(request);
    const ended = await endOtherSessions(db, {
      accountId: session.accountId,
      currentIdHash: session.idHash,
      ip: request.ip,
    });
    return reply.redirect(paths.accounts.profile(`appareils-${ended}`), 303);
  });

  app.get(paths.accounts.profileData.pattern, async (request, reply) => {
    const data = await exportAccountData(db, hooks, sessionOf(request).accountId);
    if (!data) throw new UnauthenticatedError('The account is gone');
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', 'attachment; filename="monguichet-mes-donnees.json"')
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  // ---- Mes informations -------------------------------------------------------------------------

  app.get(paths.accounts.profileDetails.pattern, async (request, reply) => {
    const profile = await profileOf(request);
    const locked = await hooks.identityLocked(db, profile.id);
    return reply.page(
      <DetailsPage
        kind={profile.kind}
        csrfToken={reply.csrfToken()}
        values={detailsOf(profile)}
        errors={{}}
        identityLocked={locked}
      />,
    );
  });

  app.post<{ Body: SignUpBody }>(
    paths.accounts.profileDetails.pattern,
    { config: CHANGE_LIMIT },
    async (request, reply) => {
      const profile = await profileOf(request);
      const locked = await hooks.identityLocked(db, profile.id);
      // The same fields, read the same way, as at sign-up.
      const typed: PersonalDetailsInput = readValues(request.body ?? {});
      // Names and date of birth vouched for by MConnect are never taken from the form.
      const stored = detailsOf(profile);
      const values: PersonalDetailsInput = locked
        ? {
            ...typed,
            firstName: stored.firstName,
            lastName: stored.lastName,
            day: stored.day,
            month: stored.month,
            year: stored.year,
          }
        : typed;
      const validation = validatePersonalDetails(profile.kind, values, request.lang);
      if (!validation.ok) {
        return reply.page(
          <DetailsPage
            kind={profile.kind}
            csrfToken={reply.csrfToken()}
            values={values}
            errors={ordered(validation.errors, DETAIL_ORDER)}
            identityLocked={locked}
          />,
          400,
        );
      }
      await updatePersonalDetails(db, { accountId: profile.id, details: validation.details, ip: request.ip });
      return reply.redirect(paths.accounts.profile('informations'), 303);
    },
  );

  // ---- Adresse e-mail ---------------------------------------------------------------------------

  app.get(paths.accounts.profileEmail.pattern, async (request, reply) => {
    const profile = await profileOf(request);
    return reply.page(
      <EmailChangePage csrfToken={reply.csrfToken()} currentEmail={profile.email} value="" errors={{}} />,
    );
  });

  app.post<{ Body: { email?: unknown; mot_de_passe?: unknown } }>(
    paths.accounts.profileEmail.pattern,
    { config: CHANGE_LIMIT },
    async (request, reply) => {
      const m = messagesFor(request.lang);
      const profile = await profileOf(request);
      const typed = formText(request.body?.email, MAX_FIELD);
      const password = formText(request.body?.mot_de_passe, MAX_PASSWORD_FIELD);
      const again = (errors: FieldErrors, status: number) =>
        reply.page(
          <EmailChangePage
            csrfToken={reply.csrfToken()}
            currentEmail={profile.email}
            value={typed.trim()}
            errors={errors}
          />,
          status,
        );

      const email = checkEmail(typed);
      if (!email.ok) {
        const e = m.signUp.errors;
        const errors: Record<string, string> = {
          email: { required: e.emailRequired, too_long: e.emailTooLong(MAX_EMAIL_LENGTH), invalid: e.emailInvalid }[
            email.reason
          ],
        };
        if (password === '') errors.mot_de_passe = m.profile.reauth.required;
        return again(errors, 400);
      }
      const outcome = await requestEmailChange(deps, {
        accountId: profile.id,
        newEmail: email.email,
        password,
        ip: request.ip,
      });
      if (outcome.kind === 'refused') {
        const errors: Record<string, string> = {};
        if (outcome.errors.email) errors.email = m.profile.emailChange.errors.same;
        if (outcome.errors.password) errors.mot_de_passe = reauthMessage(m, outcome.errors.password);
        return again(errors, refusalStatus(reply, outcome.errors.password));
      }
      return reply.redirect(paths.accounts.profile('adresse-envoyee'), 303);
    },
  );

  app.post(paths.accounts.profileEmailCancel.pattern, async (request, reply) => {
    await cancelEmailChange(db, sessionOf(request).accountId, request.ip);
    return reply.redirect(paths.accounts.profile('adresse-annulee'), 303);
  });

  // ---- Mot de passe -----------------------------------------------------------------------------

  /**
   * An account without a password (created with MConnect) chooses its first one only right after
   * identifying again with MConnect; otherwise this page sends it there (prompt=login, max_age).
   */
  const needsFreshMconnect = (request: FastifyRequest, profile: Profile) => {
    const session = sessionOf(request);
    return !profile.hasPassword && !recentMconnectLogin(session.authMethod, session.createdAt);
  };

  app.get(paths.accounts.profilePassword.pattern, async (request, reply) => {
    const profile = await profileOf(request);
    if (needsFreshMconnect(request, profile))
      return reply.page(<ReauthWithMconnectPage returnTo={paths.accounts.profilePassword()} />);
    return reply.page(
      <PasswordChangePage
        csrfToken={reply.csrfToken()}
        identifier={profile.identifier}
        firstPassword={!profile.hasPassword}
        errors={{}}
      />,
    );
  });

  app.post<{ Body: { mot_de_passe_actuel?: unknown; nouveau_mot_de_passe?: unknown; confirmation?: unknown } }>(
    paths.accounts.profilePassword.pattern,
    { config: CHANGE_LIMIT },
    async (request, reply) => {
      const m = messagesFor(request.lang);
      const session = sessionOf(request);
      const before = await profileOf(request);
      if (needsFreshMconnect(request, before))
        return reply.page(<ReauthWithMconnectPage returnTo={paths.accounts.profilePassword()} />, 403);
      const outcome = await changePassword(deps, {
        accountId: session.accountId,
        currentIdHash: session.idHash,
        sessionMethod: session.authMethod,
        sessionOpenedAt: session.createdAt,
        current: formText(request.body?.mot_de_passe_actuel, MAX_PASSWORD_FIELD),
        next: formText(request.body?.nouveau_mot_de_passe, MAX_PASSWORD_FIELD),
        confirmation: formText(request.body?.confirmation, MAX_PASSWORD_FIELD),
        ip: request.ip,
      });
      if (outcome.kind === 'refused') {
        const t = m.profile.passwordChange.errors;
        const { current, next, confirmation } = outcome.errors;
        const errors: Record<string, string> = {};
        if (current) errors.mot_de_passe_actuel = reauthMessage(m, current);
        if (next) errors.nouveau_mot_de_passe = next === 'same' ? t.same : passwordMessage(m, next);
        if (confirmation) errors.confirmation = confirmation === 'required' ? t.confirmationRequired : t.mismatch;
        const profile = await profileOf(request);
        return reply.page(
          <PasswordChangePage
            csrfToken={reply.csrfToken()}
            identifier={profile.identifier}
            firstPassword={!profile.hasPassword}
            errors={errors}
          />,
          refusalStatus(reply, current),
        );
      }
      // A new session id for this browser too: whatever knew the old one knows nothing now. The
      // session keeps how it was opened (an MConnect session stays one, with its level and logout).
      await reply.renewSession();
      return reply.redirect(paths.accounts.profile('mot-de-passe'), 303);
    },
  );

  // ---- Fermer mon compte ------------------------------------------------------------------------

  app.get(paths.accounts.profileClose.pattern, async (request, reply) =>
    reply.page(<CloseAccountPage csrfToken={reply.csrfToken()} confirmed={false} errors={{}} />),
  );

  app.post<{ Body: { mot_de_passe?: unknown; confirmation?: unknown } }>(
    paths.accounts.profileClose.pattern,
    { config: CHANGE_LIMIT },
    async (request, reply) => {
      const m = messagesFor(request.lang);
      const confirmed = formText(request.body?.confirmation, 10) === 'oui';
      const outcome = await closeAccount(deps, {
        accountId: sessionOf(request).accountId,
        password: formText(request.body?.mot_de_passe, MAX_PASSWORD_FIELD),
        confirmed,
        ip: request.ip,
      });
      if (outcome.kind === 'refused') {
        const { password, confirm, inProgress } = outcome.errors;
        const errors: Record<string, string> = {};
        if (inProgress) errors.demarches = m.profile.close.errors.dossiersInProgress(inProgress);
        if (password) errors.mot_de_passe = reauthMessage(m, password);
        if (confirm) errors.confirmation = m.profile.close.errors.confirmRequired;
        return reply.page(
          <CloseAccountPage csrfToken={reply.csrfToken()} confirmed={confirmed} errors={errors} />,
          refusalStatus(reply, password),
        );
      }
      await reply.endSession();
      return reply.redirect(paths.accounts.closed(), 303);
    },
  );
}

/** Token pages send no Referer, so the token never leaves the site. */
const LINK_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };

export async function profileLinkRoutes(
  app: FastifyInstance,
  { config, db, hooks }: ProfileRoutesOptions,
): Promise<void> {
  const deps: ProfileChangeDeps = { db, config, mail: app.mail, hooks };

  // The link only shows a button: mail scanners that open links change nothing.
  app.get<{ Params: { token: string } }>(
    paths.accounts.confirmEmailChange.pattern,
    { config: LINK_LIMIT },
    async (request, reply) => {
      reply.header('referrer-policy', 'no-referrer');
      const link = await checkEmailChangeLink(db, request.params.token);
      if (!link.ok)
        return reply.page(<EmailLinkFailedPage reason={link.reason} />, link.reason === 'unknown' ? 404 : 410);
      return reply.page(
        <EmailConfirmPage csrfToken={reply.csrfToken()} token={request.params.token} email={link.email} />,
      );
    },
  );

  app.post<{ Params: { token: string } }>(
    paths.accounts.confirmEmailChange.pattern,
    { config: LINK_LIMIT },
    async (request, reply) => {
      reply.header('referrer-policy', 'no-referrer');
      const outcome = await confirmEmailChange(deps, request.params.token, request.ip);
      if (!outcome.ok)
        return reply.page(<EmailLinkFailedPage reason={outcome.reason} />, outcome.reason === 'unknown' ? 404 : 410);
      return reply.redirect(paths.accounts.emailChanged(), 303);
    },
  );

  app.get(paths.accounts.emailChanged.pattern, async (request, reply) => reply.page(<EmailChangedPage />));

  app.get(paths.accounts.closed.pattern, async (request, reply) => reply.page(<AccountClosedPage />));
}
