import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { OidcSettings } from '../config.js';
import type { Db } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import * as repo from './auth.repo.js';
import type { AuthService } from './auth.service.js';
import { sameSecret } from './same-secret.js';
import {
  authorizationUrl,
  discoveryUrl,
  ID_TOKEN_ALGORITHMS,
  loginIdOf,
  OIDC_LOGIN_MINUTES,
  OidcFailure,
  pkceChallenge,
  providerErrorCode,
  provesSecondFactor,
  randomToken,
  readDiscovery,
  safeReturnPath,
  signOutUrl,
  tokenRequest,
  usernameFromClaims,
  type ProviderMetadata,
} from './oidc.rules.js';

/** How long the provider's discovery document is trusted before it is read again. */
export const DISCOVERY_CACHE_MS = 60 * 60 * 1000;
/** How long to wait for the provider before giving up on a sign-in. */
const PROVIDER_TIMEOUT_MS = 10_000;
/** Leeway for clocks that disagree a little when checking an ID token's times. */
const CLOCK_TOLERANCE_S = 60;

interface Provider {
  meta: ProviderMetadata;
  keys: JWTVerifyGetKey;
}

/**
 * Sign-in through an OpenID Connect identity provider: the authorization code flow with PKCE (S256),
 * state and nonce. The provider says who the person is; AuthService decides whether they come in.
 */
export class OidcService {
  private provider: { value: Promise<Provider>; until: number } | undefined;

  constructor(
    private readonly db: Db,
    readonly settings: OidcSettings,
    private readonly auth: Pick<AuthService, 'signInVouched'>,
  ) {}

  /**
   * Starts a sign-in: where to send the browser, and the state to keep in its cookie. The nonce and
   * code verifier stay in the database under the state's hash until the provider sends the browser back.
   */
  async start(next: string | undefined): Promise<{ url: string; state: string }> {
    const { meta } = await this.discover();
    const state = randomToken();
    const nonce = randomToken();
    const codeVerifier = randomToken();
    await repo.insertOidcLogin(this.db, { id: loginIdOf(state), nonce, codeVerifier, returnTo: safeReturnPath(next), minutes: OIDC_LOGIN_MINUTES });
    return { url: authorizationUrl(meta.authorizationEndpoint, this.settings, { state, nonce, codeChallenge: pkceChallenge(codeVerifier) }), state };
  }

  /**
   * Finishes a sign-in when the provider sends the browser back. The state must match the one this
   * browser's cookie holds (so nobody can finish a sign-in into someone else's browser) and is used
   * up at once; then the code is exchanged and the ID token checked: signature against the provider's
   * published keys, issuer, audience, expiry and nonce.
   */
  async finish(
    query: { code?: string; state?: string; error?: string; iss?: string },
    cookieState: string | undefined,
  ): Promise<{ token: string; caller: Caller; returnTo: string }> {
    if (!query.state || !cookieState || !sameSecret(query.state, cookieState)) throw new OidcFailure('state_mismatch');
    const pending = await repo.takeOidcLogin(this.db, loginIdOf(query.state), OIDC_LOGIN_MINUTES);
    if (!pending) throw new OidcFailure('state_unknown_or_expired');
    if (query.error !== undefined) throw new OidcFailure(`provider_error_${providerErrorCode(query.error)}`);
    // RFC 9207: a provider that names itself in the response must be the one we asked.
    if (query.iss !== undefined && query.iss !== this.settings.issuer) throw new OidcFailure('response_issuer_mismatch');
    if (!query.code) throw new OidcFailure('no_code');
    const provider = await this.discover();
    const idToken = await this.exchange(provider.meta, query.code, pending.code_verifier);
    const claims = await this.verify(provider.keys, idToken, pending.nonce);
    // `sub` is required by verify(); the user name matters only to bind an account the first time.
    const identity = { issuer: this.settings.issuer, subject: String(claims.sub), username: usernameFromClaims(claims, this.settings) };
    const session = await this.auth.signInVouched(identity, { secondFactor: provesSecondFactor(claims.amr) });
    return { ...session, returnTo: pending.return_to };
  }

  /** Where to send the browser to sign out at the provider too, or null if it offers no way (or cannot be reached). */
  async signOutUrl(): Promise<string | null> {
    try {
      const { meta } = await this.discover();
      return meta.endSessionEndpoint ? signOutUrl(meta.endSessionEndpoint, this.settings) : null;
    } catch {
      return null;
    }
  }

  /** The provider's endpoints and keys, from its discovery document (cached; a failure is not). */
  private discover(): Promise<Provider> {
    if (this.provider && this.provider.until > Date.now()) return this.provider.value;
    const value = (async () => {
      const doc = await this.fetchJson(discoveryUrl(this.settings.issuer), {}, 'discovery');
      const meta = readDiscovery(doc, this.settings.issuer);
      // jose caches the key set and reads it again when a token names a key it does not hold (rotation).
      return { meta, keys: createRemoteJWKSet(new URL(meta.jwksUri), { timeoutDuration: PROVIDER_TIMEOUT_MS }) };
    })();
    this.provider = { value, until: Date.now() + DISCOVERY_CACHE_MS };
    value.catch(() => {
      if (this.provider?.value === value) this.provider = undefined;
    });
    return value;
  }

  private async exchange(meta: ProviderMetadata, code: string, codeVerifier: string): Promise<string> {
    const { headers, body } = tokenRequest(meta, this.settings, { code, codeVerifier });
    const res = (await this.fetchJson(meta.tokenEndpoint, { method: 'POST', headers, body }, 'token')) as Record<string, unknown>;
    if (typeof res.id_token !== 'string') throw new OidcFailure('token_response_without_id_token');
    return res.id_token;
  }

  private async verify(keys: JWTVerifyGetKey, idToken: string, nonce: string): Promise<JWTPayload> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, keys, {
        issuer: this.settings.issuer,
        audience: this.settings.clientId,
        algorithms: ID_TOKEN_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_S,
        requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
      }));
    } catch (e) {
      if (e instanceof joseErrors.JWTClaimValidationFailed) throw new OidcFailure(`id_token_claim_${e.claim}_${e.reason}`);
      if (e instanceof joseErrors.JOSEError) throw new OidcFailure(`id_token_${e.code}`);
      throw e;
    }
    if (typeof payload.nonce !== 'string' || !sameSecret(payload.nonce, nonce)) throw new OidcFailure('id_token_nonce_mismatch');
    // Core §3.1.3.7: with several audiences, or any authorised party, that party must be SecurePath.
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
    if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== this.settings.clientId) throw new OidcFailure('id_token_azp_mismatch');
    return payload;
  }

  private async fetchJson(url: string, init: RequestInit, what: string): Promise<unknown> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(PROVIDER_TIMEOUT_MS), headers: { accept: 'application/json', ...(init.headers as Record<string, string> | undefined) } });
    } catch {
      throw new OidcFailure(`${what}_unreachable`);
    }
    let body: unknown;
    try {
      body = await res.json();
    } catch {
      throw new OidcFailure(`${what}_not_json_${res.status}`);
    }
    if (!res.ok) {
      // The provider's error code (RFC 6749 §5.2) is safe to log; its description is not logged.
      const code = typeof body === 'object' && body !== null && typeof (body as { error?: unknown }).error === 'string' ? providerErrorCode((body as { error: string }).error) : 'none';
      throw new OidcFailure(`${what}_refused_${res.status}_${code}`);
    }
    return body;
  }
}
