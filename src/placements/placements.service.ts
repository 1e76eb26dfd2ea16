import { wardInScope } from '../access/access.repo.js';
import { audit } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import { runIdempotent } from '../idempotency/idempotency.js';
import type { Db, Tx } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError, notFound } from '../http/errors.js';
import { selectPatient } from '../patients/patients.repo.js';
import type { AdmitInput, DischargeInput, PatientDetail, TransferInput } from '../patients/patients.schema.js';
import type { PatientsService } from '../patients/patients.service.js';
import type { Sex, Specialism, Tier } from '../shared/vocabulary.js';
import * as repo from './placements.repo.js';
import { fitProblems, isInFuture, transferDirection } from './placements.rules.js';

/**
 * Admissions, transfers and discharges: one timeline per person. Each action locks the patient row
 * so two people acting on the same patient at once are put in order, and the target ward's bed count
 * so two admissions cannot take the same last bed.
 */
export class PlacementsService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly patients: PatientsService,
  ) {}

  /** An event's time: now when not given, never in the future. */
  when(at: string | undefined, field: string): Date {
    const now = this.clock.now();
    if (at === undefined) return now;
    const when = new Date(at);
    if (isInFuture(when, now)) {
      throw new AppError('date_in_future', 'The date and time cannot be in the future.', { details: [{ field, message: 'is in the future' }] });
    }
    return when;
  }

  private async lockPatient(trx: Tx, caller: Caller, patientId: number) {
    const patient = await selectPatient(trx, patientId, true, { caller, now: this.clock.now() });
    if (!patient) throw notFound('Patient');
    return patient;
  }

  /**
   * A patient leaves a ward only by the hand of someone with rights there. Seeing the record is not
   * enough: a clinician may still see someone who left their ward in the last days, or through a
   * referral or emergency access, and must not move or discharge them from a ward that is not theirs.
   */
  private async checkLeaving(trx: Tx, caller: Caller, wardId: number, action: 'transfer' | 'discharge') {
    if (!(await wardInScope(trx, caller, wardId))) {
      throw new AppError('not_permitted', `You can ${action} patients only from wards within your scope: this patient is on a ward outside it. Ask a bed manager for that unit.`);
    }
  }

  /** Lock the ward and check it fits; a reason lets a clinician place someone anyway, recorded. */
  private async checkWard(
    trx: Tx,
    caller: Caller,
    wardId: number,
    person: { sex: Sex; dateOfBirth: string; specialism?: Specialism },
    at: Date,
    reason: string | undefined,
  ): Promise<{ tier: Tier }> {
    const ward = await repo.lockWardForAdmission(trx, wardId);
    if (!ward) throw new AppError('unknown_reference', 'That ward does not exist.', { details: [{ field: 'wardId', message: 'no such ward' }] });
    if (ward.retired_at) throw new AppError('ward_retired');
    // Moving someone needs rights at both ends: the receiving ward must be in the caller's scope.
    if (!(await wardInScope(trx, caller, wardId))) {
      throw new AppError('not_permitted', 'You can place patients only on wards within your scope. Ask a bed manager for that unit.');
    }
    const problems = fitProblems(
      person,
      { sex: ward.sex as Sex, specialism: ward.specialism as Specialism, available: ward.commissioned_beds - ward.closed_beds, occupied: ward.occupied },
      at,
    );
    const first = problems[0];
    if (first && !reason) {
      throw new AppError(first.code, `${problems.map((p) => p.message).join(' ')} To go ahead, give a reason.`, {
        details: problems.map((p) => ({ field: 'overCapacityReason', message: p.message })),
      });
    }
    return { tier: ward.tier as Tier };
  }

  /** One clinical event: idempotent by key, audited in its own transaction, denied audited too. */
  private event(caller: Caller, patientId: number, action: 'admit' | 'transfer' | 'discharge', key: string | undefined, body: unknown, work: (trx: Tx) => Promise<string>) {
    const status = action === 'discharge' ? 200 : 201;
    return this.patients.guard(caller, patientId, action, async () => {
      const replayed = (trx: Tx) => this.patients.replayed(trx, caller, patientId);
      const { result } = await runIdempotent(this.db, caller, { key, route: `POST /patients/${patientId}/${action}`, body, status, replayed }, async (trx) => {
        // Before the work: an admission to the caller's ward is itself a relationship from then on.
        const basis = await this.patients.basisOf(trx, caller, patientId);
        // The event names the placement begun (admit, transfer) or ended (discharge).
        const placementId = await work(trx);
        await audit(trx, caller, [{ action, patientId, recordType: 'placement', recordId: placementId, basis }]);
        return this.patients.shownTo(trx, patientId, caller);
      });
      return result;
    });
  }

  async admit(caller: Caller, patientId: number, input: AdmitInput, idempotencyKey?: string): Promise<PatientDetail> {
    const at = this.when(input.admittedAt, 'admittedAt');
    return this.event(caller, patientId, 'admit', idempotencyKey, input, async (trx) => {
      return this.recordAdmission(trx, caller, patientId, input, at);
    });
  }

  /**
   * Admit inside the caller's transaction (a referral's admission stops its clock in the same
   * commit). Returns the new placement's id.
   */
  async recordAdmission(trx: Tx, caller: Caller, patientId: number, input: AdmitInput, at: Date): Promise<string> {
    const patient = await this.lockPatient(trx, caller, patientId);
    if (await repo.selectOpenPlacement(trx, patientId)) throw new AppError('already_admitted');
    const last = await repo.selectLastEnd(trx, patientId);
    if (last?.ended_at && at < last.ended_at) {
      throw new AppError('date_out_of_order', 'The admission cannot be before the end of the previous placement.', {
        details: [{ field: 'admittedAt', message: `must be on or after ${last.ended_at.toISOString()}` }],
      });
    }
    const person = { sex: patient.sex as Sex, dateOfBirth: patient.date_of_birth, specialism: input.specialism };
    await this.checkWard(trx, caller, input.wardId, person, at, input.overCapacityReason);
    const placement = await repo.insertPlacement(trx, {
      patient_id: patientId,
      ward_id: input.wardId,
      admitted_at: at,
      start_kind: 'admission',
      source: input.source,
      direction: null,
      over_capacity_reason: input.overCapacityReason ?? null,
      created_by: caller.userId,
    });
    return placement.id;
  }

  async transfer(caller: Caller, patientId: number, input: TransferInput, idempotencyKey?: string): Promise<PatientDetail> {
    const at = this.when(input.at, 'at');
    return this.event(caller, patientId, 'transfer', idempotencyKey, input, async (trx) => {
      return this.recordTransfer(trx, caller, patientId, input, at);
    });
  }

  /**
   * Transfer inside the caller's transaction; returns the new placement's id. The caller needs
   * rights at both ends: the ward the patient leaves, unless an accepted referral is what moves them
   * (`from: 'referral'`: the receiving service admits, the sending one referred), and the ward they go to.
   */
  async recordTransfer(trx: Tx, caller: Caller, patientId: number, input: TransferInput, at: Date, from: 'ward' | 'referral' = 'ward'): Promise<string> {
    const patient = await this.lockPatient(trx, caller, patientId);
    const current = await repo.selectOpenPlacement(trx, patientId);
    if (!current) throw new AppError('not_admitted', 'The patient is not currently admitted, so cannot be transferred. Admit them instead.');
    if (from === 'ward') await this.checkLeaving(trx, caller, current.ward_id, 'transfer');
    if (current.ward_id === input.wardId) throw new AppError('same_ward');
    if (at <= current.admitted_at) {
      throw new AppError('date_out_of_order', 'The transfer must come after the start of the current placement.', {
        details: [{ field: 'at', message: `must be after ${current.admitted_at.toISOString()}` }],
      });
    }
    const person = { sex: patient.sex as Sex, dateOfBirth: patient.date_of_birth, specialism: input.specialism };
    const target = await this.checkWard(trx, caller, input.wardId, person, at, input.overCapacityReason);
    await repo.endPlacement(trx, current.id, { ended_at: at, end_reason: 'transfer', destination: null });
    const placement = await repo.insertPlacement(trx, {
      patient_id: patientId,
      ward_id: input.wardId,
      admitted_at: at,
      start_kind: 'transfer',
      source: null,
      direction: transferDirection(current.tier as Tier, target.tier),
      over_capacity_reason: input.overCapacityReason ?? null,
      created_by: caller.userId,
    });
    return placement.id;
  }

  async discharge(caller: Caller, patientId: number, input: DischargeInput, idempotencyKey?: string): Promise<PatientDetail> {
    const at = this.when(input.at, 'at');
    return this.event(caller, patientId, 'discharge', idempotencyKey, input, async (trx) => {
      await this.lockPatient(trx, caller, patientId);
      const current = await repo.selectOpenPlacement(trx, patientId);
      if (!current) throw new AppError('not_admitted', 'The patient is not currently admitted, so cannot be discharged.');
      await this.checkLeaving(trx, caller, current.ward_id, 'discharge');
      if (at <= current.admitted_at) {
        throw new AppError('date_out_of_order', 'The discharge must come after the start of the current placement.', {
          details: [{ field: 'at', message: `must be after ${current.admitted_at.toISOString()}` }],
        });
      }
      await repo.endPlacement(trx, current.id, { ended_at: at, end_reason: 'discharge', destination: input.destination });
      return String(current.id);
    });
  }
}
