/**
 * The adapter to MConnect, the national digital identity: an OpenID Connect provider reached
 * with openid-client v6. Everything it needs comes from its settings (issuer, client, redirect
 * URIs, levels of assurance), so pointing it at the real service, or at the development
 * stand-in, changes no code.
 *
 * The checks follow FranceConnect v2 and GOV.UK One Login: authorization code with PKCE S256,
 * fresh `state` and `nonce` per attempt (kept server-side by the caller), the issuer taken from
 * discovery and compared exactly (and the RFC 9207 `iss` of the response when present), the ID
 * token's signature checked against the issuer's JWKS with the one algorithm pinned (never
 * `none`, never HMAC), `aud`, `exp`/`iat` with a 30 s tolerance, `nonce`; the `acr` reached must
 * be at least the level asked; UserInfo's `sub` must be the ID token's. The redirect URI sent with
 * the code is always the configured one, never the request's own URL (proxies change it).
 */
import * as oidc from 'openid-client';
import { reachesLevel } from '../../lib/assurance-levels.ts';

/** How the portal authenticates to the provider's token endpoint. */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'private_key_jwt';

export interface MconnectSettings {
  /** The issuer identifier, exactly as the provider writes it in `iss`. */
  readonly issuer: string;
  readonly clientId: string;
  readonly clientAuth: ClientAuthMethod;
  /** For the two client_secret methods. */
  readonly clientSecret?: string | undefined;
  /** For private_key_jwt: the client's private key as a JWK (with its `alg`). */
  readonly privateKeyJwk?: (JsonWebKey & { alg?: string; kid?: string }) | undefined;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  readonly scopes: string;
  /** Levels of assurance known to the provider, weakest first (e.g. eidas1, eidas2, eidas3). */
  readonly acrLevels: readonly string[];
  /** The level asked by default; a weaker `acr` in the answer is refused. */
  readonly minimumAcr: string;
  /** The algorithm the ID token must be signed with. */
  readonly idTokenAlg: string;
  /** When set, UserInfo is asked for as a JWT signed with this algorithm (as FranceConnect v2 sends it). */
  readonly userinfoAlg?: string | undefined;
  /** Longest wait for any call to the provider. */
  readonly timeoutMs: number;
  /** Plain http to the provider: only the development stand-in, never in production. */
  readonly allowHttp: boolean;
  /** Tests put a hostile provider here (openid-client's customFetch). */
  readonly fetch?: oidc.CustomFetch | undefined;
}

/** What the caller keeps server-side between the redirect to the provider and its answer. */
export interface AuthorizationTransaction {
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  /** The level asked: the answer must reach it. */
  readonly acr: string;
  /** Seconds: when set, the login at the provider must be that recent. */
  readonly maxAge?: number | undefined;
}

/** A citizen as MConnect vouched for them. The account key is `(issuer, subject)`, nothing else. */
export interface MconnectIdentity {
  readonly issuer: string;
  readonly subject: string;
  readonly acr: string;
  readonly authTime: Date | null;
  readonly idToken: string;
  readonly claims: IdentityClaims;
}

/** The identity claims the portal uses, read from UserInfo; any may be missing. */
export interface IdentityClaims {
  readonly givenName: string | null;
  readonly familyName: string | null;
  readonly birthdate: string | null;
  readonly gender: string | null;
  readonly email: string | null;
  readonly emailVerified: boolean;
  readonly phoneNumber: string | null;
}

/** Why an MConnect login did not end with an identity; each has its own page. */
export type MconnectFailureReason =
  /** The citizen chose "Annuler" at MConnect. */
  | 'cancelled'
  /** The provider could not be reached, was too slow, or said it was unavailable. */
  | 'unavailable'
  /** The level of assurance reached is below the one asked. */
  | 'acr_too_low'
  /** Anything that fails a check (state, nonce, signature, issuer, audience, time, sub…). */
  | 'rejected';

export class MconnectError extends Error {
  constructor(
    readonly reason: MconnectFailureReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MconnectError';
  }
}

const TOLERANCE_SECONDS = 30;

export class MconnectClient {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(readonly settings: MconnectSettings) {
    if (!settings.acrLevels.includes(settings.minimumAcr))
      throw new Error(`The minimum level ${settings.minimumAcr} is not one of ${settings.acrLevels.join(', ')}`);
  }

  /** Discovery is done on first use and kept; a failure is forgotten, so the next attempt retries. */
  private async config(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      this.configuration = this.discover();
      this.configuration.catch(() => {
        this.configuration = undefined;
      });
    }
    return this.configuration;
  }

  private async discover(): Promise<oidc.Configuration> {
    const s = this.settings;
    const clientAuth = await this.clientAuthentication();
    const options: oidc.DiscoveryRequestOptions = { timeout: Math.ceil(s.timeoutMs / 1000) };
    if (s.allowHttp) options.execute = [oidc.allowInsecureRequests];
    if (s.fetch) options[oidc.customFetch] = s.fetch;
    let config: oidc.Configuration;
    try {
      config = await oidc.discovery(
        new URL(s.issuer),
        s.clientId,
        {
          id_token_signed_response_alg: s.idTokenAlg,
          ...(s.userinfoAlg ? { userinfo_signed_response_alg: s.userinfoAlg } : {}),
          [oidc.clockTolerance]: TOLERANCE_SECONDS,
        },
        clientAuth,
        options,
      );
    } catch (error) {
      throw new MconnectError(isNetworkFailure(error) ? 'unavailable' : 'rejected', 'MConnect discovery failed', {
        cause: error,
      });
    }
    // Signatures are checked even on tokens received straight from the token endpoint.
    oidc.enableNonRepudiationChecks(config);
    config.timeout = Math.ceil(s.timeoutMs / 1000);
    return config;
  }

  private async clientAuthentication(): Promise<oidc.ClientAuth> {
    const s = this.settings;
    if (s.clientAuth === 'private_key_jwt') {
      if (!s.privateKeyJwk) throw new Error('private_key_jwt needs the client private key');
      const alg = s.privateKeyJwk.alg ?? 'ES256';
      const algorithm = alg.startsWith('ES')
        ? { name: 'ECDSA', namedCurve: s.privateKeyJwk.crv ?? 'P-256' }
        : { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
      const key = await crypto.subtle.importKey('jwk', s.privateKeyJwk, algorithm, false, ['sign']);
      const kid = s.privateKeyJwk.kid;
      return oidc.PrivateKeyJwt(kid === undefined ? key : { key, kid });
    }
    if (!s.clientSecret) throw new Error(`${s.clientAuth} needs the client secret`);
    return s.clientAuth === 'client_secret_post'
      ? oidc.ClientSecretPost(s.clientSecret)
      : oidc.ClientSecretBasic(s.clientSecret);
  }

  /** A new transaction and the address of the provider's login page for it. */
  async begin(
    options: { acr?: string; maxAge?: number; uiLocales?: string } = {},
  ): Promise<{ url: string; transaction: AuthorizationTransaction }> {
    const config = await this.config();
    const acr = options.acr ?? this.settings.minimumAcr;
    const transaction: AuthorizationTransaction = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
      acr,
      maxAge: options.maxAge,
    };
    const parameters: Record<string, string> = {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      state: transaction.state,
      nonce: transaction.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
      acr_values: acr,
    };
    if (options.maxAge !== undefined) {
      parameters.max_age = String(options.maxAge);
      parameters.prompt = 'login';
    }
    if (options.uiLocales) parameters.ui_locales = options.uiLocales;
    return { url: oidc.buildAuthorizationUrl(config, parameters).href, transaction };
  }

  /**
   * Checks the provider's answer (the query of the callback) against the transaction, exchanges
   * the code, checks the ID token and the level reached, reads UserInfo. Throws MconnectError.
   */
  async finish(query: URLSearchParams, transaction: AuthorizationTransaction): Promise<MconnectIdentity> {
    const config = await this.config();
    if (query.get('error') === 'access_denied' && query.get('state') === transaction.state) {
      throw new MconnectError('cancelled', 'The citizen cancelled at MConnect');
    }
    if (query.get('error') === 'temporarily_unavailable' && query.get('state') === transaction.state) {
      throw new MconnectError('unavailable', 'MConnect said it is unavailable');
    }
    const callback = new URL(this.settings.redirectUri);
    callback.search = query.toString();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
        ...(transaction.maxAge !== undefined ? { maxAge: transaction.maxAge } : {}),
      });
    } catch (error) {
      throw new MconnectError(
        isNetworkFailure(error) ? 'unavailable' : 'rejected',
        'The authorization response or the token exchange failed',
        { cause: error },
      );
    }
    const idToken = tokens.id_token;
    const claims = tokens.claims();
    if (!idToken || !claims) throw new MconnectError('rejected', 'No ID token');
    // The library checks exp; a token "issued" in the future is refused here, with the same tolerance.
    if (typeof claims.iat !== 'number' || claims.iat > Date.now() / 1000 + TOLERANCE_SECONDS)
      throw new MconnectError('rejected', 'ID token issued in the future');
    const acr = typeof claims.acr === 'string' ? claims.acr : '';
    if (!this.reaches(acr, transaction.acr))
      throw new MconnectError('acr_too_low', `acr ${acr || '(none)'} is below ${transaction.acr}`);

    let info: oidc.UserInfoResponse;
    try {
      info = await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    } catch (error) {
      throw new MconnectError(
        isNetworkFailure(error) ? 'unavailable' : 'rejected',
        'UserInfo failed or named another subject',
        { cause: error },
      );
    }
    return {
      issuer: claims.iss,
      subject: claims.sub,
      acr,
      authTime: typeof claims.auth_time === 'number' ? new Date(claims.auth_time * 1000) : null,
      idToken,
      claims: readClaims(info),
    };
  }

  /** Whether `acr` is at least `wanted` on the scale of the settings; an unknown level reaches nothing. */
  reaches(acr: string, wanted: string): boolean {
    return reachesLevel(this.settings.acrLevels, acr, wanted);
  }

  /** The provider's logout address for this ID token (RP-initiated logout), or null if it has none. */
  async endSessionUrl(idToken: string): Promise<string | null> {
    try {
      const config = await this.config();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, {
        id_token_hint: idToken,
        post_logout_redirect_uri: this.settings.postLogoutRedirectUri,
      }).href;
    } catch {
      return null;
    }
  }
}

function text(value: unknown, max = 200): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, max) : null;
}

function readClaims(info: oidc.UserInfoResponse): IdentityClaims {
  const birthdate = text(info.birthdate, 10);
  return {
    givenName: text(info.given_name),
    familyName: text(info.family_name),
    birthdate: birthdate && /^\d{4}-\d{2}-\d{2}$/.test(birthdate) ? birthdate : null,
    gender: text(info.gender, 20),
    email: text(info.email, 254),
    emailVerified: info.email_verified === true,
    phoneNumber: text(info.phone_number, 30),
  };
}

/** Connection refused, DNS failure, timeout, or a 5xx: the provider is away, not hostile. */
function isNetworkFailure(error: unknown): boolean {
  for (let current: unknown = error; current instanceof Error; current = current.cause) {
    if (current.name === 'AbortError' || current.name === 'TimeoutError') return true;
    if (current instanceof TypeError && /fetch failed/i.test(current.message)) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|UND_ERR_)/.test(code))
      return true;
    if (current instanceof oidc.ResponseBodyError && current.status >= 500) return true;
  }
  return false;
}
