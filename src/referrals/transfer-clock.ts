import type { ClockPolicy } from '../shared/referral-vocabulary.js';

// The prison transfer clock (Bradley 2009: at most 14 days; NHS England 2021: two sequential 14-day
// stages). Days are counted on local calendar dates in the service's time zone: the day a referral
// is received is day 0 and the clock is met by an admission on or before day 14, whatever the hour,
// and whether or not the clocks went forward or back in between. Weekends and bank holidays count.

export const CLOCK_DAYS = 14;
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
// Queues work out thousands of clocks a second; formatting a date is the slow part. Every time
// zone's offsets change on 15-minute boundaries, so the date of a 15-minute slot can be remembered.
const SLOT_MS = 15 * 60_000;
const dates = new Map<string, string>();

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone: string): string {
  const key = `${timeZone}|${Math.floor(at.getTime() / SLOT_MS)}`;
  const hit = dates.get(key);
  if (hit !== undefined) return hit;
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  const date = f.format(at);
  if (dates.size > 200_000) dates.clear();
  dates.set(key, date);
  return date;
}

export const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

const starts = new Map<string, number>();
/** The instant a local date begins in a time zone (handles the 23- and 25-hour days). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const key = `${timeZone}|${date}`;
  const hit = starts.get(key);
  if (hit !== undefined) return new Date(hit);
  const at = computeStartOfLocalDay(date, timeZone);
  if (starts.size > 50_000) starts.clear();
  starts.set(key, at.getTime());
  return at;
}

function computeStartOfLocalDay(date: string, timeZone: string): Date {
  const guess = Date.parse(`${date}T00:00:00Z`);
  // The zone's offset at the guess, then corrected once more in case the guess straddled a change.
  let at = guess;
  for (let i = 0; i < 2; i++) at = guess - offsetMs(new Date(at), timeZone);
  return new Date(at);
}

const partFormatters = new Map<string, Intl.DateTimeFormat>();
function offsetMs(at: Date, timeZone: string): number {
  // Building a formatter costs far more than using one: keep one per zone.
  let f = partFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    partFormatters.set(timeZone, f);
  }
  const parts = f.formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(at.getTime() / 1000) * 1000;
}

export type ClockStatus = 'on_track' | 'amber' | 'breached' | 'met' | 'stopped';

export interface ClockStage {
  name: 'referral_to_admission' | 'referral_to_assessment' | 'assessment_to_transfer';
  startedOn: string;
  dueOn: string;
  /** When the stage ended (first assessment or admission), if it has. */
  endedOn: string | null;
  /** Days from the start to the end, or to today while it runs. */
  days: number;
  breached: boolean;
}

export interface ClockView {
  policy: ClockPolicy;
  status: ClockStatus;
  /** The stage now running, or the last one. */
  current: ClockStage;
  stages: ClockStage[];
  /** Days left to the current stage's due date (negative when over). Null once stopped. */
  daysRemaining: number | null;
  /** The instant the current stage's due day ends: what a live countdown counts to. */
  dueAt: string;
  breached: boolean;
  stoppedOn: string | null;
}

export interface ClockInput {
  policy: ClockPolicy;
  receivedAt: Date;
  /** The first pre-admission assessment, for the two-stage policy. */
  firstAssessmentAt: Date | null;
  /** Admission, withdrawal or "no longer needs hospital". */
  stoppedAt: Date | null;
  stopReason: 'admitted' | 'withdrawn' | 'not_needed' | null;
  now: Date;
  /** Amber when this many days or fewer remain. */
  amberDays: number;
  timeZone: string;
}

function stage(name: ClockStage['name'], startedOn: string, endedOn: string | null, today: string): ClockStage {
  const dueOn = addDays(startedOn, CLOCK_DAYS);
  const until = endedOn ?? today;
  return { name, startedOn, dueOn, endedOn, days: daysBetween(startedOn, until), breached: until > dueOn };
}

/** Where a referral's clock stands now. Pure: the caller supplies "now" and the settings. */
export function transferClock(input: ClockInput): ClockView {
  const tz = input.timeZone;
  const today = localDate(input.now, tz);
  const received = localDate(input.receivedAt, tz);
  const stopped = input.stoppedAt ? localDate(input.stoppedAt, tz) : null;
  const admitted = input.stopReason === 'admitted' ? stopped : null;
  const stages: ClockStage[] = [];
  if (input.policy === 'single_14') {
    stages.push(stage('referral_to_admission', received, admitted ?? stopped, today));
  } else {
    const assessed = input.firstAssessmentAt ? localDate(input.firstAssessmentAt, tz) : null;
    // A referral stopped before any assessment ends in its first stage.
    stages.push(stage('referral_to_assessment', received, assessed ?? stopped, today));
    if (assessed) stages.push(stage('assessment_to_transfer', assessed, admitted ?? stopped, today));
  }
  const current = stages[stages.length - 1]!;
  const breached = stages.some((s) => s.breached);
  const dueAt = startOfLocalDay(addDays(current.dueOn, 1), tz).toISOString();
  if (stopped) {
    return { policy: input.policy, status: admitted ? (breached ? 'breached' : 'met') : 'stopped', current, stages, daysRemaining: null, dueAt, breached, stoppedOn: stopped };
  }
  const daysRemaining = daysBetween(today, current.dueOn);
  const status: ClockStatus = breached ? 'breached' : daysRemaining <= input.amberDays ? 'amber' : 'on_track';
  return { policy: input.policy, status, current, stages, daysRemaining, dueAt, breached, stoppedOn: null };
}

/**
 * A Ministry of Justice transfer direction ceases to have effect at the end of the 14 days beginning
 * with the day it is given (MHA 1983 s47(2), s48(3)): the day of issue is the first of the 14.
 */
export const DIRECTION_VALID_DAYS = 14;

export interface DirectionView {
  issuedOn: string;
  /** The last day on which the person can be received into hospital under it. */
  expiresOn: string;
  daysRemaining: number;
  status: 'valid' | 'expiring' | 'lapsed';
}

/** Where a transfer direction stands: expiring when `warnDays` or fewer remain, lapsed after its last day. */
export function directionStatus(issuedOn: string, today: string, warnDays: number): DirectionView {
  const expiresOn = addDays(issuedOn, DIRECTION_VALID_DAYS - 1);
  const daysRemaining = daysBetween(today, expiresOn);
  return { issuedOn, expiresOn, daysRemaining, status: daysRemaining < 0 ? 'lapsed' : daysRemaining <= warnDays ? 'expiring' : 'valid' };
}
