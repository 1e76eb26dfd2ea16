import { describe, expect, it } from 'vitest';
import {
  authorizationUrl,
  discoveryUrl,
  isSecureAddress,
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
} from './oidc.rules.js';

describe('PKCE (RFC 7636)', () => {
  it('derives the S256 challenge of the example verifier in appendix B', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('makes verifiers of 43 unreserved characters, different every time', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
  });
});

describe('the authorization request', () => {
  it('asks for a code with PKCE, state and nonce, keeping the endpoint’s own parameters', () => {
    const url = new URL(
      authorizationUrl('https://idp.example/authorize?tenant=t1', { clientId: 'securepath', redirectUri: 'https://sp.example/api/auth/oidc/callback' }, { state: 's', nonce: 'n', codeChallenge: 'c' }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      tenant: 't1',
      response_type: 'code',
      scope: 'openid profile email',
      client_id: 'securepath',
      redirect_uri: 'https://sp.example/api/auth/oidc/callback',
      state: 's',
      nonce: 'n',
      code_challenge: 'c',
      code_challenge_method: 'S256',
    });
  });
});

describe('the user name an ID token names', () => {
  const plain = { usernameClaim: 'preferred_username', usernameDomain: undefined };
  it('trims and lower-cases the claim', () => {
    expect(usernameFromClaims({ preferred_username: '  J.Smith ' }, plain)).toBe('j.smith');
  });
  it('names nobody when the claim is missing, empty or not text', () => {
    expect(usernameFromClaims({}, plain)).toBeUndefined();
    expect(usernameFromClaims({ preferred_username: '  ' }, plain)).toBeUndefined();
    expect(usernameFromClaims({ preferred_username: ['j.smith'] }, plain)).toBeUndefined();
  });
  it('reads another claim when configured, refusing an e-mail address the provider has not verified', () => {
    const email = { usernameClaim: 'email', usernameDomain: undefined };
    expect(usernameFromClaims({ email: 'j.smith@nhs.net', email_verified: true }, email)).toBe('j.smith@nhs.net');
    expect(usernameFromClaims({ email: 'j.smith@nhs.net' }, email)).toBe('j.smith@nhs.net');
    expect(usernameFromClaims({ email: 'j.smith@nhs.net', email_verified: false }, email)).toBeUndefined();
  });
  it('with a username domain, takes the part before @ of addresses in that domain only', () => {
    const domain = { usernameClaim: 'email', usernameDomain: 'nhs.net' };
    expect(usernameFromClaims({ email: 'J.Smith@NHS.net' }, domain)).toBe('j.smith');
    expect(usernameFromClaims({ email: 'j.smith@evil-nhs.net' }, domain)).toBeUndefined();
    expect(usernameFromClaims({ email: 'j.smith@sub.nhs.net' }, domain)).toBeUndefined();
    expect(usernameFromClaims({ email: 'j.smith' }, domain)).toBeUndefined();
    expect(usernameFromClaims({ email: '@nhs.net' }, domain)).toBeUndefined();
    expect(usernameFromClaims({ email: 'a@b@nhs.net' }, domain)).toBeUndefined();
  });
});

describe('the second factor', () => {
  it('counts only when the provider says it checked more than a password (amr mfa or otp)', () => {
    expect(provesSecondFactor(['pwd', 'mfa'])).toBe(true);
    expect(provesSecondFactor(['otp'])).toBe(true);
    expect(provesSecondFactor(['pwd'])).toBe(false);
    expect(provesSecondFactor([])).toBe(false);
    expect(provesSecondFactor(undefined)).toBe(false);
    expect(provesSecondFactor('mfa')).toBe(false);
  });
});

describe('where to return after signing in', () => {
  it('keeps paths on this site and turns anything else into /', () => {
    expect(safeReturnPath('/patients/12?tab=history')).toBe('/patients/12?tab=history');
    expect(safeReturnPath(undefined)).toBe('/');
    for (const bad of ['//evil.example/', '/\\evil.example', 'https://evil.example/', 'patients', '/a b', `/${'x'.repeat(500)}`]) expect(safeReturnPath(bad), bad).toBe('/');
  });
});

describe('the provider', () => {
  const issuer = 'https://idp.example/realms/nhs';
  const doc = { issuer, authorization_endpoint: `${issuer}/auth`, token_endpoint: `${issuer}/token`, jwks_uri: `${issuer}/certs` };
  const reason = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e instanceof OidcFailure ? e.reason : 'other';
    }
    return 'none';
  };

  it('finds the discovery document beside the issuer, with or without a trailing slash', () => {
    expect(discoveryUrl(issuer)).toBe(`${issuer}/.well-known/openid-configuration`);
    expect(discoveryUrl('https://tenant.example/')).toBe('https://tenant.example/.well-known/openid-configuration');
  });

  it('accepts a discovery document only for the configured issuer, with secure endpoints and PKCE S256', () => {
    expect(readDiscovery(doc, issuer)).toEqual({ authorizationEndpoint: doc.authorization_endpoint, tokenEndpoint: doc.token_endpoint, jwksUri: doc.jwks_uri, tokenAuth: 'client_secret_basic', endSessionEndpoint: null });
    expect(reason(() => readDiscovery({ ...doc, issuer: `${issuer}/` }, issuer))).toBe('discovery_issuer_mismatch');
    expect(reason(() => readDiscovery({ ...doc, token_endpoint: 'http://idp.example/token' }, issuer))).toBe('discovery_token_endpoint_missing_or_insecure');
    expect(reason(() => readDiscovery({ ...doc, jwks_uri: undefined }, issuer))).toBe('discovery_jwks_uri_missing_or_insecure');
    expect(reason(() => readDiscovery({ ...doc, code_challenge_methods_supported: ['plain'] }, issuer))).toBe('discovery_no_pkce_s256');
    expect(reason(() => readDiscovery('<html>', issuer))).toBe('discovery_not_json');
    expect(readDiscovery({ ...doc, token_endpoint_auth_methods_supported: ['client_secret_post'] }, issuer).tokenAuth).toBe('client_secret_post');
    // Signing out at the provider is optional, and only ever over a secure address.
    expect(readDiscovery({ ...doc, end_session_endpoint: 'https://idp.example/logout' }, issuer).endSessionEndpoint).toBe('https://idp.example/logout');
    expect(readDiscovery({ ...doc, end_session_endpoint: 'http://idp.example/logout' }, issuer).endSessionEndpoint).toBeNull();
  });

  it('signs out at the provider naming this client, coming back to the sign-in page', () => {
    const url = new URL(signOutUrl('https://idp.example/logout?tenant=nhs', { clientId: 'securepath', redirectUri: 'https://securepath.example.nhs.uk/api/auth/oidc/callback' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://idp.example/logout');
    expect(Object.fromEntries(url.searchParams)).toEqual({ tenant: 'nhs', client_id: 'securepath', post_logout_redirect_uri: 'https://securepath.example.nhs.uk/login' });
  });

  it('allows plain http only on this machine’s loopback', () => {
    expect(isSecureAddress('https://idp.example/x')).toBe(true);
    expect(isSecureAddress('http://127.0.0.1:5000/x')).toBe(true);
    expect(isSecureAddress('http://localhost/x')).toBe(true);
    expect(isSecureAddress('http://idp.example/x')).toBe(false);
    expect(isSecureAddress('http://127.0.0.1.evil.example/x')).toBe(false);
    expect(isSecureAddress('not a url')).toBe(false);
  });

  it('authenticates the token request with HTTP Basic when there is a secret, and sends the code verifier', () => {
    const settings = { clientId: 'secure path', clientSecret: 'p@ss:word', redirectUri: 'https://sp.example/api/auth/oidc/callback' };
    const basic = tokenRequest({ tokenAuth: 'client_secret_basic' }, settings, { code: 'abc', codeVerifier: 'v' });
    expect(basic.headers.authorization).toBe(`Basic ${Buffer.from('secure+path:p%40ss%3Aword').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(basic.body))).toEqual({ grant_type: 'authorization_code', code: 'abc', redirect_uri: settings.redirectUri, code_verifier: 'v', client_id: 'secure path' });
    const post = tokenRequest({ tokenAuth: 'client_secret_post' }, settings, { code: 'abc', codeVerifier: 'v' });
    expect(post.headers.authorization).toBeUndefined();
    expect(new URLSearchParams(post.body).get('client_secret')).toBe('p@ss:word');
    const publicClient = tokenRequest({ tokenAuth: 'client_secret_basic' }, { ...settings, clientSecret: undefined }, { code: 'abc', codeVerifier: 'v' });
    expect(publicClient.headers.authorization).toBeUndefined();
    expect(new URLSearchParams(publicClient.body).get('client_secret')).toBeNull();
  });

  it('logs only a provider error code made of plain letters', () => {
    expect(providerErrorCode('access_denied')).toBe('access_denied');
    expect(providerErrorCode('<script>alert(1)</script>')).toBe('other');
  });
});
