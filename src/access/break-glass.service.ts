import { audit } from '../audit/audit.service.js';
import type { AuthService } from '../auth/auth.service.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError, notFound } from '../http/errors.js';
import { normaliseIdentifier } from '../patients/identifiers.js';
import * as repo from './access.repo.js';

/** How long emergency access lasts; a setting (SECUREPATH_BREAK_GLASS_MINUTES), default one hour. */
export function breakGlassMinutes(): number {
  const raw = process.env.SECUREPATH_BREAK_GLASS_MINUTES;
  const n = raw === undefined || raw === '' ? 60 : Number(raw);
  if (!Number.isInteger(n) || n < 5 || n > 24 * 60) throw new Error(`SECUREPATH_BREAK_GLASS_MINUTES must be 5 to 1440; got "${raw}"`);
  return n;
}

export class BreakGlassService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly auth: Pick<AuthService, 'checkCode'>,
  ) {}

  /**
   * Opens one patient's record to a clinician with no relationship, for a limited time, on a
   * written reason and a fresh authenticator code. The claim is audited and waits in the privacy
   * officer's queue.
   */
  async claim(caller: Caller, input: { patientId?: number; identifier?: string; reason: string; code: string }) {
    const reason = input.reason.trim();
    if (reason.length < 20) {
      throw new AppError('validation_failed', 'Say why you need emergency access (at least 20 characters): it is reviewed.', { details: [{ field: 'reason', message: 'must be at least 20 characters' }] });
    }
    // A fresh code from the clinician's authenticator, checked before the patient is looked up, so
    // a wrong code says nothing about whether the patient exists.
    await this.auth.checkCode(caller, input.code);
    const now = this.clock.now();
    const found =
      input.patientId !== undefined
        ? { id: input.patientId }
        : input.identifier
          ? await repo.findPatientByIdentifier(this.db, normaliseIdentifier(input.identifier))
          : undefined;
    if (!found) {
      await audit(this.db, caller, [{ action: 'denied', patientId: null, recordType: 'break_glass', recordId: input.identifier ?? null, reason: 'no such patient' }]);
      throw notFound('Patient');
    }
    try {
      return await this.db.transaction().execute(async (trx) => {
        const grant = await repo.insertBreakGlass(trx, {
          user_id: caller.userId,
          role: caller.role,
          patient_id: found.id,
          reason,
          started_at: now,
          expires_at: new Date(now.getTime() + breakGlassMinutes() * 60_000),
        });
        await audit(trx, caller, [{ action: 'break_glass', patientId: found.id, recordType: 'break_glass', recordId: grant.id, basis: 'break_glass', reason }]);
        return { patientId: found.id, expiresAt: grant.expires_at.toISOString() };
      });
    } catch (e) {
      // A patient id that does not exist fails the foreign key: the same answer as an unknown number.
      if ((e as { code?: string }).code === '23503') throw notFound('Patient');
      throw e;
    }
  }

  async queue(_caller: Caller, includeReviewed: boolean) {
    const rows = await repo.selectBreakGlassQueue(this.db, includeReviewed);
    return rows.map((r) => ({
      id: r.id,
      patientId: r.patient_id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      reason: r.reason,
      startedAt: r.started_at.toISOString(),
      expiresAt: r.expires_at.toISOString(),
      reviewedAt: r.reviewed_at ? r.reviewed_at.toISOString() : null,
      reviewer: r.reviewer,
      reviewNote: r.review_note,
    }));
  }

  async review(caller: Caller, id: number, note: string) {
    const done = await repo.markReviewed(this.db, id, caller.userId, note.trim());
    if (done.numUpdatedRows === 0n) throw notFound('Unreviewed emergency access');
  }
}
