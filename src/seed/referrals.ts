import { workingDaysNotice } from '../referrals/calendars.js';
import { daysBetween, localDate } from '../referrals/transfer-clock.js';
import { supervisionIndication } from '../referrals/security-triage.js';
import { REFERRAL_TIERS, type BreachReason, type LegalRoute, type ReferralSource, type ReferralState, type Urgency } from '../shared/referral-vocabulary.js';
import type { AdmissionSource, Tier } from '../shared/vocabulary.js';
import type { GenDirectory } from './nation.js';
import type { GenPatient } from './people.js';
import type { GenPlacement } from './pathways.js';
import { Random } from './random.js';

// The demo nation's referrals: every admission to secure care in the last five years arrives through
// a referral with its assessment, panel decisions and clock, some forwarded after a decline, some
// assessed twice; others withdrawn; and a live queue of open referrals today with clocks on track,
// amber and breached. Deterministic for a seed. Rows come out ready for bulk insert.

const DAY = 86_400_000;
const TZ = 'Europe/London';
const HISTORY_YEARS = 5;
const SECURE: readonly Tier[] = REFERRAL_TIERS;

export interface DemoReferrals {
  referrals: unknown[][];
  assessments: unknown[][];
  decisions: unknown[][];
  events: unknown[][];
  conferences: unknown[][];
}

const ROUTES: Record<AdmissionSource, { source: ReferralSource; routes: LegalRoute[] }> = {
  prison: { source: 'prison_in_reach', routes: ['s47_49', 's48_49', 's48_49'] },
  court: { source: 'court', routes: ['s37_41', 's37', 's38', 's35_36'] },
  police_custody: { source: 'police_custody', routes: ['s2_3_civil', 's35_36'] },
  community: { source: 'community_team', routes: ['s2_3_civil', 's37'] },
  general_hospital: { source: 'general_ward_or_picu', routes: ['s2_3_civil'] },
  picu: { source: 'general_ward_or_picu', routes: ['s2_3_civil', 's37'] },
  other: { source: 'tribunal_or_direction', routes: ['s37_41', 'other'] },
};
const BREACH_WEIGHTS: Record<BreachReason, number> = { no_bed_at_tier: 40, assessment_delay: 15, moj_warrant: 12, tier_dispute: 10, too_unwell_to_move: 8, funding: 5, other: 10 };
const OFFENCES = { violence_against_person: 34, homicide: 6, sexual: 9, arson: 7, robbery: 8, weapons: 6, criminal_damage: 7, drugs: 5, theft_burglary: 8, public_order: 5, other: 3, none: 2 };
const ASSESSORS = ['Dr S Okonjo', 'Dr R Patel', 'Dr K Murray', 'Dr J Fenwick', 'Dr A Lindqvist', 'Dr T Mensah', 'Dr E Byrne', 'Dr N Qureshi'];
const CLINICIANS = ['Dr L Harding', 'Dr P Mistry', 'Dr C Doyle', 'Dr F Oyelaran', 'M Carter (in-reach nurse)', 'S Adebayo (in-reach nurse)'];
const URGENCY_REASONS = ['Refusing food and fluids', 'Acutely psychotic, assaulting staff in segregation', 'Serious self-harm in the last week', 'Deteriorating in the healthcare unit'];

interface Context {
  rng: Random;
  dir: GenDirectory;
  patients: GenPatient[];
  out: DemoReferrals;
  secureUnits: Map<string, number[]>;
  prisonUnit: Map<number, number>;
  ids: { referral: number; assessment: number; decision: number; event: number; conference: number };
}

const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => localDate(new Date(ms), TZ);

function unitFor(c: Context, region: number, tier: Tier, not?: number): number | undefined {
  const local = (c.secureUnits.get(`${region}:${tier}`) ?? []).filter((u) => u !== not);
  if (local.length > 0) return c.rng.pick(local);
  const anywhere = [...c.secureUnits.entries()].filter(([k]) => k.endsWith(`:${tier}`)).flatMap(([, v]) => v).filter((u) => u !== not);
  return anywhere.length > 0 ? c.rng.pick(anywhere) : undefined;
}

function event(c: Context, referral: number, at: number, kind: string, summary: string) {
  c.out.events.push([++c.ids.event, referral, iso(at), kind, JSON.stringify({ summary })]);
}

/** One assessment; returns its id. `repeats` names the valid one it repeats. */
function assess(c: Context, referral: number, patient: number, at: number, tier: Tier, repeats: number | null, unit: number | null): number {
  const rng = c.rng;
  const high = tier === 'high';
  const rate = (base: number) => Math.max(0, Math.min(4, Math.round(base + rng.normal() * 0.8)));
  const base = high ? 3 : tier === 'medium' ? 2 : 1;
  const security = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`S${i + 1}`, rate(base)]));
  const urgency = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`U${i + 1}`, rate(2)]));
  const items = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].filter((i) => rng.chance(i <= 4 ? (high ? 0.35 : 0.05) : tier === 'low' ? 0.15 : 0.35));
  const id = ++c.ids.assessment;
  const disciplines = rng.chance(0.6) ? 'psychiatrist,nurse' : rng.chance(0.5) ? 'psychiatrist,nurse,psychologist' : 'psychiatrist,social_worker';
  const validUntil = localDate(new Date(at + 90 * DAY), TZ);
  const assessor = rng.pick(ASSESSORS);
  c.out.assessments.push([
    id, referral, patient + 1, iso(at), assessor, unit === null ? null : unit + 1, disciplines, tier, 'mental_illness',
    `Structured assessment supports ${tier} secure care: current risk and need for ${tier === 'low' ? 'rehabilitation' : 'physical security'}.`,
    JSON.stringify(security), JSON.stringify(urgency), items.join(','), supervisionIndication(items), validUntil, repeats, iso(at),
  ]);
  event(c, referral, at, 'assessed', `Assessed by ${assessor}: recommends ${tier} secure`);
  if (repeats !== null) event(c, referral, at, 'repeat_assessment', `Repeat assessment by ${assessor} while assessment ${repeats} was valid until ${validUntil}`);
  return id;
}

function decide(c: Context, referral: number, at: number, unit: number, assessment: number, accept: boolean, instead: Tier | null) {
  const members = JSON.stringify([
    { name: c.rng.pick(ASSESSORS), discipline: 'psychiatrist', tier: 'medium' },
    { name: 'Panel nurse lead', discipline: 'nurse', tier: 'low' },
    { name: 'Panel psychologist', discipline: 'psychologist', tier: 'high' },
  ]);
  const reason = accept ? 'Agrees with the assessment; a bed is expected' : `Needs ${instead} secure care rather than this service`;
  c.out.decisions.push([++c.ids.decision, referral, unit + 1, iso(at), accept ? 'accept' : 'decline', reason, instead, members, assessment, iso(at)]);
  event(c, referral, at, accept ? 'accepted' : 'declined', `${accept ? 'Accepted' : 'Declined'} by ${c.dir.units[unit]!.name}: ${reason}`);
}

interface Plan {
  patient: number;
  receivedMs: number;
  tier: Tier;
  targetUnit: number;
  admission: AdmissionSource;
}

function referralRow(c: Context, plan: Plan, id: number, fields: { state: ReferralState; firstAssessmentMs: number | null; offeredWard: number | null; placement: number | null; stoppedMs: number | null; breach: BreachReason | null; urgency: Urgency; route: LegalRoute; source: ReferralSource; direction: string | null }) {
  const p = c.patients[plan.patient]!;
  const region = c.dir.units[plan.targetUnit]!.region;
  const prison = c.prisonUnit.get(p.homeRegion) ?? c.prisonUnit.get(region)!;
  const referringUnit = fields.source === 'prison_in_reach' ? prison : null;
  const referringOrg = referringUnit !== null ? c.dir.units[referringUnit]!.organisation : c.dir.units[plan.targetUnit]!.organisation;
  c.out.referrals.push([
    id, plan.patient + 1, fields.source, referringOrg + 1, referringUnit === null ? null : referringUnit + 1, c.rng.pick(CLINICIANS), fields.route, fields.urgency,
    fields.urgency === 'routine' ? null : c.rng.pick(URGENCY_REASONS), plan.tier, 'mental_illness', p.homeRegion + 1, c.rng.weighted(OFFENCES),
    plan.targetUnit + 1, region + 1, iso(plan.receivedMs), 'single_14', fields.state, fields.firstAssessmentMs === null ? null : iso(fields.firstAssessmentMs),
    fields.offeredWard === null ? null : fields.offeredWard + 1, fields.placement, fields.stoppedMs === null ? null : iso(fields.stoppedMs), fields.breach,
    fields.breach === 'other' ? 'Waiting for an interpreter for the assessment' : null, fields.direction,
    day(plan.receivedMs), fields.firstAssessmentMs === null ? null : day(fields.firstAssessmentMs), fields.stoppedMs === null ? null : day(fields.stoppedMs),
  ]);
}

const urgencyOf = (rng: Random): Urgency => rng.weighted({ emergency: 8, urgent: 37, routine: 55 });

/** A referral that ended in the admission `pl` (the placement with id `placementId`). */
function admitted(c: Context, pl: GenPlacement, placementId: number) {
  const rng = c.rng;
  const ward = c.dir.wards[pl.ward]!;
  const finalUnit = ward.unit;
  const { source, routes } = ROUTES[pl.source ?? 'other'];
  const prisonRoute = source === 'prison_in_reach';
  const median = prisonRoute ? 16 : source === 'court' ? 12 : 8;
  const days = Math.max(1, Math.min(120, rng.lognormal(median, 0.65)));
  const admitMs = pl.start;
  const receivedMs = admitMs - days * DAY;
  const id = ++c.ids.referral;
  const forwarded = rng.chance(0.15);
  const firstUnit = forwarded ? (unitFor(c, ward.region, ward.tier === 'medium' ? 'low' : 'medium', finalUnit) ?? finalUnit) : finalUnit;
  const span = admitMs - receivedMs;
  const t = [0.15, 0.3, 0.45, 0.6, 0.75, 0.9].map((f) => receivedMs + f * span);
  event(c, id, receivedMs, 'received', `Referral received for the ${c.dir.units[firstUnit]!.name} admission panel`);
  const first = assess(c, id, pl.patient, t[0]!, ward.tier, null, null);
  let current = first;
  if (forwarded && firstUnit !== finalUnit) {
    decide(c, id, t[1]!, firstUnit, first, false, ward.tier);
    event(c, id, t[2]!, 'forwarded', `Forwarded to the ${c.dir.units[finalUnit]!.name} admission panel. The current assessment travels with it.`);
  }
  if (rng.chance(forwarded ? 0.35 : 0.08)) current = assess(c, id, pl.patient, t[3]!, ward.tier, first, finalUnit);
  decide(c, id, t[4]!, finalUnit, current, true, null);
  event(c, id, t[5]!, 'bed_offered', `Bed offered on ${ward.name}, ${c.dir.units[finalUnit]!.name}`);
  const breached = localDaysBetween(receivedMs, admitMs) > 14;
  const breach = breached ? rng.weighted(BREACH_WEIGHTS) : null;
  if (breach) event(c, id, t[5]!, 'breach_reason', `Reason for delay: ${breach.replaceAll('_', ' ')}`);
  event(c, id, admitMs, 'admitted', breached ? `Admitted after ${localDaysBetween(receivedMs, admitMs)} days: the 14-day clock was breached` : `Admitted within the clock (day ${localDaysBetween(receivedMs, admitMs)})`);
  const direction = prisonRoute ? day(Math.max(receivedMs, admitMs - rng.uniform(1, 11) * DAY)) : null;
  referralRow(c, { patient: pl.patient, receivedMs, tier: ward.tier, targetUnit: finalUnit, admission: pl.source ?? 'other' }, id, {
    state: 'admitted', firstAssessmentMs: t[0]!, offeredWard: pl.ward, placement: placementId, stoppedMs: admitMs, breach, urgency: urgencyOf(rng), route: rng.pick(routes), source, direction,
  });
}

const localDaysBetween = (fromMs: number, toMs: number) => daysBetween(day(fromMs), day(toMs));

/** A referral that never led to admission here: withdrawn, or hospital no longer needed. */
function closed(c: Context, patient: number, receivedMs: number, tier: Tier) {
  const rng = c.rng;
  const unit = unitFor(c, c.patients[patient]!.homeRegion, tier);
  if (unit === undefined) return;
  const id = ++c.ids.referral;
  const days = rng.uniform(2, 40);
  const stoppedMs = receivedMs + days * DAY;
  event(c, id, receivedMs, 'received', `Referral received for the ${c.dir.units[unit]!.name} admission panel`);
  const assessedMs = days > 3 ? receivedMs + rng.uniform(1, Math.min(10, days - 1)) * DAY : null;
  if (assessedMs !== null) assess(c, id, patient, assessedMs, tier, null, null);
  const state: ReferralState = rng.chance(0.6) ? 'not_needed' : 'withdrawn';
  const breach = localDaysBetween(receivedMs, stoppedMs) > 14 ? rng.weighted(BREACH_WEIGHTS) : null;
  if (breach) event(c, id, stoppedMs, 'breach_reason', `Reason for delay: ${breach.replaceAll('_', ' ')}`);
  event(c, id, stoppedMs, state, state === 'withdrawn' ? 'Referral withdrawn: sentence ended and community team took over' : 'No longer needs hospital: improved with treatment in prison');
  referralRow(c, { patient, receivedMs, tier, targetUnit: unit, admission: 'prison' }, id, {
    state, firstAssessmentMs: assessedMs, offeredWard: null, placement: null, stoppedMs, breach, urgency: urgencyOf(rng), route: rng.pick(['s47_49', 's48_49', 's37']), source: 'prison_in_reach', direction: null,
  });
}

/** A referral open today, at a stage that fits how long it has been running. */
function open(c: Context, patient: number, asOfMs: number, tier: Tier) {
  const rng = c.rng;
  const unit = unitFor(c, c.patients[patient]!.homeRegion, tier);
  if (unit === undefined) return;
  const id = ++c.ids.referral;
  const elapsed = rng.uniform(0.2, 32);
  const receivedMs = asOfMs - elapsed * DAY;
  event(c, id, receivedMs, 'received', `Referral received for the ${c.dir.units[unit]!.name} admission panel`);
  let state: ReferralState = 'received';
  let firstAssessmentMs: number | null = null;
  let offeredWard: number | null = null;
  if (elapsed > 2 && rng.chance(0.85)) {
    firstAssessmentMs = receivedMs + rng.uniform(0.5, Math.min(8, elapsed - 0.5)) * DAY;
    const first = assess(c, id, patient, firstAssessmentMs, tier, null, null);
    state = 'assessed';
    if (rng.chance(0.1)) assess(c, id, patient, firstAssessmentMs + 0.4 * (asOfMs - firstAssessmentMs), tier, first, unit);
    const decidedMs = firstAssessmentMs + 0.6 * (asOfMs - firstAssessmentMs);
    const roll = rng.next();
    if (roll < 0.15) {
      decide(c, id, decidedMs, unit, first, false, tier === 'low' ? 'medium' : 'low');
      state = 'declined';
    } else if (roll < 0.55) {
      decide(c, id, decidedMs, unit, first, true, null);
      state = 'accepted';
      const ward = c.dir.wards.findIndex((w) => w.unit === unit && w.sex === c.patients[patient]!.sex);
      if (ward >= 0 && rng.chance(0.4)) {
        offeredWard = ward;
        state = 'bed_offered';
        event(c, id, decidedMs + 0.5 * (asOfMs - decidedMs), 'bed_offered', `Bed offered on ${c.dir.wards[ward]!.name}, ${c.dir.units[unit]!.name}`);
      }
    }
  }
  const breached = localDaysBetween(receivedMs, asOfMs) > 14;
  const breach = breached && rng.chance(0.65) ? rng.weighted(BREACH_WEIGHTS) : null;
  if (breach) event(c, id, Math.min(asOfMs, receivedMs + 15 * DAY), 'breach_reason', `Reason for delay: ${breach.replaceAll('_', ' ')}`);
  const prisonRoute = rng.chance(0.7);
  const direction = prisonRoute && state !== 'received' && rng.chance(0.5) ? day(asOfMs - rng.uniform(0, 16) * DAY) : null;
  if (direction) event(c, id, Math.min(asOfMs, Math.max(receivedMs, Date.parse(`${direction}T12:00:00Z`))), 'direction_issued', `Ministry of Justice transfer direction issued on ${direction}`);
  referralRow(c, { patient, receivedMs, tier, targetUnit: unit, admission: 'prison' }, id, {
    state, firstAssessmentMs, offeredWard, placement: null, stoppedMs: null, breach, urgency: urgencyOf(rng), route: prisonRoute ? rng.pick(['s47_49', 's48_49']) : 's37_41',
    source: prisonRoute ? 'prison_in_reach' : 'court', direction,
  });
  if (prisonRoute && rng.chance(0.3)) {
    const noticeMs = asOfMs - rng.uniform(0, 2) * DAY;
    const scheduledMs = noticeMs + rng.uniform(2, 9) * DAY;
    const notice = workingDaysNotice('england_wales', day(noticeMs), day(scheduledMs));
    c.out.conferences.push([
      ++c.ids.conference, patient + 1, id, 'transfer', 'england_wales', iso(noticeMs), iso(scheduledMs), notice, notice < 3 ? 'Urgent: the prisoner has stopped eating and drinking' : null,
      'visiting_psychiatrist,healthcare_manager,residential_unit_manager,security_manager', 'Healthcare unit meeting room',
    ]);
    event(c, id, noticeMs, 'conference_scheduled', `Case conference called for ${day(scheduledMs)} with ${notice} working days' notice`);
  }
}

export function generateReferrals(dir: GenDirectory, patients: GenPatient[], ordered: GenPlacement[], asOfMs: number, seed: number): DemoReferrals {
  const c: Context = {
    rng: new Random(seed ^ 0x5eed),
    dir,
    patients,
    out: { referrals: [], assessments: [], decisions: [], events: [], conferences: [] },
    secureUnits: new Map(),
    prisonUnit: new Map(),
    ids: { referral: 0, assessment: 0, decision: 0, event: 0, conference: 0 },
  };
  for (const w of dir.wards) {
    if (!SECURE.includes(w.tier)) continue;
    const key = `${w.region}:${w.tier}`;
    const list = c.secureUnits.get(key) ?? [];
    if (!list.includes(w.unit)) list.push(w.unit);
    c.secureUnits.set(key, list);
  }
  dir.units.forEach((u, i) => {
    if (u.serviceType === 'prison' && !c.prisonUnit.has(u.region)) c.prisonUnit.set(u.region, i);
  });
  const since = asOfMs - HISTORY_YEARS * 365.25 * DAY;
  const openNow = new Set<number>();
  const lastEnd = new Map<number, GenPlacement>();
  ordered.forEach((pl, i) => {
    lastEnd.set(pl.patient, pl);
    if (pl.startKind !== 'admission' || pl.start < since || pl.start > asOfMs || !SECURE.includes(dir.wards[pl.ward]!.tier)) return;
    admitted(c, pl, i + 1);
    if (c.rng.chance(0.12)) closed(c, pl.patient, since + c.rng.next() * (asOfMs - since - 60 * DAY), 'medium');
  });
  // Today's queue: people back in prison or the community after an earlier stay, referred again.
  const candidates = [...lastEnd.values()].filter((pl) => pl.end !== null && pl.end < asOfMs - 30 * DAY && (pl.destination === 'prison_court' || pl.destination === 'community'));
  const wanted = Math.round(ordered.filter((pl) => pl.end === null || pl.end > asOfMs).length * 0.025);
  for (let i = 0; i < candidates.length && openNow.size < wanted; i++) {
    const pl = candidates[(i * 7919) % candidates.length]!;
    if (openNow.has(pl.patient)) continue;
    openNow.add(pl.patient);
    const tier = dir.wards[pl.ward]!.tier;
    open(c, pl.patient, asOfMs, SECURE.includes(tier) ? tier : 'low');
  }
  // Each referral row ends with its number of assessments.
  const assessed = new Map<number, number>();
  for (const a of c.out.assessments) assessed.set(a[1] as number, (assessed.get(a[1] as number) ?? 0) + 1);
  for (const r of c.out.referrals) r.push(assessed.get(r[0] as number) ?? 0);
  return c.out;
}
