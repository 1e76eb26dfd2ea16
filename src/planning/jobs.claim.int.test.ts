import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, createUsers } from '../../test/support/test-app.js';
import type { Db } from '../db/connection.js';
import { claimNext, insertJob } from './jobs.repo.js';

// Claiming a queued job races its owner cancelling it: cancelling does not take the claim lock. The
// race is forced here by holding the job's row while a claim is under way, and cancelling it then.

let db: Db;
let url: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ db, url, drop } = await createTestDatabase());
  await createUsers(db, ['regional-planner']);
});
afterAll(async () => {
  await db.destroy();
  await drop();
});

it('leaves a job its owner cancelled while it was being claimed cancelled, and claims nothing', async () => {
  const { id: ownerId } = await db.selectFrom('app_user').select('id').where('username', '=', 'regional-planner').executeTakeFirstOrThrow();
  const id = (await insertJob(db, { ownerId, kind: 'simulation', scenarioName: 'raced', request: {}, replicationsTotal: 10 }, 5))!;
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    await owner.query('BEGIN');
    await owner.query('SELECT 1 FROM planning_job WHERE id = $1 FOR UPDATE', [id]);
    const claim = claimNext(db, 'runner-under-test', 5);
    // The claim has seen the job queued and now waits for its row.
    await expect.poll(async () => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted`.execute(db)).rows[0]!.n, { timeout: 10_000 }).toBeGreaterThan(0);
    await owner.query("UPDATE planning_job SET status = 'cancelled', finished_at = now() WHERE id = $1", [id]);
    await owner.query('COMMIT');
    expect(await claim).toBeUndefined();
  } finally {
    await owner.end();
  }
  expect(await db.selectFrom('planning_job').select(['status', 'runner']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ status: 'cancelled', runner: null });
});
