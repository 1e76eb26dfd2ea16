// Environment → typed configuration, validated once at start so a bad setting fails loudly, not later.

export interface Config {
  port: number;
  host: string;
  /** External PostgreSQL; when absent the embedded server is started in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPort: number;
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
    // Demo mode is the default only on the embedded database: a real deployment opts in explicitly.
    demo: bool('SECUREPATH_DEMO', databaseUrl === undefined),
    demoPassword: process.env.SECUREPATH_DEMO_PASSWORD || 'demo',
    secureCookies: bool('SECUREPATH_SECURE_COOKIES', production),
    sessionIdleMinutes: intSetting('SECUREPATH_SESSION_IDLE_MINUTES', 15, 1, 24 * 60),
    sessionAbsoluteHours: intSetting('SECUREPATH_SESSION_ABSOLUTE_HOURS', 12, 1, 7 * 24),
    logLevel: process.env.LOG_LEVEL || (process.env.NODE_ENV === 'test' ? 'silent' : 'info'),
    loginRateLimitPerMinute: intSetting('SECUREPATH_LOGIN_RATE_LIMIT_PER_MINUTE', 20, 1, 100000),
    bodyLimit: intSetting('SECUREPATH_BODY_LIMIT', 5 * 1024 * 1024, 1024, 100 * 1024 * 1024),
  };
}
