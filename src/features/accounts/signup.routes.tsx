/**
 * "Créer mon compte": the choice of account type, one form per type (GET + POST, then redirect),
 * the "vérifiez vos e-mails" page with its resend form, and the verification link.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../../db/database.ts';
import { paths, safeReturnPath } from '../../paths.ts';
import { RESUME_COOKIE } from '../../lib/resume-after-verification.ts';
import type { FieldErrors } from '../../ui/forms.tsx';
import * as accounts from './accounts.repository.ts';
import { identifierMessage } from './credential-messages.ts';
import {
  EMPTY_VALUES,
  createAccount,
  isIdentifierTaken,
  readValues,
  resendVerification,
  suggestionsFor,
  validateSignUp,
  checkVerificationLink,
  verifyEmail,
  type AccountKind,
  type SignUpBody,
  type SignUpDeps,
  type SignUpValues,
} from './signup.service.ts';
import { messagesFor } from '../../i18n/index.ts';
import { checkIdentifier } from './credentials.ts';
import { SignUpChoicePage } from './views/signup-choice.page.tsx';
import { SignUpDonePage } from './views/signup-done.page.tsx';
import { SignUpFormPage } from './views/signup-form.page.tsx';
import { SignUpConfirmPage } from './views/signup-confirm.page.tsx';
import { SignUpVerifyPage } from './views/signup-verify.page.tsx';

export interface SignUpRoutesOptions {
  readonly config: Config;
  readonly db: Kysely<Database>;
  /** Whether MConnect login is offered (the choice page then says no account needs creating with it). */
  readonly mconnect?: boolean;
}

const POST_LIMIT = { rateLimit: { max: 10, timeWindow: '1 minute' } };

export async function signUpRoutes(
  app: FastifyInstance,
  { config, db, mconnect = false }: SignUpRoutesOptions,
): Promise<void> {
  const deps: SignUpDeps = { config, db, mail: app.mail };

  const showForm = (
    reply: FastifyReply,
    kind: AccountKind,
    values: SignUpValues,
    errors: FieldErrors,
    suggestions: readonly string[],
    status = 200,
  ) =>
    reply.page(
      <SignUpFormPage
        kind={kind}
        csrfToken={reply.csrfToken()}
        values={values}
        errors={errors}
        suggestions={suggestions}
      />,
      status,
    );

  app.get(paths.accounts.signUp.pattern, async (request, reply) =>
    reply.page(<SignUpChoicePage mconnect={mconnect} />),
  );

  for (const [kind, route] of [
    ['particulier', paths.accounts.signUpIndividual],
    ['professionnel', paths.accounts.signUpProfessional],
  ] as const) {
    app.get(route.pattern, async (request, reply) => showForm(reply, kind, EMPTY_VALUES, {}, []));

    app.post<{ Body: SignUpBody }>(route.pattern, { config: POST_LIMIT }, async (request, reply) => {
      const m = messagesFor(request.lang);
      const input = readValues(request.body ?? {});
      const kept: SignUpValues = {
        ...input,
        identifier: input.chosenSuggestion !== '' ? input.chosenSuggestion : input.identifier,
      };
      const validation = validateSignUp(kind, input, request.lang);
      const offer = () => suggestionsFor(db, input.firstName, input.lastName);

      if (!validation.ok) {
        const errors = { ...validation.errors };
        let suggestions: string[] = [];
        if (validation.identifierMissing) {
          suggestions = await offer();
        } else if (!errors.identifiant) {
          // A well-formed identifier: say now if it is taken, rather than after the other fixes.
          const check = checkIdentifier(kept.identifier);
          if (check.ok && (await isIdentifierTaken(db, check.identifier))) {
            errors.identifiant = identifierMessage(m, 'unavailable');
            suggestions = await offer();
          }
        }
        return showForm(reply, kind, kept, orderErrors(errors), suggestions, 400);
      }

      const taken = () =>
        offer().then((suggestions) =>
          showForm(reply, kind, kept, { identifiant: identifierMessage(m, 'unavailable') }, suggestions, 400),
        );
      if (await isIdentifierTaken(db, validation.account.identifier)) return taken();
      const outcome = await createAccount(deps, {
        account: validation.account,
        password: validation.password,
        language: request.lang,
        ip: request.ip,
      });
      if (outcome.kind === 'identifier_taken') return taken();
      await reply.startSession(outcome.accountId);
      return reply.redirect(paths.accounts.signUpDone(), 303);
    });
  }

  const requireSession = (request: FastifyRequest, reply: FastifyReply) => {
    if (request.session) return request.session;
    void reply.redirect(paths.accounts.login(paths.accounts.signUpDone()), 303);
    return null;
  };

  // Also where "Commencer" sends an unverified person (the gate set the resume cookie): the page then
  // says that the procedure waits for the address to be verified.
  app.get(paths.accounts.signUpDone.pattern, async (request, reply) => {
    const session = requireSession(request, reply);
    if (!session) return reply;
    const account = await accounts.findForEmailVerification(db, session.accountId);
    if (!account) return reply.redirect(paths.accounts.login(paths.accounts.signUpDone()), 303);
    const resent = (request.query as Record<string, unknown> | undefined)?.envoye === '1';
    return reply.page(
      <SignUpDonePage
        email={account.email}
        verified={account.email_verified_at !== null}
        resent={resent}
        procedurePath={resumePath(request.cookies[RESUME_COOKIE])}
        csrfToken={reply.csrfToken()}
      />,
    );
  });

  app.post(paths.accounts.resendVerification.pattern, { config: POST_LIMIT }, async (request, reply) => {
    const session = requireSession(request, reply);
    if (!session) return reply;
    await resendVerification(deps, session.accountId);
    return reply.redirect(`${paths.accounts.signUpDone()}?envoye=1`, 303);
  });

  // The link only shows a button: a mail scanner that opens it verifies nothing.
  app.get<{ Params: { token: string } }>(
    paths.accounts.verifyEmail.pattern,
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      reply.header('referrer-policy', 'no-referrer');
      const link = await checkVerificationLink(db, request.params.token);
      if (!link.ok) return reply.page(<SignUpVerifyPage result={link.reason} />, link.reason === 'unknown' ? 404 : 410);
      return reply.page(
        <SignUpConfirmPage csrfToken={reply.csrfToken()} token={request.params.token} email={link.email} />,
      );
    },
  );

  app.post<{ Params: { token: string } }>(
    paths.accounts.verifyEmail.pattern,
    { config: { rateLimit: { max: 30, timeWindow: '1 minute' } } },
    async (request, reply) => {
      reply.header('referrer-policy', 'no-referrer');
      const outcome = await verifyEmail(db, request.params.token, request.ip);
      if (!outcome.ok)
        return reply.page(<SignUpVerifyPage result={outcome.reason} />, outcome.reason === 'unknown' ? 404 : 410);
      // Back to the procedure this browser was starting, when there is one (a path of this site only).
      const resume = request.cookies[RESUME_COOKIE];
      if (resume !== undefined) reply.clearCookie(RESUME_COOKIE, { path: '/' });
      return reply.redirect(resumePath(resume) ?? paths.accounts.emailVerified(), 303);
    },
  );

  app.get(paths.accounts.emailVerified.pattern, async (request, reply) =>
    reply.page(<SignUpVerifyPage result="verified" />),
  );
}

/** The procedure a resume cookie names, when it is one of this site's procedures (never anything else). */
function resumePath(cookie: string | undefined): string | undefined {
  return cookie && safeReturnPath(cookie) === cookie && cookie.startsWith('/demarches/') ? cookie : undefined;
}

/** The error summary lists the fields in the order of the page. */
const FIELD_ORDER = [
  'raison_sociale',
  'rci',
  'nis',
  'civilite',
  'prenom',
  'nom',
  'naissance',
  'email',
  'telephone',
  'identifiant',
  'mot_de_passe',
  'conditions',
];

function orderErrors(errors: Record<string, string>): FieldErrors {
  return Object.fromEntries(
    FIELD_ORDER.filter((name) => errors[name] !== undefined).map((name) => [name, errors[name] as string]),
  );
}
