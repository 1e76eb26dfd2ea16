import { createHash } from 'node:crypto';
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
  pool.on('connect', preparingStatements);
  // An idle pooled connection the server ends (a restart, a failover, a database dropped) is an
  // 'error' event on the pool; with no listener Node would end the whole process. The pool has
  // already discarded that connection and opens a new one when next needed, so there is nothing
  // more to do; a query running on a connection still fails, and its request with it.
  pool.on('error', () => undefined);
  // The same for a connection a request holds between two statements of its transaction (the pool
  // listens only while the connection is idle in it): PostgreSQL ending it there (an idle-transaction
  // limit, an operator, a restart) must fail that request, through its next statement, not end the
  // server. The connection is then unusable, and the pool drops it when it comes back.
  pool.on('connect', (client) => void client.on('error', () => undefined));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Begin a query with this to have it planned on every call: a report over a date range chosen per
 * request, whose best plan depends on the range.
 */
export const PLAN_EACH_TIME = '/* planned each time */';

/**
 * Statements with more parameters than this (bulk inserts while seeding, lists of many ids) are one-offs
 * not worth keeping prepared; nor are very long texts. The audited record read, the hottest statement,
 * is about 4,200 characters with 4 parameters (its batch of reads travels as one).
 */
const PREPARED_MAX_PARAMETERS = 100;
const PREPARED_MAX_TEXT = 16_000;
/** Prepared statements kept per connection; past this, new texts run unnamed (as pgx caps its cache). */
const PREPARED_PER_CONNECTION = 500;

/**
 * Every parameterised query the application sends is a prepared statement, named by its text, on
 * each pooled connection. PostgreSQL then parses and plans it once per connection instead of on every
 * request: the relationship check behind every patient read plans in about 2.5 ms and runs in 0.1.
 * Queries without parameters (migrations, SET ROLE, BEGIN) stay on the simple protocol.
 */
function preparingStatements(client: pg.PoolClient) {
  // Text → statement name, so the name is hashed once per text and connection, not on every call.
  const names = new Map<string, string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as { query: unknown }).query = (...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text !== 'string' || !Array.isArray(values) || values.length === 0 || values.length > PREPARED_MAX_PARAMETERS || text.length > PREPARED_MAX_TEXT || text.startsWith(PLAN_EACH_TIME)) {
      return query(...args);
    }
    let name = names.get(text);
    if (name === undefined) {
      if (names.size >= PREPARED_PER_CONNECTION) return query(...args);
      name = `sp_${createHash('sha1').update(text).digest('base64url')}`;
      names.set(text, name);
    }
    return query({ name, text, values }, ...args.slice(2));
  };
}

/** Whether the login user may act as `role` (a superuser may; otherwise it must be granted). */
export async function canActAs(db: Db, role: string): Promise<boolean> {
  const { rows } = await sql<{ ok: boolean }>`SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ${role}) AND pg_has_role(current_user, ${role}, 'MEMBER') AS ok`
    .execute(db)
    .catch(() => ({ rows: [{ ok: false }] }));
  return rows[0]?.ok ?? false;
}
