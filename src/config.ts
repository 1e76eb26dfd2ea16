// Environment → typed configuration, validated once at start so a bad setting fails loudly, not later.

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; when absent the embedded server is started in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPort: number;
  /**
   * Whether starting brings the schema up to date, as the login user, who must then own it. Off, the
   * login user need only be able to act as the application's role, and the owner runs
   * `securepath migrate` before each upgrade: the server then holds no credentials that could rewrite
   * the audit trail.
   */
  migrate: boolean;
  /** Demo mode seeds the synthetic nation on first start and creates one account per role. */
  demo: boolean;
  demoPassword: string;
  secureCookies: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  logLevel: string;
  /** Sign-in attempts allowed per address per minute (besides the per-account lockout). */
  loginRateLimitPerMinute: number;
  /** Largest request body accepted, bytes (CSV imports are the largest legitimate bodies). */
  bodyLimit: number;
  /** Sign-in through an OpenID Connect identity provider; null (the default) turns it off. */
  oidc: OidcSettings | null;
}

/** How SecurePath signs people in through an identity provider (docs/configuration.md). */
export interface OidcSettings {
  /** The provider's issuer identifier, exactly as its discovery document and ID tokens give it. */
  issuer: string;
  clientId: string;
  /** Absent for a public client, which relies on PKCE alone. */
  clientSecret: string | undefined;
  /** SecurePath's callback, as registered with the provider: https://…/api/auth/oidc/callback. */
  redirectUri: string;
  /** What the sign-in button says: "Sign in with <name>". */
  name: string;
  /** The ID token claim whose value is the SecurePath user name. */
  usernameClaim: string;
  /** When set, the claim must end in @this domain, and the part before it is the user name. */
  usernameDomain: string | undefined;
}

export const OIDC_CALLBACK_PATH = '/api/auth/oidc/callback';
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** An https address; plain http only on this machine's loopback (a test identity provider). */
function webAddress(name: string, raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Setting ${name} must be a full web address (https://…); got "${raw}"`);
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
    throw new Error(`Setting ${name} must be an https:// address (http:// only for localhost); got "${raw}"`);
  }
  if (url.hash || raw.includes('#')) throw new Error(`Setting ${name} must not have a #fragment; got "${raw}"`);
  return url;
}

/**
 * The SECUREPATH_OIDC_* settings: all unset turns OpenID Connect off; set in part, the server will not
 * start and says which are missing.
 */
export function oidcSettings(env: Record<string, string | undefined> = process.env): OidcSettings | null {
  const get = (key: string) => {
    const v = env[`SECUREPATH_OIDC_${key}`]?.trim();
    return v === '' ? undefined : v;
  };
  const keys = ['ISSUER', 'CLIENT_ID', 'CLIENT_SECRET', 'REDIRECT_URI', 'NAME', 'USERNAME_CLAIM', 'USERNAME_DOMAIN'];
  if (keys.every((k) => get(k) === undefined)) return null;
  const issuer = get('ISSUER');
  const clientId = get('CLIENT_ID');
  const redirectUri = get('REDIRECT_URI');
  const missing = (
    [
      ['ISSUER', issuer],
      ['CLIENT_ID', clientId],
      ['REDIRECT_URI', redirectUri],
    ] as const
  )
    .filter(([, v]) => v === undefined)
    .map(([k]) => `SECUREPATH_OIDC_${k}`);
  if (missing.length > 0 || issuer === undefined || clientId === undefined || redirectUri === undefined) {
    throw new Error(`OpenID Connect sign-in is only partly configured: set ${missing.join(' and ')} too, or unset every SECUREPATH_OIDC_* setting to turn it off.`);
  }
  const issuerUrl = webAddress('SECUREPATH_OIDC_ISSUER', issuer);
  if (issuerUrl.search) throw new Error(`Setting SECUREPATH_OIDC_ISSUER must not have a ?query; got "${issuer}"`);
  const redirect = webAddress('SECUREPATH_OIDC_REDIRECT_URI', redirectUri);
  if (redirect.pathname !== OIDC_CALLBACK_PATH || redirect.search) {
    throw new Error(`Setting SECUREPATH_OIDC_REDIRECT_URI must be SecurePath's own address followed by ${OIDC_CALLBACK_PATH}; got "${redirectUri}"`);
  }
  const usernameClaim = get('USERNAME_CLAIM') ?? 'preferred_username';
  if (!/^[A-Za-z0-9_.:-]{1,100}$/.test(usernameClaim)) {
    throw new Error(`Setting SECUREPATH_OIDC_USERNAME_CLAIM must be a claim name such as preferred_username or email; got "${usernameClaim}"`);
  }
  const domain = get('USERNAME_DOMAIN')?.replace(/^@/, '').toLowerCase();
  if (domain !== undefined && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/.test(domain)) {
    throw new Error(`Setting SECUREPATH_OIDC_USERNAME_DOMAIN must be one mail domain such as nhs.net; got "${domain}"`);
  }
  const name = get('NAME') ?? 'single sign-on';
  if (name.length > 60) throw new Error(`Setting SECUREPATH_OIDC_NAME must be at most 60 characters; got "${name}"`);
  return { issuer, clientId, clientSecret: get('CLIENT_SECRET'), redirectUri, name, usernameClaim, usernameDomain: domain };
}

export function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`Setting ${name} must be a whole number from ${min} to ${max}; got "${raw}"`);
  }
  return n;
}

function bool(name: string, fallback: boolean): boolean {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new Error(`Setting ${name} must be true or false; got "${raw}"`);
}

export function loadConfig(): Config {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  const production = process.env.NODE_ENV === 'production';
  return {
    port: intSetting('PORT', 3000, 1, 65535),
    host: process.env.HOST || '0.0.0.0',
    databaseUrl,
    dataDir: process.env.SECUREPATH_DATA_DIR || './data',
    embeddedPort: intSetting('SECUREPATH_EMBEDDED_PG_PORT', 54329, 1024, 65535),
    migrate: bool('SECUREPATH_MIGRATE', true),
    // Demo mode is the default only on the embedded database: a real deployment opts in explicitly.
    demo: bool('SECUREPATH_DEMO', databaseUrl === undefined),
    demoPassword: process.env.SECUREPATH_DEMO_PASSWORD || 'demo',
    secureCookies: bool('SECUREPATH_SECURE_COOKIES', production),
    sessionIdleMinutes: intSetting('SECUREPATH_SESSION_IDLE_MINUTES', 15, 1, 24 * 60),
    sessionAbsoluteHours: intSetting('SECUREPATH_SESSION_ABSOLUTE_HOURS', 12, 1, 7 * 24),
    logLevel: process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
    loginRateLimitPerMinute: intSetting('SECUREPATH_LOGIN_RATE_LIMIT_PER_MINUTE', 20, 1, 100000),
    bodyLimit: intSetting('SECUREPATH_BODY_LIMIT', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    oidc: oidcSettings(),
  };
}
