/**
 * The OpenID provider behind the MConnect stand-in (oidc-provider v9), set up to behave like a
 * national eID modelled on FranceConnect v2: authorization code flow only, PKCE (S256) required,
 * ES256-signed ID tokens (RS256 on request), levels of assurance `eidas1` < `eidas2` < `eidas3`
 * in `acr`, a `sub` that differs per client (pairwise), UserInfo as JSON or as a signed JWT,
 * RP-initiated logout, and a login at every authorization request (no single sign-on, as
 * FranceConnect+ does for substantial and high levels).
 */
import { createHmac } from 'node:crypto';
import Provider, {
  interactionPolicy,
  type ClientMetadata,
  type Configuration,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { ASSURANCE_LEVELS, claimsOf, findCitizen } from './citizens.ts';
import { signingAlgorithms, type SigningAlgorithm, type StandInSecrets } from './keys.ts';
import { memoryAdapterFactory } from './memory-adapter.ts';
import { chooseLang, messagesFor } from './messages.ts';
import { LogoutPage, MessagePage, renderPage } from './pages.tsx';
import { standInRoutes } from './routes.ts';

/** A relying party registered at the stand-in. */
export interface MconnectClient {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Shown on the login and logout pages. */
  readonly clientName: string;
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  /** The registered method; the token endpoint accepts `client_secret_post` for it as well. */
  readonly tokenEndpointAuthMethod: 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';
  /** For private_key_jwt: the client's public keys, which sign its assertions. */
  readonly jwks?: { readonly keys: readonly Record<string, string>[] } | undefined;
  readonly idTokenSignedResponseAlg: SigningAlgorithm;
  /** Set: UserInfo answers with a JWT signed with this algorithm; unset: plain JSON. */
  readonly userinfoSignedResponseAlg?: SigningAlgorithm | undefined;
}

/** Scopes and the claims each one releases (UserInfo; the ID token holds only the authentication claims). */
export const SCOPE_CLAIMS = {
  openid: ['sub'],
  profile: ['given_name', 'family_name', 'birthdate', 'gender', 'birthplace', 'nationality'],
  email: ['email', 'email_verified'],
  phone: ['phone_number'],
  address: ['address'],
} as const;

/**
 * Authentication claims put in every ID token (through the `openid` scope): oidc-provider would
 * otherwise add `acr` only when `acr_values` asks for it and `amr` only through the `claims`
 * parameter.
 */
export const ID_TOKEN_CLAIMS = ['acr', 'amr', 'auth_time'] as const;

/** Lifetimes in seconds: short, as FranceConnect's, so that timing bugs show early. */
export const LIFETIMES = {
  AuthorizationCode: 60,
  AccessToken: 120,
  IdToken: 300,
  Interaction: 600,
  Session: 1800,
  Grant: 1800,
} as const;

/** Seconds of clock difference accepted on incoming JWTs (id_token_hint) and kept on stored records. */
export const CLOCK_TOLERANCE = 15;

export const COOKIE_NAMES = {
  session: 'mconnect_session',
  interaction: 'mconnect_interaction',
  resume: 'mconnect_resume',
} as const;

function clientMetadata(client: MconnectClient): ClientMetadata {
  return {
    client_id: client.clientId,
    client_secret: client.clientSecret,
    client_name: client.clientName,
    redirect_uris: [...client.redirectUris],
    post_logout_redirect_uris: [...client.postLogoutRedirectUris],
    response_types: ['code'],
    grant_types: ['authorization_code'],
    token_endpoint_auth_method: client.tokenEndpointAuthMethod,
    ...(client.tokenEndpointAuthMethod === 'private_key_jwt' && client.jwks
      ? { jwks: { keys: client.jwks.keys.map((key) => ({ ...key })) } }
      : {}),
    id_token_signed_response_alg: client.idTokenSignedResponseAlg,
    ...(client.userinfoSignedResponseAlg ? { userinfo_signed_response_alg: client.userinfoSignedResponseAlg } : {}),
    subject_type: 'pairwise',
    require_auth_time: true,
  };
}

/** The login prompt asks again at every authorization request, whatever the session. */
function loginPolicy(): interactionPolicy.DefaultPolicy {
  const { Check } = interactionPolicy;
  const policy = interactionPolicy.base();
  const login = policy.get('login');
  if (!login) throw new Error('oidc-provider has no login prompt');
  login.checks.push(
    new Check(
      'mconnect_login_every_time',
      'MConnect identifies the citizen at every authorization request',
      'login_required',
      (ctx) => (ctx.oidc.result?.login ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT),
    ),
  );
  return policy;
}

function langOf(ctx: KoaContextWithOIDC): 'fr' | 'en' {
  const params = ctx.oidc?.params;
  return chooseLang(undefined, params?.ui_locales);
}

function sendHtml(ctx: KoaContextWithOIDC, html: string): void {
  ctx.type = 'html';
  ctx.set('cache-control', 'no-store');
  ctx.body = html;
}

export interface ProviderOptions {
  readonly issuer: string;
  readonly clients: readonly MconnectClient[];
  readonly secrets: StandInSecrets;
}

export function createProvider({ issuer, clients, secrets }: ProviderOptions): Provider {
  const algorithms = signingAlgorithms(secrets.signingKeys);
  for (const client of clients) {
    for (const alg of [client.idTokenSignedResponseAlg, client.userinfoSignedResponseAlg]) {
      if (alg && !algorithms.includes(alg))
        throw new Error(`MConnect stand-in: client ${client.clientId} wants ${alg} but no signing key supports it`);
    }
  }

  const configuration: Configuration = {
    adapter: memoryAdapterFactory(CLOCK_TOLERANCE),
    clients: clients.map(clientMetadata),
    acrValues: [...ASSURANCE_LEVELS],
    claims: { ...SCOPE_CLAIMS, openid: [...SCOPE_CLAIMS.openid, ...ID_TOKEN_CLAIMS], sid: null, iss: null },
    scopes: Object.keys(SCOPE_CLAIMS),
    subjectTypes: ['pairwise'],
    pairwiseIdentifier: (_ctx, accountId, client) =>
      createHmac('sha256', secrets.pairwiseSalt).update(`${client.clientId}\n${accountId}`).digest('hex'),
    findAccount: (_ctx, id) => {
      const citizen = findCitizen(id);
      if (!citizen) return undefined;
      return { accountId: citizen.id, claims: () => ({ sub: citizen.id, ...claimsOf(citizen) }) };
    },
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    pkce: { required: () => true },
    allowOmittingSingleRegisteredRedirectUri: false,
    clockTolerance: CLOCK_TOLERANCE,
    ttl: { ...LIFETIMES },
    jwks: { keys: secrets.signingKeys.map((key) => ({ ...key })) },
    cookies: {
      keys: [...secrets.cookieKeys],
      names: { ...COOKIE_NAMES },
      long: { httpOnly: true, sameSite: 'lax', signed: true },
      short: { httpOnly: true, sameSite: 'lax', signed: true },
    },
    enabledJWA: {
      idTokenSigningAlgValues: algorithms,
      userinfoSigningAlgValues: algorithms,
      requestObjectSigningAlgValues: algorithms,
    },
    discovery: { ui_locales_supported: ['fr', 'en'], claims_locales_supported: undefined },
    clientBasedCORS: () => false,
    interactions: {
      policy: loginPolicy(),
      url: (_ctx, interaction) => standInRoutes.interaction.url(interaction.uid),
    },
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: true },
      userinfo: { enabled: true },
      jwtUserinfo: { enabled: true },
      dPoP: { enabled: false },
      pushedAuthorizationRequests: { enabled: false },
      resourceIndicators: { enabled: false },
      revocation: { enabled: false },
      introspection: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx) => {
          const state = ctx.oidc.session?.state;
          const xsrf = typeof state?.secret === 'string' ? state.secret : '';
          sendHtml(
            ctx,
            renderPage(
              LogoutPage({
                lang: langOf(ctx),
                clientName: ctx.oidc.client?.clientName,
                action: ctx.oidc.urlFor('end_session_confirm'),
                xsrf,
              }),
            ),
          );
        },
        postLogoutSuccessSource: (ctx) => {
          const lang = langOf(ctx);
          const m = messagesFor(lang);
          sendHtml(ctx, renderPage(MessagePage({ lang, title: m.logout.doneTitle, body: m.logout.doneBody })));
        },
      },
    },
    renderError: (ctx, out) => {
      const lang = langOf(ctx);
      const m = messagesFor(lang);
      const details: Record<string, string> = { error: out.error };
      if (out.error_description) details.error_description = out.error_description;
      sendHtml(ctx, renderPage(MessagePage({ lang, title: m.error.title, body: m.error.body, details })));
    },
  };

  const provider = new Provider(issuer, configuration);
  // Behind a TLS-terminating proxy (an https issuer), trust its X-Forwarded-* headers.
  provider.proxy = issuer.startsWith('https://');
  return provider;
}
