import { sql } from 'kysely';
import type { DbOrTx } from '../db/connection.js';

/** Holds same-key requests of one user in line until the first has committed. */
export async function lockKey(db: DbOrTx, userId: number, key: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`${userId}:${key}`}))`.execute(db);
}

export const findKey = (db: DbOrTx, userId: number, key: string) =>
  db.selectFrom('idempotency_key').select(['route', 'body_hash', 'status', 'response']).where('user_id', '=', userId).where('key', '=', key).executeTakeFirst();

export const saveKey = (db: DbOrTx, row: { user_id: number; key: string; route: string; body_hash: string; status: number; response: unknown }) =>
  db.insertInto('idempotency_key').values({ ...row, response: JSON.stringify(row.response) }).execute();
