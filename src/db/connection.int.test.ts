import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, withClient } from '../../test/support/test-app.js';
import type { Db } from './connection.js';

// The server ending a pooled connection (a restart, a failover, an operator, an idle-transaction
// limit) must not end the application: the pool drops that connection and the next query gets a new one.

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
});
afterAll(() => database.drop());

describe('pooled connections', () => {
  it('carries on after the server ends an idle connection', async () => {
    const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(db);
    await terminate(rows[0]!.pid);
    // Give the pool time to hear of it: an unheard 'error' would end this process here.
    await new Promise((r) => setTimeout(r, 200));
    const again = await sql<{ one: number }>`SELECT 1 AS one`.execute(db);
    expect(again.rows).toEqual([{ one: 1 }]);
  });

  it('fails only the transaction whose connection the server ended between two of its statements', async () => {
    // As the chain's idle limit does to a transaction left open while holding the audit lock.
    const outcome = await db
      .transaction()
      .execute(async (trx) => {
        const { rows } = await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx);
        await terminate(rows[0]!.pid);
        // Give the connection time to hear of it: an unheard 'error' would end this process here.
        await new Promise((r) => setTimeout(r, 200));
        await sql`SELECT 1`.execute(trx);
        return 'committed';
      })
      .catch(() => 'failed');
    expect(outcome).toBe('failed');
    const again = await sql<{ one: number }>`SELECT 1 AS one`.execute(db);
    expect(again.rows).toEqual([{ one: 1 }]);
  });
});

async function terminate(pid: number) {
  // Waits (up to 5 s) until the backend has gone, so the connection has heard of it in the sleep below.
  await withClient(inject('adminDatabaseUrl'), (admin) => admin.query('SELECT pg_terminate_backend($1, 5000)', [pid]));
}
