/**
 * The login pages of the stand-in (oidc-provider's interactions, development interactions off):
 * choose a test citizen, or type a card number and its PIN; cancel (`access_denied`), or make
 * MConnect answer with an error. A successful login also grants the scopes and claims asked for,
 * without a consent page, as FranceConnect does for a registered service.
 *
 * No CSRF token: oidc-provider's interaction cookie is `SameSite=Lax` and scoped to the
 * interaction's own path, so another site cannot post these forms with it.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors, type default as Provider, type InteractionResults } from 'oidc-provider';
import {
  AMR_BY_LEVEL,
  ASSURANCE_LEVELS,
  cardExpired,
  findCitizen,
  findCitizenByCard,
  testCitizens,
  type AssuranceLevel,
  type TestCitizen,
} from './citizens.ts';
import { chooseLang, formatDate, messagesFor, type Lang } from './messages.ts';
import {
  LoginPage,
  MessagePage,
  renderPage,
  SIMULATED_ERRORS,
  type FieldErrors,
  type LoginPageProps,
} from './pages.tsx';
import { SCOPE_CLAIMS, type MconnectClient } from './provider.ts';
import { standInRoutes } from './routes.ts';

/**
 * Wrong PINs per card, in this process's memory: after `maxFailures` in a row the card is
 * blocked for `blockMinutes` (a real card stays blocked until unblocked at a counter).
 */
export class PinGuard {
  readonly #cards = new Map<string, { failures: number; blockedUntil: number }>();

  constructor(
    readonly maxFailures = 3,
    readonly blockMinutes = 5,
    private readonly now: () => number = Date.now,
  ) {}

  isBlocked(card: string): boolean {
    const state = this.#cards.get(card);
    if (!state || state.blockedUntil === 0) return false;
    if (state.blockedUntil > this.now()) return true;
    this.#cards.delete(card);
    return false;
  }

  /** Records a wrong PIN; says whether the card is now blocked, or how many tries remain. */
  fail(card: string): { blocked: boolean; remaining: number } {
    const state = this.#cards.get(card) ?? { failures: 0, blockedUntil: 0 };
    state.failures += 1;
    if (state.failures >= this.maxFailures) state.blockedUntil = this.now() + this.blockMinutes * 60_000;
    this.#cards.set(card, state);
    return { blocked: state.blockedUntil > 0, remaining: Math.max(0, this.maxFailures - state.failures) };
  }

  succeed(card: string): void {
    this.#cards.delete(card);
  }
}

export interface InteractionRoutesOptions {
  readonly provider: Provider;
  readonly clients: readonly MconnectClient[];
  readonly pinGuard: PinGuard;
  /** Today as YYYY-MM-DD, to tell expired cards. */
  readonly today: () => string;
}

type Params = { uid: string };
type Form = Record<string, unknown>;
type Details = Awaited<ReturnType<Provider['interactionDetails']>>;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function isLevel(value: string): value is AssuranceLevel {
  return (ASSURANCE_LEVELS as readonly string[]).includes(value);
}

export async function interactionRoutes(
  app: FastifyInstance,
  { provider, clients, pinGuard, today }: InteractionRoutesOptions,
): Promise<void> {
  const html = (reply: FastifyReply, body: string, status = 200) =>
    reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(body);

  /** The pending authorization request of this browser, or the "no longer valid" page. */
  async function pending(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    lang: Lang,
  ): Promise<Details | undefined> {
    try {
      const details = await provider.interactionDetails(request.raw, reply.raw);
      if (details.uid === request.params.uid) return details;
    } catch (error) {
      if (!(error instanceof errors.SessionNotFound)) throw error;
    }
    const m = messagesFor(lang);
    await html(
      reply,
      renderPage(MessagePage({ lang, title: m.expiredInteraction.title, body: m.expiredInteraction.body })),
      400,
    );
    return undefined;
  }

  function loginPage(
    details: Details,
    lang: Lang,
    errors: FieldErrors = {},
    values: LoginPageProps['values'] = {},
  ): string {
    const clientId = text(details.params.client_id);
    const requestedLevels = text(details.params.acr_values).split(/\s+/).filter(isLevel);
    return renderPage(
      LoginPage({
        lang,
        uid: details.uid,
        clientName: clients.find((client) => client.clientId === clientId)?.clientName ?? clientId,
        requestedLevels,
        citizens: testCitizens,
        today: today(),
        errors,
        values,
      }),
    );
  }

  /** Grants what the request asks for: its scopes, and the claims of its `claims` parameter. */
  async function grantRequested(details: Details, accountId: string): Promise<string> {
    const grant = new provider.Grant({ accountId, clientId: text(details.params.client_id) });
    const scopes = text(details.params.scope)
      .split(/\s+/)
      .filter((scope) => Object.hasOwn(SCOPE_CLAIMS, scope));
    grant.addOIDCScope(scopes.join(' '));
    const claimsParameter = text(details.params.claims);
    if (claimsParameter !== '') {
      const requested = JSON.parse(claimsParameter) as { id_token?: object | null; userinfo?: object | null };
      grant.addOIDCClaims([...Object.keys(requested.id_token ?? {}), ...Object.keys(requested.userinfo ?? {})]);
    }
    return grant.save();
  }

  async function finish(
    request: FastifyRequest,
    reply: FastifyReply,
    result: InteractionResults,
  ): Promise<FastifyReply> {
    const returnTo = await provider.interactionResult(request.raw, reply.raw, result, {
      mergeWithLastSubmission: false,
    });
    return reply.header('cache-control', 'no-store').redirect(returnTo, 303);
  }

  /**
   * Another citizen was logged in in this browser: their MConnect session ends here, quietly.
   * (oidc-provider would otherwise stop on a self-submitting English page to log them out first.)
   */
  async function endOtherCitizensSession(details: Details, accountId: string): Promise<void> {
    if (!details.session || details.session.accountId === accountId) return;
    const previous = await provider.Session.findByUid(details.session.uid);
    await previous?.destroy();
    delete details.session;
    await details.save(details.exp - Math.floor(Date.now() / 1000));
  }

  async function logIn(
    request: FastifyRequest,
    reply: FastifyReply,
    details: Details,
    citizen: TestCitizen,
  ): Promise<FastifyReply> {
    await endOtherCitizensSession(details, citizen.id);
    const grantId = await grantRequested(details, citizen.id);
    return finish(request, reply, {
      login: {
        accountId: citizen.id,
        acr: citizen.assurance,
        amr: [...AMR_BY_LEVEL[citizen.assurance]],
        remember: false,
      },
      consent: { grantId },
    });
  }

  app.get<{ Params: Params; Querystring: { lang?: string } }>(
    standInRoutes.interaction.pattern,
    async (request, reply) => {
      const explicit = request.query.lang;
      const details = await pending(request, reply, chooseLang(explicit));
      if (!details) return reply;
      const lang = chooseLang(explicit, details.params.ui_locales);
      // A session that only lacks consent (never with the policy in provider.ts): grant and go on.
      if (details.prompt.name === 'consent' && details.session?.accountId) {
        const grantId = await grantRequested(details, details.session.accountId);
        return finish(request, reply, { consent: { grantId } });
      }
      return html(reply, loginPage(details, lang));
    },
  );

  app.post<{ Params: Params; Body: Form | undefined }>(standInRoutes.chooseCitizen.pattern, async (request, reply) => {
    const form = request.body ?? {};
    const details = await pending(request, reply, chooseLang(form.lang));
    if (!details) return reply;
    const lang = chooseLang(form.lang, details.params.ui_locales);
    const m = messagesFor(lang);
    const chosen = text(form.citoyen);
    const citizen = findCitizen(chosen);
    let error: string | undefined;
    if (!citizen) error = m.errors.citizenRequired;
    else if (cardExpired(citizen, today())) error = m.errors.cardExpired(formatDate(lang, citizen.card.expires));
    else if (pinGuard.isBlocked(citizen.card.number)) error = m.errors.cardBlocked(pinGuard.blockMinutes);
    if (error || !citizen)
      return html(
        reply,
        loginPage(details, lang, { citoyen: error ?? m.errors.citizenRequired }, { citoyen: chosen }),
        400,
      );
    return logIn(request, reply, details, citizen);
  });

  app.post<{ Params: Params; Body: Form | undefined }>(standInRoutes.cardAndPin.pattern, async (request, reply) => {
    const form = request.body ?? {};
    const details = await pending(request, reply, chooseLang(form.lang));
    if (!details) return reply;
    const lang = chooseLang(form.lang, details.params.ui_locales);
    const m = messagesFor(lang);
    const typedCard = text(form.carte);
    const card = typedCard.replace(/\s+/g, '');
    const pin = text(form.pin);
    const errors: Record<string, string> = {};
    const citizen = card === '' ? undefined : findCitizenByCard(card);
    if (card === '') errors.carte = m.errors.cardRequired;
    else if (!citizen) errors.carte = m.errors.cardUnknown;
    else if (cardExpired(citizen, today())) errors.carte = m.errors.cardExpired(formatDate(lang, citizen.card.expires));
    else if (pinGuard.isBlocked(card)) errors.carte = m.errors.cardBlocked(pinGuard.blockMinutes);
    if (!errors.carte) {
      if (pin === '') errors.pin = m.errors.pinRequired;
      else if (!/^\d{5}$/.test(pin)) errors.pin = m.errors.pinFormat;
      else if (citizen && pin !== citizen.card.pin) {
        const outcome = pinGuard.fail(card);
        if (outcome.blocked) errors.carte = m.errors.cardBlocked(pinGuard.blockMinutes);
        else errors.pin = m.errors.pinWrong(outcome.remaining);
      }
    }
    if (Object.keys(errors).length > 0 || !citizen)
      return html(reply, loginPage(details, lang, errors, { carte: typedCard }), 400);
    pinGuard.succeed(card);
    return logIn(request, reply, details, citizen);
  });

  app.post<{ Params: Params; Body: Form | undefined }>(standInRoutes.cancel.pattern, async (request, reply) => {
    const form = request.body ?? {};
    const details = await pending(request, reply, chooseLang(form.lang));
    if (!details) return reply;
    return finish(request, reply, {
      error: 'access_denied',
      error_description: 'the citizen cancelled the login at MConnect',
    });
  });

  app.post<{ Params: Params; Body: Form | undefined }>(standInRoutes.simulateError.pattern, async (request, reply) => {
    const form = request.body ?? {};
    const details = await pending(request, reply, chooseLang(form.lang));
    if (!details) return reply;
    const code = text(form.erreur);
    const simulated = SIMULATED_ERRORS.find((candidate) => candidate === code);
    if (!simulated) {
      const lang = chooseLang(form.lang, details.params.ui_locales);
      return html(reply, loginPage(details, lang, { erreur: messagesFor(lang).errors.simulateRequired }), 400);
    }
    return finish(request, reply, { error: simulated, error_description: 'simulated by the MConnect stand-in' });
  });
}
