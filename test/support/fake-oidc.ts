import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';

// A small OpenID Connect identity provider on 127.0.0.1 for integration tests: discovery, a key set,
// an authorization endpoint that signs the person in at once and sends the browser straight back with
// a code, and a token endpoint that checks the client and the PKCE code verifier before handing out
// an ID token it signs (RS256). Tests say who the next sign-in is, and can spoil its ID token.

export interface NextSignIn {
  /** The preferred_username the ID token carries. */
  username: string;
  /** Claims set over the defaults (iss, aud, sub `sub-<username>`, nonce, iat, exp, preferred_username); undefined removes one. */
  claims?: Record<string, unknown>;
  /** Sign with a key the provider never published. */
  foreignKey?: boolean;
  /** Send the browser back with this error instead of a code (e.g. access_denied). */
  error?: string;
}

export interface FakeIdp {
  issuer: string;
  clientId: string;
  clientSecret: string | undefined;
  /** Who the next person through the authorization endpoint is. */
  next(signIn: NextSignIn): void;
  /** The parameters of the last authorization request. */
  lastAuthorization: URLSearchParams | undefined;
  /** The last token request: its form and Authorization header. */
  lastTokenRequest: { form: URLSearchParams; authorization: string | undefined } | undefined;
  /** The query of the last sign-out the provider was asked for (RP-initiated logout). */
  lastLogout: URLSearchParams | undefined;
  /** Why the token endpoint last refused (e.g. a code verifier that does not match). */
  lastRefusal: string | undefined;
  close(): Promise<void>;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string;
  signIn: NextSignIn;
}

const b64url = (b: Buffer) => b.toString('base64url');

export async function startFakeIdp(opts: { clientId: string; clientSecret?: string }): Promise<FakeIdp> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const foreign = await generateKeyPair('RS256');
  const kid = 'fake-1';
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const codes = new Map<string, IssuedCode>();
  let pending: NextSignIn | undefined;

  const send = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const idp: FakeIdp = {
    issuer: '',
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    next: (signIn) => {
      pending = signIn;
    },
    lastAuthorization: undefined,
    lastTokenRequest: undefined,
    lastLogout: undefined,
    lastRefusal: undefined,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  const refuse = (res: ServerResponse, why: string, error = 'invalid_grant', status = 400) => {
    idp.lastRefusal = why;
    send(res, status, { error, error_description: why });
  };

  async function token(req: IncomingMessage, res: ServerResponse) {
    const form = new URLSearchParams(await readBody(req));
    idp.lastTokenRequest = { form, authorization: req.headers.authorization };
    if (opts.clientSecret !== undefined) {
      const expected = `Basic ${Buffer.from(`${encodeURIComponent(opts.clientId)}:${encodeURIComponent(opts.clientSecret)}`).toString('base64')}`;
      if (req.headers.authorization !== expected) return refuse(res, 'client authentication failed', 'invalid_client', 401);
    } else if (req.headers.authorization !== undefined) return refuse(res, 'a public client sends no credentials', 'invalid_client', 401);
    if (form.get('grant_type') !== 'authorization_code') return refuse(res, 'grant_type', 'unsupported_grant_type');
    const code = form.get('code') ?? '';
    const issued = codes.get(code);
    codes.delete(code);
    if (!issued) return refuse(res, 'unknown or used code');
    if (form.get('client_id') !== issued.clientId || form.get('redirect_uri') !== issued.redirectUri) return refuse(res, 'client_id or redirect_uri differ');
    const verifier = form.get('code_verifier') ?? '';
    if (b64url(createHash('sha256').update(verifier, 'ascii').digest()) !== issued.codeChallenge) return refuse(res, 'code_verifier does not match the challenge');
    const now = Math.floor(Date.now() / 1000);
    const claims = Object.fromEntries(
      Object.entries({
        iss: idp.issuer,
        aud: issued.clientId,
        // The same person whatever spacing or case the test gives their name in.
        sub: `sub-${issued.signIn.username.trim().toLowerCase()}`,
        nonce: issued.nonce,
        iat: now,
        exp: now + 300,
        preferred_username: issued.signIn.username,
        ...issued.signIn.claims,
      }).filter(([, v]) => v !== undefined),
    );
    const idToken = await new SignJWT(claims as JWTPayload)
      .setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' })
      .sign(issued.signIn.foreignKey ? foreign.privateKey : privateKey);
    send(res, 200, { access_token: b64url(randomBytes(16)), token_type: 'Bearer', expires_in: 300, id_token: idToken });
  }

  function authorize(url: URL, res: ServerResponse) {
    const q = url.searchParams;
    idp.lastAuthorization = q;
    const redirectUri = q.get('redirect_uri') ?? '';
    if (q.get('client_id') !== opts.clientId || !redirectUri) return send(res, 400, { error: 'invalid_request' });
    const back = new URL(redirectUri);
    const state = q.get('state');
    if (state !== null) back.searchParams.set('state', state);
    back.searchParams.set('iss', idp.issuer);
    const signIn = pending;
    pending = undefined;
    if (!signIn || signIn.error) {
      back.searchParams.set('error', signIn?.error ?? 'login_required');
    } else if (q.get('response_type') !== 'code' || !q.get('scope')?.split(' ').includes('openid') || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge') || !q.get('nonce')) {
      back.searchParams.set('error', 'invalid_request');
    } else {
      const code = b64url(randomBytes(24));
      codes.set(code, { clientId: opts.clientId, redirectUri, codeChallenge: q.get('code_challenge') ?? '', nonce: q.get('nonce') ?? '', signIn });
      back.searchParams.set('code', code);
    }
    res.writeHead(302, { location: back.toString() });
    res.end();
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', idp.issuer);
    const route = `${req.method} ${url.pathname}`;
    if (route === 'GET /.well-known/openid-configuration') {
      return send(res, 200, {
        issuer: idp.issuer,
        authorization_endpoint: `${idp.issuer}/authorize`,
        token_endpoint: `${idp.issuer}/token`,
        jwks_uri: `${idp.issuer}/jwks`,
        end_session_endpoint: `${idp.issuer}/logout`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'none'],
      });
    }
    if (route === 'GET /jwks') return send(res, 200, { keys: [jwk] });
    if (route === 'GET /authorize') return authorize(url, res);
    if (route === 'GET /logout') {
      // The provider ends its own session, then sends the browser where the client asked.
      idp.lastLogout = url.searchParams;
      const back = url.searchParams.get('post_logout_redirect_uri');
      res.writeHead(back ? 302 : 200, back ? { location: back } : { 'content-type': 'text/plain' });
      res.end(back ? undefined : 'Signed out');
      return;
    }
    if (route === 'POST /token') {
      token(req, res).catch((e: unknown) => send(res, 500, { error: 'server_error', error_description: String(e) }));
      return;
    }
    send(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  idp.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return idp;
}
