import { sql } from 'kysely';
import type { DbOrTx } from '../db/connection.js';
import type { ScopeLevel } from './users.rules.js';
import type { UserStatus } from './users.schema.js';

// SQL of user administration. The password hash is written here and never selected.

const USER_COLUMNS = ['u.id', 'u.username', 'u.display_name', 'u.roles', 'u.active', 'u.failed_logins', 'u.locked_until', 'u.last_sign_in_at', 'u.totp_enabled_at', 'u.oidc_linked_at', 'u.password_must_change', 'u.created_at', 'u.version'] as const;

export interface UserFilter {
  q?: string;
  role?: string;
  status: UserStatus;
  limit: number;
  offset: number;
  now: Date;
}

const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** One page of users matching the filter, with the number matching in all. */
export function selectUsers(db: DbOrTx, f: UserFilter) {
  let query = db.selectFrom('app_user as u').select([...USER_COLUMNS, sql<string>`count(*) OVER ()`.as('total')]);
  if (f.q) {
    const pattern = likePattern(f.q);
    query = query.where((eb) => eb.or([eb('u.username', 'ilike', pattern), eb('u.display_name', 'ilike', pattern)]));
  }
  if (f.role) query = query.where(sql<boolean>`${f.role} = ANY (u.roles)`);
  if (f.status === 'active') query = query.where('u.active', '=', true);
  if (f.status === 'deactivated') query = query.where('u.active', '=', false);
  if (f.status === 'locked') query = query.where('u.locked_until', '>', f.now);
  return query.orderBy('u.username').limit(f.limit).offset(f.offset).execute();
}

export type UserRow = NonNullable<Awaited<ReturnType<typeof selectUser>>>;

/** One user; with `forUpdate`, locked until the transaction ends, so changes to it queue. */
export function selectUser(db: DbOrTx, id: number, forUpdate = false) {
  const query = db.selectFrom('app_user as u').select(USER_COLUMNS).where('u.id', '=', id);
  return (forUpdate ? query.forUpdate() : query).executeTakeFirst();
}

export async function selectUserId(db: DbOrTx, username: string): Promise<number | undefined> {
  return (await db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst())?.id;
}

export interface ScopeRow {
  user_id: number;
  role: string;
  level: ScopeLevel;
  ref_id: number;
  name: string | null;
  within: string | null;
  retired: boolean;
}

/** The scopes of these users with the name of each place and what it lies in. */
export async function selectScopes(db: DbOrTx, userIds: readonly number[]): Promise<ScopeRow[]> {
  if (userIds.length === 0) return [];
  const { rows } = await sql<ScopeRow>`
    SELECT s.user_id, s.role, s.level, s.ref_id,
      coalesce(w.name, un.name, o.name, r.name, n.name) AS name,
      coalesce(wu.name, uo.name, orr.name, rn.name) AS within,
      coalesce(w.retired_at, un.retired_at, o.retired_at) IS NOT NULL AS retired
    FROM user_scope s
      LEFT JOIN ward w ON s.level = 'ward' AND w.id = s.ref_id
      LEFT JOIN unit wu ON wu.id = w.unit_id
      LEFT JOIN unit un ON s.level = 'unit' AND un.id = s.ref_id
      LEFT JOIN organisation uo ON uo.id = un.organisation_id
      LEFT JOIN organisation o ON s.level = 'organisation' AND o.id = s.ref_id
      LEFT JOIN region orr ON orr.id = o.region_id
      LEFT JOIN region r ON s.level = 'region' AND r.id = s.ref_id
      LEFT JOIN nation rn ON rn.id = r.nation_id
      LEFT JOIN nation n ON s.level = 'nation' AND n.id = s.ref_id
    WHERE s.user_id IN (${sql.join(userIds)})`.execute(db);
  return rows;
}

const PLACE_TABLES: Record<ScopeLevel, 'ward' | 'unit' | 'organisation' | 'region' | 'nation'> = {
  ward: 'ward',
  unit: 'unit',
  organisation: 'organisation',
  region: 'region',
  nation: 'nation',
};

/** The places of one level among these ids, with their names and whether they are retired. */
export async function selectPlaces(db: DbOrTx, level: ScopeLevel, ids: readonly number[]): Promise<{ id: number; name: string; retired: boolean }[]> {
  if (ids.length === 0) return [];
  const table = sql.table(PLACE_TABLES[level]);
  const retired = level === 'region' || level === 'nation' ? sql<boolean>`false` : sql<boolean>`retired_at IS NOT NULL`;
  const { rows } = await sql<{ id: number; name: string; retired: boolean }>`SELECT id, name, ${retired} AS retired FROM ${table} WHERE id IN (${sql.join(ids)})`.execute(db);
  return rows;
}

export async function insertUser(db: DbOrTx, u: { username: string; displayName: string; passwordHash: string; roles: string[] }): Promise<number> {
  const { id } = await db
    .insertInto('app_user')
    // The first password is the administrator's: the user chooses their own at first sign-in.
    .values({ username: u.username, display_name: u.displayName, password_hash: u.passwordHash, roles: u.roles, password_must_change: true })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface UserChange {
  display_name?: string;
  roles?: string[];
  active?: boolean;
  password_hash?: string;
  failed_logins?: number;
  locked_until?: null;
  totp_secret?: null;
  totp_enabled_at?: null;
  totp_last_step?: null;
  oidc_issuer?: null;
  oidc_subject?: null;
  oidc_linked_at?: null;
  password_must_change?: boolean;
}

/** Applies a change and moves the version on. */
export async function updateUser(db: DbOrTx, id: number, change: UserChange) {
  await db
    .updateTable('app_user')
    .set({ ...change, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** Replaces every scope of a user with these. */
export async function replaceScopes(db: DbOrTx, userId: number, scopes: readonly { role: string; level: ScopeLevel; refId: number }[]) {
  await db.deleteFrom('user_scope').where('user_id', '=', userId).execute();
  if (scopes.length > 0) {
    await db
      .insertInto('user_scope')
      .values(scopes.map((s) => ({ user_id: userId, role: s.role, level: s.level, ref_id: s.refId })))
      .execute();
  }
}
