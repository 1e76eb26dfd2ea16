// Row types of the planning tables (migration 0006), as Kysely sees them.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
/** jsonb: read as the value, written as JSON text. */
type Json<T> = ColumnType<T, string, string>;

export interface PlanningJobTable {
  id: Generated<number>;
  owner_id: number;
  kind: 'simulation' | 'capacity_search';
  status: Generated<'queued' | 'running' | 'done' | 'failed' | 'cancelled'>;
  progress: Generated<number>;
  replications_done: Generated<number>;
  replications_total: number;
  scenario_name: string;
  request: Json<unknown>;
  result: Json<unknown> | null;
  error: string | null;
  runner: string | null;
  heartbeat_at: Timestamp | null;
  created_at: CreatedAt;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface PlanningComparatorSetTable {
  id: Generated<number>;
  owner_id: number;
  name: string;
  description: string | null;
  entries: Json<unknown>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface PlanningTables {
  planning_job: PlanningJobTable;
  planning_comparator_set: PlanningComparatorSetTable;
}
