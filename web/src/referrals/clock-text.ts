import { plural } from '../ui/format';
import type { Clock } from './referrals.api';

// How a transfer clock reads on screen. The 14-day limit and the amber threshold are the server's
// (src/referrals/transfer-clock.ts, settings): the screen only words what the server computed.

export type ClockTone = 'green' | 'amber' | 'red' | 'grey';

export const CLOCK_TONE: Record<Clock['status'], ClockTone> = { on_track: 'green', amber: 'amber', breached: 'red', met: 'green', stopped: 'grey' };

export const CLOCK_STATUS_LABELS: Record<Clock['status'], string> = {
  on_track: 'On track',
  amber: 'At risk',
  breached: 'Breached',
  met: 'Met',
  stopped: 'Stopped',
};

export const STAGE_LABELS: Record<Clock['current']['name'], string> = {
  referral_to_admission: 'Referral to admission',
  referral_to_assessment: 'Stage 1: referral to first assessment',
  assessment_to_transfer: 'Stage 2: assessment to transfer',
};

/** The badge's words: "9 days left", "Due today", "3 days over", "Met: admitted on day 6 of 14", "Stopped". */
export function clockSummary(clock: Clock): string {
  const { status, daysRemaining, current } = clock;
  if (status === 'met') return `Met: admitted on day ${current.days} of 14`;
  if (status === 'stopped') return 'Stopped';
  if (daysRemaining === null) return clock.breached ? `Breached: admitted on day ${current.days}` : CLOCK_STATUS_LABELS[status];
  if (daysRemaining > 0) return `${plural(daysRemaining, 'day')} left`;
  if (daysRemaining === 0) return 'Due today';
  return `${plural(-daysRemaining, 'day')} over`;
}

/** True while a clock runs and needs watching: a live countdown is shown for these. */
export const isUrgentClock = (clock: Clock) => clock.stoppedOn === null && (clock.status === 'amber' || clock.status === 'breached');

const pad = (n: number) => String(n).padStart(2, '0');

/** "2 d 05:12:33 left" or "overdue by 3 d 04:10:00", counting to the instant the due day ends. */
export function countdown(dueAt: string, now: number): string {
  const ms = Date.parse(dueAt) - now;
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const clock = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  const text = days > 0 ? `${days} d ${clock}` : clock;
  return ms >= 0 ? `${text} left` : `overdue by ${text}`;
}
