import { Kysely, PostgresDialect, type Transaction } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

// Calendar dates stay strings (a date of birth has no time zone); bigint counts come back as numbers
// only where SQL casts them, so nothing silently loses precision.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Repos take either the pool or a transaction as their first argument. */
export type DbOrTx = Db | Tx;

export function createDb(connectionString: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString, max, application_name: 'securepath' });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
