import { sql, type Kysely } from 'kysely';
import { APP_ROLE } from './connection.js';

/**
 * For a migration's new tables: the application's role may read and change their rows. It has them
 * already through default privileges where the user who ran migration 0002 runs this one; granted
 * explicitly for databases where another user ran 0002. Nothing happens where the role does not exist.
 */
export async function grantRowsToAppRole(db: Kysely<unknown>, tables: readonly string[]): Promise<void> {
  const names = sql.join(tables.map((t) => sql.id(t)));
  const { rows } = await sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${APP_ROLE}) AS ok`.execute(db);
  if (rows[0]?.ok) await sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ${names} TO ${sql.id(APP_ROLE)}`.execute(db);
}
