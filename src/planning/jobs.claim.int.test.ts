import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, createUsers, withClient } from '../../test/support/test-app.js';
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

it('leaves a job its owner cancelled while it was being claimed cancelled, and claims the next one instead', async () => {
  const { id: ownerId } = await db.selectFrom('app_user').select('id').where('username', '=', 'regional-planner').executeTakeFirstOrThrow();
  const job = (scenarioName: string) => insertJob(db, { ownerId, kind: 'simulation', scenarioName, request: {}, replicationsTotal: 10 }, 5);
  const raced = (await job('raced'))!;
  const next = (await job('next in line'))!;
  await withClient(url, async (owner) => {
    const ownerPid = (await owner.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    await owner.query('BEGIN');
    await owner.query('SELECT 1 FROM planning_job WHERE id = $1 FOR UPDATE', [raced]);
    const claim = claimNext(db, 'runner-under-test', 5);
    // The claim has seen the job queued and now waits for its row, held by the owner's transaction.
    const waitingOnOwner = sql<{ n: number }>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE ${ownerPid} = ANY (pg_blocking_pids(pid))`;
    await expect.poll(async () => (await waitingOnOwner.execute(db)).rows[0]!.n, { timeout: 10_000 }).toBe(1);
    await owner.query("UPDATE planning_job SET status = 'cancelled', finished_at = now() WHERE id = $1", [raced]);
    await owner.query('COMMIT');
    expect(await claim).toMatchObject({ id: next });
  });
  const statuses = await db.selectFrom('planning_job').select(['id', 'status', 'runner']).orderBy('id').execute();
  expect(statuses).toEqual([
    { id: raced, status: 'cancelled', runner: null },
    { id: next, status: 'running', runner: 'runner-under-test' },
  ]);
});
