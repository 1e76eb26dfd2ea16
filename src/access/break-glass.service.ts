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
    // A claim on no patient is recorded as refused, without the number typed: the trail cannot be
    // changed, and an NHS number of someone not in secure care has no place in it.
    const refused = async () => {
      await audit(this.db, caller, [{ action: 'denied', patientId: null, recordType: 'break_glass', recordId: null, reason: 'no such patient' }]);
      return notFound('Patient');
    };
    if (!found) throw await refused();
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
      if ((e as { code?: string }).code === '23503') throw await refused();
      throw e;
    }
  }

  /** The claims, newest first; looking is audited, naming the patients shown (their reasons are about them). */
  async queue(caller: Caller, includeReviewed: boolean) {
    const rows = await this.db.transaction().execute(async (trx) => {
      const claims = await repo.selectBreakGlassQueue(trx, includeReviewed);
      await audit(trx, caller, [{ action: 'list', patientId: null, recordType: 'break_glass_queue', patientIds: [...new Set(claims.map((c) => c.patient_id))] }]);
      return claims;
    });
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

  /** Marks a claim reviewed, audited; someone else must review one's own claim. */
  async review(caller: Caller, id: number, note: string) {
    await this.db.transaction().execute(async (trx) => {
      const claim = await repo.lockUnreviewedClaim(trx, id);
      if (!claim) throw notFound('Unreviewed emergency access');
      if (claim.user_id === caller.userId) throw new AppError('not_permitted', 'You cannot review your own emergency access: another privacy officer must.');
      await repo.markReviewed(trx, id, caller.userId, note.trim());
      await audit(trx, caller, [{ action: 'update', patientId: claim.patient_id, recordType: 'break_glass', recordId: id, reason: 'reviewed' }]);
    });
  }
}
