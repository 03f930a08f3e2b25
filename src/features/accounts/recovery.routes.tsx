/**
 * "Identifiant oublié" and "Mot de passe oublié". Each request form posts, is validated, and
 * either comes back with its errors or redirects (303) to a neutral confirmation page that is the
 * same whether or not an account matched. The reset link opens GET /nouveau-mot-de-passe/:token:
 * the form for a valid link, else the "lien expiré ou déjà utilisé" page; after the change the
 * browser is sent to a confirmation page, not signed in. The token pages send no Referer.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { messagesFor } from '../../i18n/index.ts';
import { formText } from '../../lib/text.ts';
import { paths } from '../../paths.ts';
import type { FieldErrors } from '../../ui/forms.tsx';
import { passwordMessage } from './credential-messages.ts';
import { MAX_EMAIL_LENGTH, checkEmail } from './credentials.ts';
import {
  MAX_IDENTIFIER_INPUT,
  checkIdentifierInput,
  checkResetLink,
  requestIdentifierReminder,
  requestPasswordReset,
  resetPassword,
  type RecoveryDeps,
} from './recovery.service.ts';
import {
  ForgottenIdentifierPage,
  ForgottenPasswordPage,
  RecoveryRequestSentPage,
} from './views/recovery-request.page.tsx';
import { PasswordChangedPage, ResetLinkExpiredPage, ResetPasswordPage } from './views/recovery-reset.page.tsx';

export interface RecoveryRoutesOptions {
  readonly config: Config;
  readonly db: Kysely<Database>;
}

/** Longest text read from a field: more cannot be valid, and is shown back truncated. */
const MAX_FIELD = 1024;

/** Per-IP request limits of the forms (the database throttle limits e-mails per address too). */
const REQUEST_LIMIT = { rateLimit: { max: 20, timeWindow: '1 minute' } };
/** Guessing tokens is hopeless (256 bits), and this keeps it so. */
const TOKEN_LIMIT = { rateLimit: { max: 30, timeWindow: '1 minute' } };

interface RequestBody {
  email?: unknown;
  identifiant?: unknown;
  mot_de_passe?: unknown;
  confirmation?: unknown;
}

export async function recoveryRoutes(app: FastifyInstance, { config, db }: RecoveryRoutesOptions): Promise<void> {
  const deps: RecoveryDeps = { db, config, mail: app.mail };

  // ---- Identifiant oublié ----------------------------------------------------------------------

  const showIdentifierForm = (reply: FastifyReply, value: string, errors: FieldErrors, status = 200) =>
    reply.page(<ForgottenIdentifierPage csrfToken={reply.csrfToken()} value={value} errors={errors} />, status);

  app.get(paths.accounts.forgottenIdentifier.pattern, async (request, reply) => showIdentifierForm(reply, '', {}));

  app.post<{ Body: RequestBody }>(
    paths.accounts.forgottenIdentifier.pattern,
    { config: REQUEST_LIMIT },
    async (request, reply) => {
      const t = messagesFor(request.lang).recovery.identifier.errors;
      const typed = formText(request.body?.email, MAX_FIELD);
      const check = checkEmail(typed);
      if (!check.ok) {
        const message = {
          required: t.emailRequired,
          too_long: t.emailTooLong(MAX_EMAIL_LENGTH),
          invalid: t.emailInvalid,
        }[check.reason];
        return showIdentifierForm(reply, typed.trim(), { email: message }, 400);
      }
      await requestIdentifierReminder(deps, check.email, request.ip);
      return reply.redirect(paths.accounts.forgottenIdentifierSent(), 303);
    },
  );

  app.get(paths.accounts.forgottenIdentifierSent.pattern, async (request, reply) =>
    reply.page(<RecoveryRequestSentPage which="identifier" />),
  );

  // ---- Mot de passe oublié ---------------------------------------------------------------------

  const showPasswordForm = (reply: FastifyReply, value: string, errors: FieldErrors, status = 200) =>
    reply.page(<ForgottenPasswordPage csrfToken={reply.csrfToken()} value={value} errors={errors} />, status);

  app.get(paths.accounts.forgottenPassword.pattern, async (request, reply) => showPasswordForm(reply, '', {}));

  app.post<{ Body: RequestBody }>(
    paths.accounts.forgottenPassword.pattern,
    { config: REQUEST_LIMIT },
    async (request, reply) => {
      const t = messagesFor(request.lang).recovery.password.errors;
      const typed = formText(request.body?.identifiant, MAX_FIELD);
      const check = checkIdentifierInput(typed);
      if (!check.ok) {
        const message = {
          required: t.identifierRequired,
          too_long: t.identifierTooLong(MAX_IDENTIFIER_INPUT),
          is_email: t.identifierIsEmail,
        }[check.reason];
        return showPasswordForm(reply, typed.trim(), { identifiant: message }, 400);
      }
      await requestPasswordReset(deps, check.identifier, request.ip);
      return reply.redirect(paths.accounts.forgottenPasswordSent(), 303);
    },
  );

  app.get(paths.accounts.forgottenPasswordSent.pattern, async (request, reply) =>
    reply.page(<RecoveryRequestSentPage which="password" />),
  );

  // ---- Nouveau mot de passe --------------------------------------------------------------------

  const expired = (reply: FastifyReply) => reply.page(<ResetLinkExpiredPage />, 410);

  app.get<{ Params: { token: string } }>(
    paths.accounts.resetPassword.pattern,
    { config: TOKEN_LIMIT },
    async (request, reply) => {
      // The token is in the address: no page reached from here may learn it.
      reply.header('referrer-policy', 'no-referrer');
      const link = await checkResetLink(db, request.params.token);
      if (!link.ok) return expired(reply);
      return reply.page(
        <ResetPasswordPage
          csrfToken={reply.csrfToken()}
          token={request.params.token}
          identifier={link.account.identifier}
          errors={{}}
        />,
      );
    },
  );

  app.post<{ Params: { token: string }; Body: RequestBody }>(
    paths.accounts.resetPassword.pattern,
    { config: TOKEN_LIMIT },
    async (request, reply) => {
      reply.header('referrer-policy', 'no-referrer');
      const m = messagesFor(request.lang);
      const outcome = await resetPassword(deps, {
        token: request.params.token,
        password: formText(request.body?.mot_de_passe, MAX_FIELD * 2),
        confirmation: formText(request.body?.confirmation, MAX_FIELD * 2),
        ip: request.ip,
      });
      if (outcome.kind === 'invalid_link') return expired(reply);
      if (outcome.kind === 'invalid_password') {
        const t = m.recovery.reset.errors;
        const errors: FieldErrors =
          outcome.reason === 'mismatch'
            ? { confirmation: t.mismatch }
            : outcome.reason === 'confirmation_required'
              ? { confirmation: t.confirmationRequired }
              : { mot_de_passe: passwordMessage(m, outcome.reason) };
        return reply.page(
          <ResetPasswordPage
            csrfToken={reply.csrfToken()}
            token={request.params.token}
            identifier={outcome.identifier}
            errors={errors}
          />,
          400,
        );
      }
      return reply.redirect(paths.accounts.passwordChanged(), 303);
    },
  );

  app.get(paths.accounts.passwordChanged.pattern, async (request, reply) => reply.page(<PasswordChangedPage />));
}
