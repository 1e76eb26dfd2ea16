import { sql } from 'kysely';
import type { ScopeLevel } from '../access/access.rules.js';
import type { DbOrTx } from '../db/connection.js';

export function findUserByUsername(db: DbOrTx, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}
export type UserRow = NonNullable<Awaited<ReturnType<typeof findUserByUsername>>>;

/** The provider's identity for a person, as it names them for good (issuer + `sub`). */
export interface ProviderIdentity {
  issuer: string;
  subject: string;
}

/** The account bound to this identity at the provider, if any. */
export const findUserByProviderIdentity = (db: DbOrTx, id: ProviderIdentity) =>
  db.selectFrom('app_user').selectAll().where('oidc_issuer', '=', id.issuer).where('oidc_subject', '=', id.subject).executeTakeFirst();

/** Binds an account not yet bound to any identity; false if it was bound meanwhile. */
export async function bindProviderIdentity(db: DbOrTx, userId: number, id: ProviderIdentity): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({ oidc_issuer: id.issuer, oidc_subject: id.subject, oidc_linked_at: sql<Date>`now()` })
    .where('id', '=', userId)
    .where('oidc_subject', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows === 1n;
}

/**
 * Counts an attempt to prove who one is (a password, a code) as failed before it is checked, and
 * locks the account at the `maxFailures`th; false, counting nothing, if the account is locked. The
 * count and the check of the lock are one statement, so attempts made at once are let through no
 * more than `maxFailures` at a time: checked first and counted after, every attempt that read the
 * account before the fifth failure was saved was checked (argon2 takes tens of milliseconds; the
 * read, one). A right answer then clears the count (clearFailedLogins).
 */
export async function countAttempt(db: DbOrTx, userId: number, maxFailures: number, lockMinutes: number): Promise<boolean> {
  const counted = await db
    .updateTable('app_user')
    .set({
      failed_logins: sql`failed_logins + 1`,
      locked_until: sql`CASE WHEN failed_logins + 1 >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes}) ELSE locked_until END`,
    })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', sql<Date>`now()`)]))
    .executeTakeFirst();
  return counted.numUpdatedRows > 0n;
}

/**
 * As countAttempt, for a name with no active account: counted and locked alike (by a hash of the
 * name), so the answers to a name never say whether its account exists. Clears rows a day past their
 * last failure on the way.
 */
export async function countAttemptForName(db: DbOrTx, nameHash: string, maxFailures: number, lockMinutes: number): Promise<boolean> {
  const { rows } = await sql<{ counted: boolean }>`
    WITH cleared AS (DELETE FROM sign_in_failure WHERE last_failed_at < now() - interval '1 day' AND name_hash <> ${nameHash}),
    counted AS (
      INSERT INTO sign_in_failure AS f (name_hash, failures, locked_until, last_failed_at)
      VALUES (${nameHash}, 1, CASE WHEN 1 >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes}) END, now())
      ON CONFLICT (name_hash) DO UPDATE SET
        failures = f.failures + 1,
        locked_until = CASE WHEN f.failures + 1 >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes}) ELSE f.locked_until END,
        last_failed_at = now()
      WHERE f.locked_until IS NULL OR f.locked_until <= now()
      RETURNING 1
    )
    SELECT EXISTS (SELECT 1 FROM counted) AS counted`.execute(db);
  return rows[0]?.counted ?? false;
}

export async function clearFailedLogins(db: DbOrTx, userId: number) {
  await db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

/** How a session was opened (migration 0011). */
export type SignedInWith = 'password' | 'identity_provider';

export async function insertSession(
  db: DbOrTx,
  s: { id: string; userId: number; role: string; csrfToken: string; absoluteHours: number; via: SignedInWith },
) {
  await db
    .insertInto('user_session')
    .values({
      id: s.id,
      user_id: s.userId,
      active_role: s.role,
      csrf_token: s.csrfToken,
      signed_in_with: s.via,
      created_at: sql<Date>`now()`,
      last_seen_at: sql<Date>`now()`,
      expires_at: sql<Date>`now() + make_interval(hours => ${s.absoluteHours})`,
    })
    .execute();
}

/** The live session with its user, or nothing if expired (absolute) or idle too long. */
export function findLiveSession(db: DbOrTx, id: string, idleMinutes: number) {
  return db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.active_role',
      's.csrf_token',
      'u.id as user_id',
      'u.username',
      'u.display_name',
      'u.roles',
      's.second_factor_at',
      // Where the active role reaches, as [level, id] pairs: for the audit trail ("ward 12, unit 3")
      // and for what the web app offers.
      sql<[ScopeLevel, number][] | null>`(SELECT json_agg(json_build_array(us.level, us.ref_id) ORDER BY us.level, us.ref_id) FROM user_scope us WHERE us.user_id = u.id AND us.role = s.active_role)`.as('scopes'),
      sql<boolean>`u.totp_enabled_at IS NOT NULL`.as('totp_enrolled'),
      sql<boolean>`u.password_must_change AND s.signed_in_with = 'password'`.as('password_must_change'),
      sql<SignedInWith>`s.signed_in_with`.as('signed_in_with'),
      sql<boolean>`s.last_seen_at < now() - interval '60 seconds'`.as('stale_touch'),
    ])
    .where('s.id', '=', id)
    .where('u.active', '=', true)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('s.last_seen_at', '>', sql<Date>`now() - make_interval(mins => ${idleMinutes})`)
    .executeTakeFirst();
}

export async function touchSession(db: DbOrTx, id: string) {
  await db.updateTable('user_session').set({ last_seen_at: sql<Date>`now()` }).where('id', '=', id).execute();
}

/** The user's own new password: it clears the demand to choose one, and any failed sign-ins. */
export async function setOwnPassword(db: DbOrTx, userId: number, passwordHash: string) {
  await db.updateTable('app_user').set({ password_hash: passwordHash, password_must_change: false, failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

/** Ends every session of the user, or every one but `keep`; how many ended. */
export async function deleteSessions(db: DbOrTx, userId: number, keep?: string): Promise<number> {
  let q = db.deleteFrom('user_session').where('user_id', '=', userId);
  if (keep !== undefined) q = q.where('id', '<>', keep);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

export const selectPasswordState = (db: DbOrTx, userId: number) =>
  db.selectFrom('app_user').select(['password_hash']).where('id', '=', userId).executeTakeFirstOrThrow();

export async function deleteSession(db: DbOrTx, id: string) {
  await db.deleteFrom('user_session').where('id', '=', id).execute();
}

export async function upsertUser(
  db: DbOrTx,
  u: { username: string; displayName: string; passwordHash: string; roles: string[] },
) {
  await db
    .insertInto('app_user')
    .values({ username: u.username, display_name: u.displayName, password_hash: u.passwordHash, roles: u.roles })
    .onConflict((oc) =>
      oc.column('username').doUpdateSet({ display_name: u.displayName, password_hash: u.passwordHash, roles: u.roles }),
    )
    .execute();
}

export async function setActiveRole(db: DbOrTx, sessionId: string, role: string) {
  await db.updateTable('user_session').set({ active_role: role }).where('id', '=', sessionId).execute();
}

export const selectTotp = (db: DbOrTx, userId: number) =>
  db.selectFrom('app_user').select(['totp_secret', 'totp_enabled_at', 'totp_last_step']).where('id', '=', userId).executeTakeFirstOrThrow();

/** Keeps a new, unconfirmed secret; a confirmed one is never replaced here (an administrator resets it). */
export const setPendingTotp = (db: DbOrTx, userId: number, secret: string) =>
  db.updateTable('app_user').set({ totp_secret: secret, totp_last_step: null }).where('id', '=', userId).where('totp_enabled_at', 'is', null).executeTakeFirst();

/**
 * Accepts a code's time step: only if it is later than the last one used, so two requests racing
 * with the same code cannot both pass. Confirms a pending authenticator on first use.
 */
export const useTotpStep = (db: DbOrTx, userId: number, step: number) =>
  db
    .updateTable('app_user')
    .set({ totp_last_step: step, totp_enabled_at: sql<Date>`coalesce(totp_enabled_at, now())` })
    .where('id', '=', userId)
    .where(sql<boolean>`(totp_last_step IS NULL OR totp_last_step < ${step})`)
    .executeTakeFirst();

export const markSecondFactor = (db: DbOrTx, sessionId: string) =>
  db.updateTable('user_session').set({ second_factor_at: sql<Date>`now()` }).where('id', '=', sessionId).execute();

/**
 * The session goes on under a new token and CSRF token, having proved the second factor; the old
 * token opens nothing. Everything else (role, when it began and must end) stays. False if the
 * session ended meanwhile.
 */
export async function renewProvedSession(db: DbOrTx, sessionId: string, next: { id: string; csrfToken: string }): Promise<boolean> {
  const renewed = await db.updateTable('user_session').set({ id: next.id, csrf_token: next.csrfToken, second_factor_at: sql<Date>`now()` }).where('id', '=', sessionId).executeTakeFirst();
  return renewed.numUpdatedRows > 0n;
}

/**
 * A sign-in started at the identity provider: kept under the hash of its state for `minutes`, in the
 * database so that any app server can finish it. Expired ones are cleared on the way in.
 */
export async function insertOidcLogin(db: DbOrTx, l: { id: string; nonce: string; codeVerifier: string; returnTo: string; minutes: number }) {
  await db.deleteFrom('oidc_login').where('created_at', '<', sql<Date>`now() - make_interval(mins => ${l.minutes})`).execute();
  await db.insertInto('oidc_login').values({ id: l.id, nonce: l.nonce, code_verifier: l.codeVerifier, return_to: l.returnTo }).execute();
}

/** Takes a started sign-in if it is still fresh: once only, so a replayed callback finds nothing. */
export const takeOidcLogin = (db: DbOrTx, id: string, minutes: number) =>
  db
    .deleteFrom('oidc_login')
    .where('id', '=', id)
    .where('created_at', '>', sql<Date>`now() - make_interval(mins => ${minutes})`)
    .returning(['nonce', 'code_verifier', 'return_to'])
    .executeTakeFirst();
