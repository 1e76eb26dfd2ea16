import { sql } from 'kysely';
import type { DbOrTx } from '../db/connection.js';

export function findUserByUsername(db: DbOrTx, username: string) {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function recordFailedLogin(db: DbOrTx, userId: number, maxFailures: number, lockMinutes: number) {
  await db
    .updateTable('app_user')
    .set({
      failed_logins: sql`failed_logins + 1`,
      locked_until: sql`CASE WHEN failed_logins + 1 >= ${maxFailures} THEN now() + make_interval(mins => ${lockMinutes}) ELSE locked_until END`,
    })
    .where('id', '=', userId)
    .execute();
}

export async function clearFailedLogins(db: DbOrTx, userId: number) {
  await db.updateTable('app_user').set({ failed_logins: 0, locked_until: null }).where('id', '=', userId).execute();
}

export async function insertSession(
  db: DbOrTx,
  s: { id: string; userId: number; role: string; csrfToken: string; absoluteHours: number },
) {
  await db
    .insertInto('user_session')
    .values({
      id: s.id,
      user_id: s.userId,
      active_role: s.role,
      csrf_token: s.csrfToken,
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
