import { OPEN_REFERRAL_STATES, PRISON_TRANSFER_ROUTES, type LegalRoute, type ReferralSource, type ReferralState } from '../shared/referral-vocabulary.js';
import type { AdmissionSource } from '../shared/vocabulary.js';
import type { BoardQuery } from './referrals.schema.js';
import type { ClockView, DirectionView } from './transfer-clock.js';

// The referral's workflow as pure rules: what may happen in which state, and what needs attention.

export type ReferralAction = 'assess' | 'decide' | 'forward' | 'offer' | 'admit' | 'close' | 'breach_reason' | 'direction' | 'conference';

/** The states each action may start from. */
const FROM: Record<ReferralAction, readonly ReferralState[]> = {
  // A repeat assessment is allowed (the person may have changed) but is flagged when one is valid.
  assess: ['received', 'assessed', 'declined', 'accepted'],
  decide: ['assessed'],
  forward: ['received', 'assessed', 'declined'],
  offer: ['accepted', 'bed_offered'],
  admit: ['bed_offered'],
  close: OPEN_REFERRAL_STATES,
  breach_reason: OPEN_REFERRAL_STATES,
  direction: OPEN_REFERRAL_STATES,
  conference: OPEN_REFERRAL_STATES,
};

export const isOpen = (state: ReferralState) => OPEN_REFERRAL_STATES.includes(state);

export function canStart(action: ReferralAction, state: ReferralState): boolean {
  return FROM[action].includes(state);
}

/**
 * What can be done next, given the state and the clock: a transfer direction only on prison routes,
 * a reason for delay once the clock is amber or breached.
 */
export function availableActions(state: ReferralState, legalRoute: LegalRoute, clockStatus: ClockView['status']): ReferralAction[] {
  return (Object.keys(FROM) as ReferralAction[]).filter(
    (a) =>
      canStart(a, state) &&
      (a !== 'direction' || PRISON_TRANSFER_ROUTES.includes(legalRoute)) &&
      (a !== 'breach_reason' || clockStatus === 'amber' || clockStatus === 'breached'),
  );
}

/** The state after a panel moves or a referral is forwarded: assessed if a valid assessment travels with it. */
export const stateOnArrival = (hasValidAssessment: boolean): ReferralState => (hasValidAssessment ? 'assessed' : 'received');

/** A breach must be explained before the referral can be closed or the person admitted. */
export const needsBreachReason = (clock: ClockView, breachReason: string | null) => clock.breached && breachReason === null;

export function flags(input: { clock: ClockView; breachReason: string | null; hasRepeatAssessment: boolean; direction: DirectionView | null; open: boolean }): string[] {
  const out: string[] = [];
  if (needsBreachReason(input.clock, input.breachReason)) out.push('breach_reason_needed');
  if (input.hasRepeatAssessment) out.push('duplicate_assessment');
  if (input.open && input.direction?.status === 'expiring') out.push('direction_expiring');
  if (input.open && input.direction?.status === 'lapsed') out.push('direction_lapsed');
  return out;
}

/** How the admission that ends a referral is recorded on the person's pathway. */
export const ADMISSION_SOURCE_OF: Record<ReferralSource, AdmissionSource> = {
  prison_in_reach: 'prison',
  court: 'court',
  police_custody: 'police_custody',
  general_ward_or_picu: 'general_hospital',
  community_team: 'community',
  secure_unit: 'other',
  tribunal_or_direction: 'other',
};

const URGENCY_RANK: Record<string, number> = { emergency: 0, urgent: 1, routine: 2 };

/** Queue order: the least time left first (breaches most overdue first), then the most urgent. */
export function queueOrder(a: { daysRemaining: number; urgency: string; receivedAt: Date }, b: { daysRemaining: number; urgency: string; receivedAt: Date }): number {
  return a.daysRemaining - b.daysRemaining || (URGENCY_RANK[a.urgency] ?? 3) - (URGENCY_RANK[b.urgency] ?? 3) || a.receivedAt.getTime() - b.receivedAt.getTime();
}

/** What the board's filters look at on a referral (besides its state and clock). */
export interface BoardFields {
  target_region_id: number;
  target_unit_id: number | null;
  /** The organisation running the target unit; null for a regional panel. */
  target_organisation_id: number | null;
  referring_organisation_id: number;
  requested_tier: string;
  urgency: string;
  legal_route: string;
}

export type BoardFilters = Pick<BoardQuery, 'regionId' | 'organisationId' | 'unitId' | 'tier' | 'urgency' | 'prisonOnly'>;

/**
 * Whether a referral shows on a board filtered so: sent to that region's or unit's panel, referred
 * by or sent to that organisation, of that tier and urgency, a prison transfer.
 */
export function onBoard(r: BoardFields, f: BoardFilters): boolean {
  return (
    (f.regionId === undefined || r.target_region_id === f.regionId) &&
    (f.unitId === undefined || r.target_unit_id === f.unitId) &&
    (f.organisationId === undefined || r.referring_organisation_id === f.organisationId || r.target_organisation_id === f.organisationId) &&
    (f.tier === undefined || r.requested_tier === f.tier) &&
    (f.urgency === undefined || r.urgency === f.urgency) &&
    (!f.prisonOnly || PRISON_TRANSFER_ROUTES.includes(r.legal_route as LegalRoute))
  );
}
