import { sql } from 'kysely';
import type { Db, DbOrTx } from '../db/connection.js';
import type { JobKind } from './jobs.schema.js';

// Planning jobs in PostgreSQL. Every query a user can reach is scoped by owner, so someone else's job
// is simply not found. Claiming work is serialised by an advisory lock, so the limit on running jobs
// holds across every app server.

const CLAIM_LOCK = sql`pg_advisory_xact_lock(hashtext('securepath.planning_job.claim'))`;

const SUMMARY = [
  'j.id',
  'j.kind',
  'j.status',
  'j.progress',
  'j.replications_done',
  'j.replications_total',
  'j.scenario_name',
  'j.created_at',
  'j.started_at',
  'j.finished_at',
  'j.error',
] as const;

/** Jobs queued before this one (null unless it is queued itself). */
const queuePosition = sql<number | null>`CASE WHEN j.status = 'queued' THEN (SELECT count(*)::int FROM planning_job q WHERE q.status = 'queued' AND q.id < j.id) END`.as('queue_position');

export function selectJobs(db: DbOrTx, ownerId: number, limit: number) {
  return db.selectFrom('planning_job as j').select([...SUMMARY, queuePosition]).where('j.owner_id', '=', ownerId).orderBy('j.id', 'desc').limit(limit).execute();
}
export type JobSummaryRow = Awaited<ReturnType<typeof selectJobs>>[number];

export function selectJob(db: DbOrTx, id: number, ownerId: number) {
  return db.selectFrom('planning_job as j').select([...SUMMARY, queuePosition, 'j.request', 'j.result']).where('j.id', '=', id).where('j.owner_id', '=', ownerId).executeTakeFirst();
}
export type JobRow = NonNullable<Awaited<ReturnType<typeof selectJob>>>;

/** Inserts a queued job unless the owner already has `maxActive` queued or running; null if refused. */
export async function insertJob(
  db: Db,
  job: { ownerId: number; kind: JobKind; scenarioName: string; request: unknown; replicationsTotal: number },
  maxActive: number,
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext('securepath.planning_job.owner'), ${job.ownerId})`.execute(trx);
    const { active } = await trx
      .selectFrom('planning_job')
      .select(sql<number>`count(*)::int`.as('active'))
      .where('owner_id', '=', job.ownerId)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirstOrThrow();
    if (active >= maxActive) return null;
    const row = await trx
      .insertInto('planning_job')
      .values({ owner_id: job.ownerId, kind: job.kind, scenario_name: job.scenarioName.slice(0, 200), request: JSON.stringify(job.request), replications_total: job.replicationsTotal })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
}

/** The oldest queued job, now running on `runner`, if fewer than `maxRunning` run anywhere. */
export async function claimNext(db: Db, runner: string, maxRunning: number) {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT ${CLAIM_LOCK}`.execute(trx);
    const { running } = await trx.selectFrom('planning_job').select(sql<number>`count(*)::int`.as('running')).where('status', '=', 'running').executeTakeFirstOrThrow();
    if (running >= maxRunning) return undefined;
    // Still queued when claimed: its owner may cancel it between the two statements (cancelling
    // does not take the claim lock), and a cancelled job must stay cancelled; then try the next.
    for (;;) {
      const next = await trx.selectFrom('planning_job').select('id').where('status', '=', 'queued').orderBy('id').limit(1).executeTakeFirst();
      if (!next) return undefined;
      const claimed = await trx
        .updateTable('planning_job')
        .set({ status: 'running', runner, started_at: sql`now()`, heartbeat_at: sql`now()` })
        .where('id', '=', next.id)
        .where('status', '=', 'queued')
        .returning(['id', 'kind', 'request', 'owner_id'])
        .executeTakeFirst();
      if (claimed) return claimed;
    }
  });
}

/** Records progress (and that the runner is alive); false if the job is no longer running here (cancelled). */
export async function recordProgress(db: DbOrTx, id: number, runner: string, done: number, total: number): Promise<boolean> {
  const row = await db
    .updateTable('planning_job')
    .set({ replications_done: Math.min(done, total), replications_total: total, progress: Math.min(1, done / total), heartbeat_at: sql`now()` })
    .where('id', '=', id)
    .where('runner', '=', runner)
    .where('status', '=', 'running')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

export async function heartbeat(db: DbOrTx, ids: number[], runner: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('planning_job').set({ heartbeat_at: sql`now()` }).where('id', 'in', ids).where('runner', '=', runner).where('status', '=', 'running').execute();
}

export async function finishJob(db: DbOrTx, id: number, runner: string, result: unknown): Promise<void> {
  await db
    .updateTable('planning_job')
    .set({ status: 'done', result: JSON.stringify(result), progress: 1, replications_done: sql`replications_total`, finished_at: sql`now()` })
    .where('id', '=', id)
    .where('runner', '=', runner)
    .where('status', '=', 'running')
    .execute();
}

export async function failJob(db: DbOrTx, id: number, runner: string, error: string): Promise<void> {
  await db
    .updateTable('planning_job')
    .set({ status: 'failed', error: error.slice(0, 2000), finished_at: sql`now()` })
    .where('id', '=', id)
    .where('runner', '=', runner)
    .where('status', '=', 'running')
    .execute();
}

/** Puts a job this server was running back in the queue (the server is shutting down). */
export async function requeueJob(db: DbOrTx, id: number, runner: string): Promise<void> {
  await db
    .updateTable('planning_job')
    .set({ status: 'queued', runner: null, heartbeat_at: null, started_at: null, progress: 0, replications_done: 0 })
    .where('id', '=', id)
    .where('runner', '=', runner)
    .where('status', '=', 'running')
    .execute();
}

/** Marks running jobs whose server has gone quiet as failed, so they do not hold a slot for ever. */
export async function failStale(db: DbOrTx, quietSeconds: number): Promise<number> {
  const rows = await db
    .updateTable('planning_job')
    .set({ status: 'failed', error: 'The server running this job stopped before it finished. Run it again.', finished_at: sql`now()` })
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', sql<Date>`now() - make_interval(secs => ${quietSeconds})`)
    .returning('id')
    .execute();
  return rows.length;
}

/** Cancels a queued or running job of the owner; the status it had, or undefined if none. */
export async function cancelJob(db: DbOrTx, id: number, ownerId: number): Promise<string | undefined> {
  const before = await db.selectFrom('planning_job').select('status').where('id', '=', id).where('owner_id', '=', ownerId).executeTakeFirst();
  if (!before) return undefined;
  await db
    .updateTable('planning_job')
    .set({ status: 'cancelled', finished_at: sql`now()` })
    .where('id', '=', id)
    .where('owner_id', '=', ownerId)
    .where('status', 'in', ['queued', 'running'])
    .execute();
  return before.status;
}

export async function deleteJob(db: DbOrTx, id: number, ownerId: number): Promise<void> {
  await db.deleteFrom('planning_job').where('id', '=', id).where('owner_id', '=', ownerId).where('status', 'in', ['done', 'failed', 'cancelled']).execute();
}
