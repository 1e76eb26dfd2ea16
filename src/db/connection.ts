import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// Calendar dates stay strings (a date of birth has no time zone); bigint counts come back as numbers
// only where SQL casts them, so nothing silently loses precision.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Repos take either the pool or a transaction as their first argument. */
export type DbOrTx = Db | Tx;

/** The least-privileged role the application acts as (it may insert audit events, never change them). */
export const APP_ROLE = 'securepath_app';

/**
 * A pool; with `role`, every connection acts as that role (SET ROLE), so the grants on it, not the
 * login user's, decide what the application may do.
 */
export function createDb(connectionString: string, max = 10, role?: string): Db {
  const pool = new pg.Pool({ connectionString, max, application_name: 'securepath' });
  if (role) {
    if (!/^[a-z_][a-z0-9_]*$/.test(role)) throw new Error(`Not a role name: ${role}`);
    pool.on('connect', (client) => void client.query(`SET ROLE ${role}`));
  }
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Whether the login user may act as `role` (a superuser may; otherwise it must be granted). */
export async function canActAs(db: Db, role: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${role}) AND pg_has_role(current_user, ${role}, 'MEMBER') AS ok`
    .execute(db)
    .catch(() => ({ rows: [{ ok: false }] }));
  return rows[0]?.ok ?? false;
}
