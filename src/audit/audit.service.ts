import type { Db, DbOrTx } from '../db/connection.js';
import { Coalescer } from '../db/coalescer.js';
import { refusedStatement } from '../db/refused-statement.js';
import type { Caller } from '../http/caller.js';
import { AppError, type ErrorCode } from '../http/errors.js';
import { mapPgError } from '../http/pg-errors.js';
import * as repo from './audit.repo.js';

export type AuditAction =
  | 'read'
  | 'search'
  | 'list'
  | 'create'
  | 'update'
  | 'admit'
  | 'transfer'
  | 'discharge'
  | 'denied'
  | 'break_glass'
  | 'refer'
  | 'assess'
  | 'decide'
  | 'forward'
  | 'offer'
  | 'withdraw'
  | 'schedule'
  // An administrator changed a user account (migration 0007).
  | 'admin';

export interface AuditEntry {
  action: AuditAction;
  patientId: number | null;
  recordType: string;
  recordId?: string | number | null;
  /** Why access was allowed: the caller's role, a relationship to the patient, or break-glass. */
  basis?: 'relationship' | 'break_glass' | 'role' | 'denied';
  reason?: string;
  /** For a list screen: every patient it showed (one event instead of one per patient). */
  patientIds?: number[];
}

/**
 * Appends audit events in the caller's transaction, so a read or write and its record of who did it
 * commit together or not at all: if the audit write fails, the request fails.
 *
 * Given the pool rather than a transaction (a list, a search, a board, a refused look: the events
 * are the whole write), the call waits for its events to be committed and fails if they are not, as
 * before; but calls that arrive together share one statement (see AUDIT_APPENDS_IN_FLIGHT).
 */
export async function audit(db: DbOrTx, caller: Caller, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  // Object.assign onto the caller's fields, not a spread of them followed by more: V8 builds the
  // latter several times slower, and a search audits every patient it lists.
  const rows = entries.map((e) =>
    Object.assign(auditFields(caller, e), {
      patient_id: e.patientId,
      record_id: e.recordId === undefined || e.recordId === null ? null : String(e.recordId),
      basis: e.basis ?? (e.action === 'denied' ? 'denied' : 'role'),
      ...(e.patientIds ? { patient_ids: e.patientIds } : {}),
    }),
  );
  if (db.isTransaction) await repo.insertAuditEvents(db, rows);
  else await appenderOf(db).submit(rows);
}

/**
 * Standalone appends in flight at once, each one statement for the calls waiting when it starts.
 * Every append takes the audit chain's lock until it commits, so appends run one after another
 * whatever the pool; one statement for many calls pays the statement's fixed cost (planning, the
 * chain head, the commit) once. Measured on one connection at scale 10, an event naming a board
 * page's 50 patients cost PostgreSQL 400-500 µs alone and 130-280 µs in statements of ten; on the
 * national board at 50 clients, PostgreSQL's work per view fell from about 600 µs to 130-160 and the
 * views answered a second more than doubled. Two in flight, so the next statement is sent and
 * parsed while one holds the lock (one or three measured no better).
 */
const AUDIT_APPENDS_IN_FLIGHT = 2;
/** Calls per statement; a call's events stay together and in order, and a statement PostgreSQL refuses is tried again call by call. */
const AUDIT_CALLS_PER_APPEND = 50;

const appenders = new WeakMap<Db, Coalescer<repo.AuditRow[], undefined>>();

function appenderOf(db: Db): Coalescer<repo.AuditRow[], undefined> {
  let appender = appenders.get(db);
  if (!appender) {
    appender = new Coalescer(
      async (calls) => {
        await repo.insertAuditEvents(db, calls.flat());
        return calls.map(() => undefined);
      },
      { concurrency: AUDIT_APPENDS_IN_FLIGHT, maxBatch: AUDIT_CALLS_PER_APPEND, mayRetryAlone: refusedStatement },
    );
    appenders.set(db, appender);
  }
  return appender;
}

/** The fields of an event that come from the caller and the action (the rest come from the record). */
export function auditFields(caller: Caller, e: Pick<AuditEntry, 'action' | 'recordType' | 'reason'>): repo.AuditFields {
  return {
    user_id: caller.userId > 0 ? caller.userId : null,
    username: caller.username,
    role: caller.role,
    scope: caller.scope,
    record_type: e.recordType,
    action: e.action,
    reason: e.reason ?? null,
    request_id: caller.requestId ?? null,
  };
}

/**
 * Refusals that tell something about a record, or that the caller tried something they may not: a
 * referral refused because another is open to the same panel says that one exists, though the caller
 * may not see it.
 */
const REFUSALS_AUDITED: Partial<Record<ErrorCode, string>> = {
  not_found: 'not found',
  not_permitted: 'not permitted',
  referral_already_open: 'a referral to that panel is already open',
};

/**
 * Runs work on one record and audits what its refusal tells, outside the failed transaction (rolled
 * back with everything else the work did), before the refusal goes on:
 * - the record is not there (or, with scoping, not the caller's), or the caller may see it but not do
 *   this to it (403): the attempt, as denied;
 * - a refused change whose answer carries a patient's record as it now stands (a 412 shows what
 *   someone else changed): a read of that record, as a GET of it would be. If that audit fails, the
 *   request fails and the record is not shown.
 */
export async function auditingRefusals<T>(db: DbOrTx, caller: Caller, target: { recordType: string; recordId: number; action: AuditAction }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    // A constraint's refusal reaches here as PostgreSQL's error, and becomes the AppError it answers.
    const refusal = e instanceof AppError ? e : mapPgError(e);
    const why = refusal ? REFUSALS_AUDITED[refusal.code] : undefined;
    if (why) {
      await audit(db, caller, [{ action: 'denied', patientId: null, recordType: target.recordType, recordId: target.recordId, reason: `${target.action}: ${why}` }]);
    } else if (e instanceof AppError && e.shows) {
      const { patientId, recordType, recordId, basis = 'relationship' } = e.shows;
      await audit(db, caller, [{ action: 'read', patientId, recordType, recordId, basis, reason: `shown with a refused ${target.action}: ${e.code}` }]);
    }
    throw e;
  }
}

export class AuditService {
  constructor(private readonly db: Db) {}

  /** Who has looked at or changed this patient's record (or tried to and was refused), newest first. */
  async patientTrail(caller: Caller, patientId: number, page: repo.EventPage = { limit: 200 }) {
    const rows = await this.db.transaction().execute(async (trx) => {
      await audit(trx, caller, [{ action: 'list', patientId, recordType: 'audit_trail' }]);
      return repo.selectPatientEvents(trx, patientId, page);
    });
    return rows.map(toEvent);
  }

  /**
   * Attempts to reach records that were refused or did not exist, newest first. Looking is itself
   * audited, naming the patients the page shows: it tells who tried to reach them.
   */
  async denied(caller: Caller, page: repo.EventPage = { limit: 200 }) {
    const rows = await this.db.transaction().execute(async (trx) => {
      const found = await repo.selectDenied(trx, page);
      const patientIds = [...new Set(found.map(patientOf).filter((id) => id !== null))];
      await audit(trx, caller, [{ action: 'list', patientId: null, recordType: 'denied_attempts', patientIds }]);
      return found;
    });
    return rows.map((r) => ({ ...toEvent(r), patientId: r.patient_id }));
  }

  async verify() {
    const result = await repo.findChainBreaks(this.db);
    return { ok: result.breaks.length === 0 && result.head_ok, events: Number(result.events), breaks: result.breaks, headMatches: result.head_ok };
  }
}

type EventRow = Awaited<ReturnType<typeof repo.selectDenied>>[number];

/** The patient an event is about: its own, or the one a refused look at a patient's record asked for. */
const patientOf = (r: Pick<EventRow, 'patient_id' | 'record_type' | 'record_id'>) => r.patient_id ?? (r.record_type === 'patient' && r.record_id !== null ? Number(r.record_id) : null);

function toEvent(r: EventRow) {
  return {
    seq: Number(r.seq),
    at: r.at.toISOString(),
    username: r.username,
    role: r.role,
    scope: r.scope,
    recordType: r.record_type,
    recordId: r.record_id,
    action: r.action,
    basis: r.basis,
    reason: r.reason,
    requestId: r.request_id,
  };
}
