import { randomUUID } from 'node:crypto';
import type { Db } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError, notFound } from '../http/errors.js';
import type { FieldError } from './field-reader.js';
import { planningSettings, type PlanningSettings } from './job-settings.js';
import * as repo from './jobs.repo.js';
import type { CapacitySearchRequest, Job, JobSummary, SimulationRequest } from './jobs.schema.js';
import { toJob, toJobSummary } from './planning.map.js';
import { prepareSearch, prepareSimulation, type Prepared, type PreparedSearch, type PreparedSimulation } from './requests.js';
import { replicationsOf, runSearch, runSimulation } from './run-request.js';

// Planning jobs: a request is checked at once (so mistakes and absurd sizes are refused with the field
// and the limit named), stored, and run in the background by whichever app server claims it. Every
// job belongs to the user who made it; to anyone else it does not exist. Progress is written as
// replications finish and doubles as the runner's heartbeat; a cancellation written by any server is
// seen at the next progress write and stops the run.

/** How often each server looks for queued work and says its jobs are alive. */
const POLL_MS = 5_000;
/** A running job whose server has said nothing for this long is marked failed. */
const QUIET_SECONDS = 120;
/** Progress is written at most this often (and always at the end). */
const PROGRESS_MS = 400;
const LISTED = 50;

/** Told of a failure in the background that the next tick tries again. */
type ProblemReport = (message: string, error: unknown) => void;

export class JobsService {
  private readonly runner = randomUUID();
  private readonly running = new Map<number, AbortController>();
  private readonly finished = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private pumping: Promise<void> | undefined;
  private pumpAgain = false;
  private closed = false;
  /** Where background work reports a failure it recovers from by trying again: the server's log. */
  private problem: ProblemReport = () => undefined;

  constructor(
    private readonly db: Db,
    readonly settings: PlanningSettings = planningSettings(),
  ) {}

  /**
   * Begins looking for queued work (API servers only: a CLI process never runs others' jobs),
   * reporting to `problem` what fails in the background and is tried again.
   */
  start(problem?: ProblemReport): void {
    if (problem) this.problem = problem;
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => void this.tick(), POLL_MS);
    this.timer.unref();
    void this.pump();
  }

  /** Stops looking for work and stops this server's runs, putting their jobs back in the queue. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    for (const controller of this.running.values()) controller.abort(new Error('The server is shutting down.'));
    await Promise.allSettled([...this.finished]);
    await this.pumping;
  }

  async submitSimulation(caller: Caller, request: SimulationRequest): Promise<{ id: number; status: 'queued' }> {
    const prepared = checked(prepareSimulation(request, this.settings));
    return this.enqueue(caller, 'simulation', prepared, request);
  }

  async submitSearch(caller: Caller, request: CapacitySearchRequest): Promise<{ id: number; status: 'queued' }> {
    const prepared = checked(prepareSearch(request, this.settings));
    return this.enqueue(caller, 'capacity_search', prepared, request);
  }

  async list(caller: Caller): Promise<JobSummary[]> {
    return (await repo.selectJobs(this.db, caller.userId, LISTED)).map(toJobSummary);
  }

  async get(caller: Caller, id: number): Promise<Job> {
    const row = await repo.selectJob(this.db, id, caller.userId);
    if (!row) throw notFound('Planning job');
    return toJob(row);
  }

  /** Cancels a job still queued or running; removes one that has finished. */
  async cancel(caller: Caller, id: number): Promise<void> {
    const status = await repo.cancelJob(this.db, id, caller.userId);
    if (status === undefined) throw notFound('Planning job');
    if (status === 'queued' || status === 'running') this.running.get(id)?.abort(new Error('Cancelled by its owner.'));
    else await repo.deleteJob(this.db, id, caller.userId);
  }

  private async enqueue(caller: Caller, kind: 'simulation' | 'capacity_search', prepared: PreparedSimulation | PreparedSearch, request: unknown) {
    const id = await repo.insertJob(
      this.db,
      { ownerId: caller.userId, kind, scenarioName: prepared.scenario.name, request, replicationsTotal: replicationsOf(prepared) },
      this.settings.maxActiveJobsPerUser,
    );
    if (id === null)
      throw new AppError('too_many_jobs', `You already have ${this.settings.maxActiveJobsPerUser} planning runs waiting or running, the most allowed. Wait for one to finish or cancel one.`);
    this.start();
    void this.pump();
    return { id, status: 'queued' as const };
  }

  private async tick(): Promise<void> {
    try {
      await repo.heartbeat(this.db, [...this.running.keys()], this.runner);
      await repo.failStale(this.db, QUIET_SECONDS);
      await this.pump();
    } catch (e) {
      // The database may be briefly unavailable; the next tick tries again.
      this.problem('Planning job upkeep failed; trying again on the next tick', e);
    }
  }

  /**
   * Claims queued jobs while there is room, here and across servers. One claiming pass at a time;
   * a call made during a pass asks for another one after it, so a job queued just as a pass ends
   * is not left for the next tick.
   */
  private pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return this.pumping;
    }
    // The pass is a promise of its own before it can finish: a pass with no room ends at once, and
    // clearing `pumping` inside it would run before the assignment here and leave it set for good.
    // A failed pass (the database briefly unavailable) is left to the next tick: pump is called
    // without waiting from several places, and must never leave a rejection unhandled.
    this.pumping = this.claimWhileRoom()
      .catch((e: unknown) => this.problem('Claiming planning jobs failed; trying again on the next tick', e))
      .finally(() => {
        this.pumping = undefined;
        if (this.pumpAgain && !this.closed) {
          this.pumpAgain = false;
          void this.pump();
        }
      });
    return this.pumping;
  }

  private async claimWhileRoom(): Promise<void> {
    this.pumpAgain = false;
    while (!this.closed && this.running.size < this.settings.maxRunningJobs) {
      const job = await repo.claimNext(this.db, this.runner, this.settings.maxRunningJobs);
      if (!job) break;
      const done = this.execute(job.id, job.kind, job.request).finally(() => {
        this.finished.delete(done);
        void this.pump();
      });
      this.finished.add(done);
    }
  }

  private async execute(id: number, kind: string, request: unknown): Promise<void> {
    const controller = new AbortController();
    this.running.set(id, controller);
    let last = 0;
    const onProgress = (done: number, total: number) => {
      const now = Date.now();
      if (now - last < PROGRESS_MS && done < total) return;
      last = now;
      void repo
        .recordProgress(this.db, id, this.runner, done, total)
        .then((still) => {
          if (!still) controller.abort(new Error('Cancelled by its owner.'));
        })
        .catch((e: unknown) => this.problem('Recording a planning job’s progress failed', e));
    };
    const hooks = { onProgress, signal: controller.signal, workers: this.settings.workersPerJob };
    try {
      // Checked again as it starts: the server's limits may have changed since it was queued.
      const result =
        kind === 'simulation'
          ? await runSimulation(checked(prepareSimulation(request as SimulationRequest, this.settings)), hooks)
          : await runSearch(checked(prepareSearch(request as CapacitySearchRequest, this.settings)), hooks);
      await repo.finishJob(this.db, id, this.runner, result);
    } catch (e) {
      // A cancelled job has its status already; one stopped by a shutdown waits for the next server;
      // anything else is recorded for its owner to read.
      // If even that cannot be written, the job's heartbeat stops and failStale ends it later.
      try {
        if (this.closed) await repo.requeueJob(this.db, id, this.runner);
        else if (!controller.signal.aborted) {
          // The owner reads a problem with their request in its own words; anything else (a fault,
          // a database error) only as a failure, its details in the server's log, not in their hands.
          if (!(e instanceof AppError)) this.problem(`Planning job ${id} failed`, e);
          await repo.failJob(this.db, id, this.runner, e instanceof AppError ? e.message : 'The run failed because of a fault in the server, not in the scenario. It has been logged; try again, and tell your service desk if it happens again.');
        }
      } catch (recording) {
        this.problem('Recording how a planning job ended failed', recording);
      }
    } finally {
      this.running.delete(id);
    }
  }
}

/** A checked request, or the API error listing every problem with its field. */
function checked<T>(p: Prepared<T>): T {
  if (p.ok) return p.value;
  const details = p.errors.map((e: FieldError) => ({ field: e.path, message: e.message }));
  const first = details[0]!;
  throw new AppError(p.tooLarge ? 'job_too_large' : 'validation_failed', `${first.field}: ${first.message}`, { details });
}
