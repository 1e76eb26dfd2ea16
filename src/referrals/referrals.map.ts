import type { BreachReason, LegalRoute, OffenceCategory, ReferralSource, ReferralState, ReferralTier, Urgency } from '../shared/referral-vocabulary.js';
import type { Specialism } from '../shared/vocabulary.js';
import type { AssessmentRow, DecisionRow } from './referral-records.repo.js';
import { flags, isOpen } from './referral-rules.js';
import type { ReferralSettings } from './referral-settings.js';
import type { SummaryRow } from './referrals.repo.js';
import type { ReferralDetail, ReferralSummary } from './referrals.schema.js';
import { directionStatus, localDate, transferClock, type ClockView } from './transfer-clock.js';
import { totalScore } from './instruments.js';

// Rows → API types, in one place.

type Assessment = ReferralDetail['assessments'][number];
type Decision = ReferralDetail['decisions'][number];

/** The clock of a referral row as of `now`, under the policy it was created with. */
export function clockOf(
  row: { clock_policy: string; received_at: Date; first_assessment_at: Date | null; stopped_at: Date | null; state: string },
  now: Date,
  s: ReferralSettings,
): ClockView {
  const state = row.state as ReferralState;
  return transferClock({
    policy: row.clock_policy as ClockView['policy'],
    receivedAt: row.received_at,
    firstAssessmentAt: row.first_assessment_at,
    stoppedAt: row.stopped_at,
    stopReason: isOpen(state) ? null : (state as 'admitted' | 'withdrawn' | 'not_needed'),
    now,
    amberDays: s.amberDays,
    timeZone: s.timeZone,
  });
}

export function toSummary(r: SummaryRow, now: Date, s: ReferralSettings): ReferralSummary {
  const clock = clockOf(r, now, s);
  const direction = r.direction_issued_on ? directionStatus(r.direction_issued_on, localDate(now, s.timeZone), s.directionWarnDays) : null;
  const state = r.state as ReferralState;
  return {
    id: r.id,
    patient: { id: r.patient_id, name: `${r.given_name} ${r.family_name}`, nhsNumber: r.nhs_number, chiNumber: r.chi_number },
    source: r.source as ReferralSource,
    legalRoute: r.legal_route as LegalRoute,
    urgency: r.urgency as Urgency,
    requestedTier: r.requested_tier as ReferralTier,
    requestedSpecialism: r.requested_specialism as Specialism,
    homeRegion: { id: r.home_region_id, name: r.home_region_name },
    referringOrganisation: { id: r.referring_organisation_id, name: r.referring_organisation_name },
    referringUnit: r.referring_unit_id && r.referring_unit_name ? { id: r.referring_unit_id, name: r.referring_unit_name } : null,
    targetUnit: r.target_unit_id && r.target_unit_name ? { id: r.target_unit_id, name: r.target_unit_name, organisationName: r.target_organisation_name ?? '' } : null,
    targetRegion: { id: r.target_region_id, name: r.target_region_name },
    state,
    receivedAt: r.received_at.toISOString(),
    clock,
    assessmentCount: r.assessment_count,
    validAssessmentUntil: r.valid_until,
    breachReason: r.breach_reason as BreachReason | null,
    direction,
    flags: flags({ clock, breachReason: r.breach_reason, hasRepeatAssessment: r.has_repeat, direction, open: isOpen(state) }),
    version: r.version,
  };
}

export const detailExtras = (r: SummaryRow) => ({
  referringClinician: r.referring_clinician,
  urgencyReason: r.urgency_reason,
  offenceCategory: r.offence_category as OffenceCategory,
  breachNote: r.breach_note,
  placementId: r.placement_id,
});

/** `own`: the ids of the referral's own assessments, the only earlier ones an assessment names. */
export function toAssessment(a: AssessmentRow, today: string, own: ReadonlySet<number>): Assessment {
  return {
    id: a.id,
    assessedAt: a.assessed_at.toISOString(),
    assessorName: a.assessor_name,
    assessorUnit: a.assessor_unit_id && a.assessor_unit_name ? { id: a.assessor_unit_id, name: a.assessor_unit_name } : null,
    disciplines: a.disciplines as Assessment['disciplines'],
    recommendedTier: a.recommended_tier as Assessment['recommendedTier'],
    recommendedSpecialism: a.recommended_specialism as Specialism,
    rationale: a.rationale,
    securityRatings: a.security_ratings,
    securityTotal: totalScore(a.security_ratings),
    urgencyRatings: a.urgency_ratings,
    urgencyTotal: totalScore(a.urgency_ratings),
    supervisionItems: a.supervision_items,
    supervisionIndication: a.supervision_indication as ReferralTier,
    validUntil: a.valid_until,
    valid: a.valid_until >= today,
    isRepeat: a.repeats_assessment_id !== null,
    repeatsAssessmentId: a.repeats_assessment_id !== null && own.has(a.repeats_assessment_id) ? a.repeats_assessment_id : null,
    recordedBy: a.recorded_by_name ?? 'unknown',
  };
}

export function toDecision(d: DecisionRow): Decision {
  return {
    id: d.id,
    panel: d.panel_name,
    decidedAt: d.decided_at.toISOString(),
    decision: d.decision as Decision['decision'],
    reason: d.reason,
    recommendedTier: d.recommended_tier as Decision['recommendedTier'],
    members: d.members as Decision['members'],
    assessmentId: d.assessment_id,
    recordedBy: d.recorded_by_name ?? 'unknown',
  };
}
