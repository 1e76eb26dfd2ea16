import { createHash, randomBytes } from 'node:crypto';
import type { OidcSettings } from '../config.js';

// The pure parts of OpenID Connect sign-in (authorization code flow with PKCE, RFC 7636; OpenID
// Connect Core 1.0 §3.1): no network, no database, so each rule is tested on its own.

/** How long a started sign-in may take at the provider before it must be started again. */
export const OIDC_LOGIN_MINUTES = 10;

/** What SecurePath asks the provider for: an ID token, with the person's name and e-mail address. */
export const OIDC_SCOPE = 'openid profile email';

/**
 * Signature algorithms accepted on ID tokens: asymmetric only, so a token can be checked against the
 * provider's published keys and nobody holding the client secret can mint one.
 */
export const ID_TOKEN_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** `amr` values (RFC 8176) that count as SecurePath's second factor. */
export const SECOND_FACTOR_AMR = ['mfa', 'otp'] as const;

/** 32 random bytes, base64url: 43 characters, fit for a state, a nonce or a PKCE code verifier. */
export const randomToken = () => randomBytes(32).toString('base64url');

/** The S256 code challenge of a PKCE code verifier (RFC 7636 §4.2). */
export const pkceChallenge = (verifier: string) => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** The key a started sign-in is stored under: the state's hash, so a database read cannot finish one. */
export const loginIdOf = (state: string) => createHash('sha256').update(state).digest('hex');

/** Where to send the browser to sign in at the provider (OpenID Connect Core §3.1.2.1). */
export function authorizationUrl(
  endpoint: string,
  settings: Pick<OidcSettings, 'clientId' | 'redirectUri'>,
  p: { state: string; nonce: string; codeChallenge: string },
): string {
  const url = new URL(endpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    scope: OIDC_SCOPE,
    client_id: settings.clientId,
    redirect_uri: settings.redirectUri,
    state: p.state,
    nonce: p.nonce,
    code_challenge: p.codeChallenge,
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/**
 * The SecurePath user name an ID token names: the configured claim, trimmed and lower-cased. With a
 * username domain set, only addresses in that one domain count, and the part before the @ is the name
 * (one domain only: two could each hold a different jo.bloggs). Undefined when the token names nobody.
 */
export function usernameFromClaims(claims: Record<string, unknown>, settings: Pick<OidcSettings, 'usernameClaim' | 'usernameDomain'>): string | undefined {
  const raw = claims[settings.usernameClaim];
  if (typeof raw !== 'string') return undefined;
  // An e-mail address the provider itself says it has not verified names nobody.
  if (settings.usernameClaim === 'email' && claims.email_verified === false) return undefined;
  const value = raw.trim().toLowerCase();
  if (!settings.usernameDomain) return value === '' ? undefined : value;
  const suffix = `@${settings.usernameDomain}`;
  if (!value.endsWith(suffix)) return undefined;
  const local = value.slice(0, -suffix.length);
  return local === '' || local.includes('@') ? undefined : local;
}

/** Whether the provider says it checked more than a password (RFC 8176 `amr`: mfa or otp). */
export function provesSecondFactor(amr: unknown): boolean {
  return Array.isArray(amr) && amr.some((m) => (SECOND_FACTOR_AMR as readonly unknown[]).includes(m));
}

/** A path on this site to return to after signing in; anything else (another site, `//host`) is `/`. */
export function safeReturnPath(next: string | undefined): string {
  if (next === undefined || next.length > 500) return '/';
  return /^\/(?![/\\])[^\\\s]*$/.test(next) ? next : '/';
}

/** An error code from the provider's redirect (RFC 6749 §4.1.2.1), safe to log; anything odd is `other`. */
export function providerErrorCode(error: string): string {
  return /^[a-z_]{1,40}$/.test(error) ? error : 'other';
}

/**
 * Why a sign-in through the provider was refused, for the server log: a short code, never a token,
 * a claim's value or anything the provider sent back as text.
 */
export class OidcFailure extends Error {
  constructor(readonly reason: string) {
    super(`OpenID Connect sign-in failed: ${reason}`);
    this.name = 'OidcFailure';
  }
}

/** What SecurePath uses from the provider's discovery document (OpenID Connect Discovery §3). */
export interface ProviderMetadata {
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** client_secret_basic unless the provider takes only client_secret_post. */
  tokenAuth: 'client_secret_basic' | 'client_secret_post';
  /** Where to send the browser to end the person's session at the provider, if it offers that. */
  endSessionEndpoint: string | null;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** https, or plain http on this machine's loopback only. */
export function isSecureAddress(raw: unknown): raw is string {
  if (typeof raw !== 'string') return false;
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
  } catch {
    return false;
  }
}

/** The discovery document's address for an issuer (Discovery §4.1: a trailing slash is dropped first). */
export const discoveryUrl = (issuer: string) => `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;

/**
 * Checks a discovery document: it must be for the configured issuer exactly (Discovery §4.3), name
 * secure endpoints, and support PKCE with S256 if it says what it supports.
 */
export function readDiscovery(doc: unknown, issuer: string): ProviderMetadata {
  if (typeof doc !== 'object' || doc === null) throw new OidcFailure('discovery_not_json');
  const d = doc as Record<string, unknown>;
  if (d.issuer !== issuer) throw new OidcFailure('discovery_issuer_mismatch');
  for (const key of ['authorization_endpoint', 'token_endpoint', 'jwks_uri']) {
    if (!isSecureAddress(d[key])) throw new OidcFailure(`discovery_${key}_missing_or_insecure`);
  }
  const methods = d.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) throw new OidcFailure('discovery_no_pkce_s256');
  const auth = d.token_endpoint_auth_methods_supported;
  const postOnly = Array.isArray(auth) && !auth.includes('client_secret_basic') && auth.includes('client_secret_post');
  return {
    authorizationEndpoint: d.authorization_endpoint as string,
    tokenEndpoint: d.token_endpoint as string,
    jwksUri: d.jwks_uri as string,
    tokenAuth: postOnly ? 'client_secret_post' : 'client_secret_basic',
    endSessionEndpoint: isSecureAddress(d.end_session_endpoint) ? (d.end_session_endpoint as string) : null,
  };
}

/**
 * Where to send the browser to sign out at the provider too (OpenID Connect RP-Initiated Logout
 * 1.0): its end-session endpoint, naming this client, and back to SecurePath's sign-in page after.
 * Without this, on a shared ward computer the next person to press "Sign in with …" would be let in
 * as the last one, whose session at the provider is still open.
 */
export function signOutUrl(endpoint: string, settings: Pick<OidcSettings, 'clientId' | 'redirectUri'>): string {
  const url = new URL(endpoint);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('post_logout_redirect_uri', new URL('/login', settings.redirectUri).toString());
  return url.toString();
}

/** `application/x-www-form-urlencoded` encoding, as RFC 6749 §2.3.1 asks for client credentials. */
const formEncode = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');

/** The token request for an authorization code (RFC 6749 §4.1.3 with RFC 7636 §4.5). */
export function tokenRequest(
  meta: Pick<ProviderMetadata, 'tokenAuth'>,
  settings: Pick<OidcSettings, 'clientId' | 'clientSecret' | 'redirectUri'>,
  p: { code: string; codeVerifier: string },
): { headers: Record<string, string>; body: string } {
  const form = new URLSearchParams({ grant_type: 'authorization_code', code: p.code, redirect_uri: settings.redirectUri, code_verifier: p.codeVerifier, client_id: settings.clientId });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (settings.clientSecret !== undefined) {
    if (meta.tokenAuth === 'client_secret_post') form.set('client_secret', settings.clientSecret);
    else headers.authorization = `Basic ${Buffer.from(`${formEncode(settings.clientId)}:${formEncode(settings.clientSecret)}`).toString('base64')}`;
  }
  return { headers, body: form.toString() };
}
