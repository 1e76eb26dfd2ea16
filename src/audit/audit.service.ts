import type { Db, DbOrTx } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError } from '../http/errors.js';
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
 */
export async function audit(db: DbOrTx, caller: Caller, entries: AuditEntry[]): Promise<void> {
  await repo.insertAuditEvents(
    db,
    // Object.assign onto the caller's fields, not a spread of them followed by more: V8 builds the
    // latter several times slower, and a search audits every patient it lists.
    entries.map((e) =>
      Object.assign(auditFields(caller, e), {
        patient_id: e.patientId,
        record_id: e.recordId === undefined || e.recordId === null ? null : String(e.recordId),
        basis: e.basis ?? (e.action === 'denied' ? 'denied' : 'role'),
        ...(e.patientIds ? { patient_ids: e.patientIds } : {}),
      }),
    ),
  );
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
 * Runs work on one record; if the record is not there (or, with scoping, not the caller's), the
 * attempt is itself audited as denied, outside the failed transaction, and the 404 goes on.
 */
export async function auditingDenials<T>(db: DbOrTx, caller: Caller, target: { recordType: string; recordId: number; action: AuditAction }, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (e instanceof AppError && e.code === 'not_found') {
      await audit(db, caller, [{ action: 'denied', patientId: null, recordType: target.recordType, recordId: target.recordId, reason: `${target.action}: not found` }]);
    }
    throw e;
  }
}

export class AuditService {
  constructor(private readonly db: Db) {}

  /** Who has looked at or changed this patient's record, newest first. */
  async patientTrail(caller: Caller, patientId: number, limit = 200) {
    const rows = await this.db.transaction().execute(async (trx) => {
      await audit(trx, caller, [{ action: 'list', patientId, recordType: 'audit_trail' }]);
      return repo.selectPatientEvents(trx, patientId, limit);
    });
    return rows.map((r) => ({
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
    }));
  }

  /** Attempts to reach records that were refused or did not exist, newest first. */
  async denied(_caller: Caller, limit = 200) {
    const rows = await repo.selectDenied(this.db, limit);
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at.toISOString(),
      username: r.username,
      role: r.role,
      scope: r.scope,
      patientId: r.patient_id,
      recordType: r.record_type,
      recordId: r.record_id,
      action: r.action,
      basis: r.basis,
      reason: r.reason,
      requestId: r.request_id,
    }));
  }

  async verify() {
    const result = await repo.findChainBreaks(this.db);
    return { ok: result.breaks.length === 0 && result.head_ok, events: Number(result.events), breaks: result.breaks, headMatches: result.head_ok };
  }
}
