import { sql } from 'kysely';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../../src/app.js';
import { hashPassword } from '../../src/auth/password.js';
import { newTotpSecret, totpCode } from '../../src/auth/totp.js';
import { SECOND_FACTOR_PERMISSIONS } from '../../src/http/policy.js';
import type { Clock } from '../../src/clock.js';
import type { Caller } from '../../src/http/caller.js';
import { loadConfig, type Config } from '../../src/config.js';
import { APP_ROLE, createDb, type Db } from '../../src/db/connection.js';
import { ROLES, type Role } from '../../src/shared/vocabulary.js';
import { TEMPLATE } from './database.global.js';

export const TEST_PASSWORD = 'correct horse battery';

/** The URL of a test's database as its owner (the migrating user), not the application's role. */
export async function ownerUrlOf(db: Db): Promise<string> {
  const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(db);
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/${rows[0]!.db}`;
  return url.toString();
}

/** Work on a new, plain session at `url` (no pool, nothing cached in it yet), always closed after. */
export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A caller acting in the account's own role, for calling services and repos without HTTP. */
export async function callerFor(db: Db, username: Role, requestId = `test-${username}`): Promise<Caller> {
  const { id } = await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow();
  return { userId: id, username, displayName: username, roles: [username], role: username, permissions: [], sessionId: 's', csrfToken: 'c', totpEnrolled: false, secondFactorAt: null, scope: `scope of ${username}`, requestId };
}

/** A fresh database cloned from the migrated template, owned by one test file. */
export async function createTestDatabase(): Promise<{ url: string; db: Db; drop: () => Promise<void> }> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `securepath_t_${randomBytes(6).toString('hex')}`;
  await withClient(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = createDb(url.toString(), 5, APP_ROLE);
  return {
    url: url.toString(),
    db,
    drop: async () => {
      await db.destroy();
      await withClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

let passwordHash: Promise<string> | undefined;

/** One account per role, user name = role slug, all with TEST_PASSWORD. */
export async function createUsers(db: Db, roles: readonly Role[] = ROLES) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;
  await db
    .insertInto('app_user')
    .values(roles.map((r) => ({ username: r, display_name: `Test ${r}`, password_hash: hash, roles: [r] })))
    .onConflict((oc) => oc.column('username').doNothing())
    .execute();
}

export interface Client {
  csrf: string;
  cookie: string;
  request(method: InjectOptions['method'], url: string, body?: unknown, headers?: Record<string, string>): Promise<Awaited<ReturnType<FastifyInstance['inject']>>>;
  get(url: string): ReturnType<Client['request']>;
  post(url: string, body?: unknown, headers?: Record<string, string>): ReturnType<Client['request']>;
  patch(url: string, body: unknown, headers?: Record<string, string>): ReturnType<Client['request']>;
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  as(role: Role): Promise<Client>;
  /** Signs in any account (password TEST_PASSWORD), e.g. one a test made for its fixtures. */
  asUser(username: string): Promise<Client>;
  /**
   * The current code from the account's authenticator, setting one up if it has none. Codes are
   * single-use; tests ask faster than every 30 seconds, so the last step used is forgotten first.
   */
  totpCode(username: string): Promise<string>;
  close(): Promise<void>;
}

export async function createTestApp(opts: { clock?: Clock; config?: Partial<Config>; logStream?: { write(line: string): void } } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  await createUsers(database.db);
  // Tests sign in far more often than a person would: the sign-in rate limit has its own test.
  const config: Config = { ...loadConfig(), logLevel: 'silent', demo: false, loginRateLimitPerMinute: 10_000, ...opts.config };
  const app = await buildApp({ db: database.db, config, clock: opts.clock, webDist: false, logStream: opts.logStream });
  await app.ready();
  const clients = new Map<string, Client>();
  const codeFor = async (username: string): Promise<string> => {
    const user = await database.db.selectFrom('app_user').select(['id', 'totp_secret', 'totp_enabled_at']).where('username', '=', username).executeTakeFirstOrThrow();
    const secret = user.totp_enabled_at && user.totp_secret ? user.totp_secret : newTotpSecret();
    await database.db.updateTable('app_user').set({ totp_secret: secret, totp_enabled_at: user.totp_enabled_at ?? new Date(), totp_last_step: null }).where('id', '=', user.id).execute();
    return totpCode(secret, new Date());
  };
  const asUser = async (username: string): Promise<Client> => {
    const existing = clients.get(username);
    if (existing) return existing;
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: TEST_PASSWORD } });
    if (res.statusCode !== 200) throw new Error(`login as ${username} failed: ${res.body}`);
    let cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    let csrf = (res.json() as { csrfToken: string }).csrfToken;
    const request: Client['request'] = (method, url, body, headers = {}) =>
      app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
        ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }),
      });
    const client: Client = {
      csrf,
      cookie,
      request,
      get: (url) => request('GET', url),
      post: (url, body, headers) => request('POST', url, body ?? {}, headers),
      patch: (url, body, headers) => request('PATCH', url, body, headers),
    };
    // Administrators prove a second factor before their permissions work, as a person would.
    const permissions = (res.json() as { permissions: string[] }).permissions;
    if (SECOND_FACTOR_PERMISSIONS.some((p) => permissions.includes(p))) {
      const proved = await client.post('/api/auth/second-factor', { code: await codeFor(username) });
      if (proved.statusCode !== 200) throw new Error(`second factor for ${username} failed: ${proved.body}`);
      // The session goes on under a new token and CSRF token.
      cookie = proved.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      csrf = (proved.json() as { csrfToken: string }).csrfToken;
      Object.assign(client, { cookie, csrf });
    }
    clients.set(username, client);
    return client;
  };
  return {
    app,
    db: database.db,
    config,
    as: (role) => asUser(role),
    asUser,
    totpCode: codeFor,
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
