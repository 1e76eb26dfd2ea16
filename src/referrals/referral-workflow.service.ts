import { wardInScope } from '../access/access.repo.js';
import { audit } from '../audit/audit.service.js';
import type { Tx } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError } from '../http/errors.js';
import type { PlacementsService } from '../placements/placements.service.js';
import { selectOpenPlacement } from '../placements/placements.repo.js';
import { BREACH_REASON_LABELS, PRISON_TRANSFER_ROUTES, REFERRAL_STATE_LABELS, REFERRAL_TIERS, TIER_LABELS_SECURE, type LegalRoute, type ReferralState } from '../shared/referral-vocabulary.js';
import type { Specialism } from '../shared/vocabulary.js';
import { ratingProblems, type Instrument } from './instruments.js';
import * as records from './referral-records.repo.js';
import { ADMISSION_SOURCE_OF, canStart, isOpen, needsBreachReason, type ReferralAction } from './referral-rules.js';
import { clockOf } from './referrals.map.js';
import * as repo from './referrals.repo.js';
import type { AssessmentInput, BreachReasonInput, CloseInput, DecisionInput, DirectionInput, ForwardInput, OfferInput, ReferralAdmitInput, ReferralDetail } from './referrals.schema.js';
import type { ReferralsService } from './referrals.service.js';
import { supervisionIndication, supervisionProblems } from './security-triage.js';
import { addDays, localDate } from './transfer-clock.js';

/** The steps of a referral after intake: assessment, panel decisions, forwarding, a bed, admission or closure. */
export class ReferralWorkflowService {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly placements: PlacementsService,
  ) {}

  /** Refuse an action the referral's stage does not allow, saying why in the user's terms. */
  private allow(action: ReferralAction, row: repo.ReferralRow) {
    const state = row.state as ReferralState;
    if (!isOpen(state)) throw new AppError('referral_closed');
    if (!canStart(action, state)) {
      throw new AppError('referral_wrong_stage', `That cannot be done while the referral is "${REFERRAL_STATE_LABELS[state]}".`);
    }
  }

  /** An event's time: not in the future, not before the referral was received or its last event. */
  private at(trx: Tx, row: repo.ReferralRow, value: string | undefined, field: string): Promise<Date> {
    return this.referrals.timelineTime(trx, row, value, field);
  }

  private event(trx: Tx, caller: Caller, row: repo.ReferralRow, at: Date, kind: string, summary: string, detail: Record<string, unknown> = {}) {
    return repo.insertEvent(trx, { referral_id: row.id, at, kind, detail: { summary, ...detail }, user_id: caller.userId > 0 ? caller.userId : null });
  }

  private instrument(purpose: Instrument['purpose']): Instrument {
    const found = [...this.referrals.instruments.values()].find((i) => i.purpose === purpose);
    if (!found) throw new Error(`No ${purpose} instrument is loaded`);
    return found;
  }

  assess(caller: Caller, id: number, ifMatch: string | undefined, input: AssessmentInput): Promise<ReferralDetail> {
    const security = this.instrument('security_need');
    const urgency = this.instrument('urgency');
    const details = [
      ...ratingProblems(security, input.securityRatings).map((message) => ({ field: 'securityRatings', message })),
      ...ratingProblems(urgency, input.urgencyRatings).map((message) => ({ field: 'urgencyRatings', message })),
      ...supervisionProblems(input.supervisionItems).map((message) => ({ field: 'supervisionItems', message })),
    ];
    if (details.length > 0) throw new AppError('validation_failed', 'Some ratings in the assessment are missing or out of range.', { details });
    return this.referrals.change(caller, id, ifMatch, 'assess', async (trx, row) => {
      this.allow('assess', row);
      const at = await this.at(trx, row, input.assessedAt, 'assessedAt');
      const day = localDate(at, this.referrals.settings.timeZone);
      const existing = await records.selectValidAssessmentOfPatient(trx, row.patient_id, day);
      const { id: assessmentId } = await records.insertAssessment(trx, {
        referral_id: row.id,
        patient_id: row.patient_id,
        assessed_at: at,
        assessor_name: input.assessorName.trim(),
        assessor_unit_id: input.assessorUnitId ?? null,
        disciplines: input.disciplines,
        recommended_tier: input.recommendedTier,
        recommended_specialism: input.recommendedSpecialism,
        rationale: input.rationale.trim(),
        security_ratings: JSON.stringify(input.securityRatings),
        urgency_ratings: JSON.stringify(input.urgencyRatings),
        supervision_items: input.supervisionItems,
        supervision_indication: supervisionIndication(input.supervisionItems),
        valid_until: addDays(day, this.referrals.settings.assessmentValidDays),
        repeats_assessment_id: existing?.id ?? null,
        recorded_by: caller.userId > 0 ? caller.userId : null,
      });
      const tier = input.recommendedTier === 'not_required' ? 'no secure care' : TIER_LABELS_SECURE[input.recommendedTier];
      await this.event(trx, caller, row, at, 'assessed', `Assessed by ${input.assessorName.trim()}: recommends ${tier}`, { assessmentId });
      if (existing) {
        // The earlier assessment is named only if it is this referral's own: one made for another
        // referral belongs to a record that the readers of this one may not be able to see.
        const earlier = existing.referral_id === row.id ? `assessment ${existing.id} was valid until ${existing.valid_until}` : 'an assessment made for another referral of this patient was still valid';
        await this.event(trx, caller, row, at, 'repeat_assessment', `Repeat assessment by ${input.assessorName.trim()}, recorded by ${caller.displayName}, while ${earlier}`, {
          assessmentId,
          repeats: existing.id,
        });
      }
      const first = row.first_assessment_at && row.first_assessment_at < at ? row.first_assessment_at : at;
      return {
        first_assessment_at: first,
        assessed_on: localDate(first, this.referrals.settings.timeZone),
        assessment_count: row.assessment_count + 1,
        ...(row.state === 'received' ? { state: 'assessed' } : {}),
      };
    });
  }

  decide(caller: Caller, id: number, ifMatch: string | undefined, input: DecisionInput): Promise<ReferralDetail> {
    if (input.decision === 'decline' && !input.recommendedTier) {
      throw new AppError('validation_failed', 'A decline must name the tier recommended instead.', { details: [{ field: 'recommendedTier', message: 'required when declining' }] });
    }
    return this.referrals.change(caller, id, ifMatch, 'decide', async (trx, row) => {
      if (row.state === 'received') throw new AppError('assessment_required');
      this.allow('decide', row);
      const at = await this.at(trx, row, input.decidedAt, 'decidedAt');
      const assessment = await records.selectValidAssessment(trx, row.id, localDate(at, this.referrals.settings.timeZone));
      if (!assessment) throw new AppError('assessment_required', 'The assessment on this referral is no longer valid: a panel needs a current one. Record a new assessment first.');
      await records.insertDecision(trx, {
        referral_id: row.id,
        panel_unit_id: row.target_unit_id,
        panel_region_id: row.target_unit_id === null ? row.target_region_id : null,
        assessment_id: assessment.id,
        decided_at: at,
        decision: input.decision,
        reason: input.reason.trim(),
        recommended_tier: input.recommendedTier ?? null,
        members: JSON.stringify(input.members),
        recorded_by: caller.userId > 0 ? caller.userId : null,
      });
      const instead = input.recommendedTier ? ` (recommends ${input.recommendedTier === 'not_required' ? 'no secure care' : TIER_LABELS_SECURE[input.recommendedTier]})` : '';
      const summary = input.decision === 'accept' ? `Accepted by the panel: ${input.reason.trim()}` : `Declined by the panel${instead}: ${input.reason.trim()}`;
      await this.event(trx, caller, row, at, input.decision === 'accept' ? 'accepted' : 'declined', summary, { assessmentId: assessment.id });
      return { state: input.decision === 'accept' ? 'accepted' : 'declined' };
    });
  }

  forward(caller: Caller, id: number, ifMatch: string | undefined, input: ForwardInput): Promise<ReferralDetail> {
    return this.referrals.change(caller, id, ifMatch, 'forward', async (trx, row) => {
      this.allow('forward', row);
      const at = await this.at(trx, row, input.at, 'at');
      const panel = await this.referrals.panel(trx, input.targetUnitId, input.targetRegionId);
      if (panel.unitId === row.target_unit_id && panel.regionId === row.target_region_id) {
        throw new AppError('validation_failed', 'The referral is already with that panel.', { details: [{ field: 'targetUnitId', message: 'choose a different panel' }] });
      }
      const state = await this.referrals.arrivalState(trx, row.id);
      const travels = state === 'assessed' ? ' The current assessment travels with it.' : '';
      await this.event(trx, caller, row, at, 'forwarded', `Forwarded to the ${panel.name}: ${input.reason.trim().replace(/[.\s]+$/, '')}.${travels}`);
      return { target_unit_id: panel.unitId, target_region_id: panel.regionId, state, offered_ward_id: null };
    });
  }

  offer(caller: Caller, id: number, ifMatch: string | undefined, input: OfferInput): Promise<ReferralDetail> {
    return this.referrals.change(caller, id, ifMatch, 'offer', async (trx, row) => {
      this.allow('offer', row);
      const at = await this.at(trx, row, input.at, 'at');
      const ward = await repo.selectWardForOffer(trx, input.wardId);
      if (!ward || ward.retired_at) throw new AppError('unknown_reference', 'That ward does not exist or has been retired.', { details: [{ field: 'wardId', message: 'no such ward' }] });
      const wrongPanel = row.target_unit_id !== null ? ward.unit_id !== row.target_unit_id : ward.region_id !== row.target_region_id;
      if (wrongPanel || !(REFERRAL_TIERS as readonly string[]).includes(ward.tier)) {
        throw new AppError('validation_failed', 'Offer a secure bed on a ward of the accepting unit (or, for a regional panel, in its region).', {
          details: [{ field: 'wardId', message: 'not a secure ward of the accepting panel' }],
        });
      }
      if (!(await wardInScope(trx, caller, ward.id))) throw new AppError('not_permitted', 'You can offer beds only on wards within your scope.');
      await this.event(trx, caller, row, at, 'bed_offered', `Bed offered on ${ward.name}, ${ward.unit_name}`, { wardId: ward.id });
      return { state: 'bed_offered', offered_ward_id: ward.id };
    });
  }

  admit(caller: Caller, id: number, ifMatch: string | undefined, input: ReferralAdmitInput): Promise<ReferralDetail> {
    return this.referrals.change(caller, id, ifMatch, 'admit', async (trx, row) => {
      this.allow('admit', row);
      const at = await this.at(trx, row, input.admittedAt, 'admittedAt');
      const clock = clockOf({ ...row, stopped_at: at, state: 'admitted' }, at, this.referrals.settings);
      if (needsBreachReason(clock, row.breach_reason)) throw new AppError('breach_reason_required');
      const wardId = row.offered_ward_id!;
      const specialism = row.requested_specialism as Specialism;
      // Someone already in a bed of the register (a PICU, another secure unit) moves by transfer.
      const placed = await selectOpenPlacement(trx, row.patient_id);
      const placementId = placed
        ? await this.placements.recordTransfer(trx, caller, row.patient_id, { wardId, specialism, overCapacityReason: input.overCapacityReason }, at, 'referral')
        : await this.placements.recordAdmission(trx, caller, row.patient_id, { wardId, source: ADMISSION_SOURCE_OF[row.source as keyof typeof ADMISSION_SOURCE_OF], specialism, overCapacityReason: input.overCapacityReason }, at);
      await audit(trx, caller, [{ action: placed ? 'transfer' : 'admit', patientId: row.patient_id, recordType: 'placement', recordId: placementId, basis: 'relationship' }]);
      const verdict = clock.breached ? `after ${clock.current.days} days: the 14-day clock was breached` : `within the clock (day ${clock.current.days})`;
      await this.event(trx, caller, row, at, 'admitted', `Admitted ${verdict}`, { placementId });
      return { state: 'admitted', stopped_at: at, stopped_on: localDate(at, this.referrals.settings.timeZone), placement_id: placementId };
    });
  }

  close(caller: Caller, id: number, ifMatch: string | undefined, input: CloseInput): Promise<ReferralDetail> {
    return this.referrals.change(caller, id, ifMatch, 'withdraw', async (trx, row) => {
      this.allow('close', row);
      const at = await this.at(trx, row, input.at, 'at');
      const clock = clockOf({ ...row, stopped_at: at, state: input.outcome }, at, this.referrals.settings);
      if (needsBreachReason(clock, row.breach_reason)) throw new AppError('breach_reason_required');
      const label = input.outcome === 'withdrawn' ? 'Referral withdrawn' : 'No longer needs hospital';
      await this.event(trx, caller, row, at, input.outcome, `${label}: ${input.note.trim()}`);
      return { state: input.outcome, stopped_at: at, stopped_on: localDate(at, this.referrals.settings.timeZone), offered_ward_id: null };
    });
  }

  breachReason(caller: Caller, id: number, ifMatch: string | undefined, input: BreachReasonInput): Promise<ReferralDetail> {
    if (input.reason === 'other' && !input.note?.trim()) {
      throw new AppError('validation_failed', "Describe the reason when choosing 'Other'.", { details: [{ field: 'note', message: "required when the reason is 'other'" }] });
    }
    return this.referrals.change(caller, id, ifMatch, 'update', async (trx, row) => {
      this.allow('breach_reason', row);
      const now = this.referrals.now();
      const clock = clockOf(row, now, this.referrals.settings);
      if (clock.status !== 'breached' && clock.status !== 'amber') {
        throw new AppError('referral_wrong_stage', 'A reason for delay is recorded once the clock is close to, or past, its due date.');
      }
      const note = input.note?.trim() ? `: ${input.note.trim()}` : '';
      await this.event(trx, caller, row, now, 'breach_reason', `Reason for delay: ${BREACH_REASON_LABELS[input.reason]}${note}`);
      return { breach_reason: input.reason, breach_note: input.note?.trim() || null };
    });
  }

  direction(caller: Caller, id: number, ifMatch: string | undefined, input: DirectionInput): Promise<ReferralDetail> {
    return this.referrals.change(caller, id, ifMatch, 'update', async (trx, row) => {
      this.allow('direction', row);
      if (!PRISON_TRANSFER_ROUTES.includes(row.legal_route as LegalRoute)) {
        throw new AppError('referral_wrong_stage', 'A Ministry of Justice transfer direction applies only to prison transfers (s47/49, s48/49).');
      }
      if (input.issuedOn > this.referrals.today()) throw new AppError('date_in_future', 'The direction cannot be dated in the future.', { details: [{ field: 'issuedOn', message: 'is in the future' }] });
      await this.event(trx, caller, row, this.referrals.now(), 'direction_issued', `Ministry of Justice transfer direction issued on ${input.issuedOn}`);
      return { direction_issued_on: input.issuedOn };
    });
  }
}

