import type { JobRow, JobSummaryRow } from './jobs.repo.js';
import type { Job, JobSummary } from './jobs.schema.js';
import type { ComparatorSetRow } from './provision.repo.js';
import type { ComparatorEntry } from './provision.rules.js';
import type { ComparatorSet } from './provision.schema.js';

// Rows → API types, one function each (kept apart from the schemas, which the web app imports).

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

export function toJobSummary(r: JobSummaryRow): JobSummary {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    progress: r.progress,
    replicationsDone: r.replications_done,
    replicationsTotal: r.replications_total,
    scenarioName: r.scenario_name,
    queuePosition: r.queue_position,
    createdAt: r.created_at.toISOString(),
    startedAt: isoOrNull(r.started_at),
    finishedAt: isoOrNull(r.finished_at),
    error: r.error,
  };
}

export function toJob(r: JobRow): Job {
  return { ...toJobSummary(r), request: r.request, result: (r.result ?? null) as Job['result'] };
}

export function toComparatorSet(r: ComparatorSetRow): ComparatorSet {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    entries: r.entries as ComparatorEntry[],
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
