import { intSetting as int } from '../config.js';
import { CLOCK_POLICIES, type ClockPolicy } from '../shared/referral-vocabulary.js';

// Settings of the referral service, read from the environment once and validated so a bad value
// fails at start. The clock policy applies to referrals created after a change; open referrals keep
// the policy they were created under.

export interface ReferralSettings {
  clockPolicy: ClockPolicy;
  /** Amber when this many days or fewer remain on the clock. */
  amberDays: number;
  /** How long a pre-admission assessment stays valid for every panel the referral reaches. */
  assessmentValidDays: number;
  /** Warn this many days before a Ministry of Justice transfer direction lapses. */
  directionWarnDays: number;
  /** The time zone whose calendar days the clock counts. */
  timeZone: string;
}

export function loadReferralSettings(): ReferralSettings {
  const policy = process.env.SECUREPATH_CLOCK_POLICY || 'single_14';
  if (!(CLOCK_POLICIES as readonly string[]).includes(policy)) throw new Error(`Setting SECUREPATH_CLOCK_POLICY must be one of ${CLOCK_POLICIES.join(', ')}; got "${policy}"`);
  const timeZone = process.env.SECUREPATH_TIME_ZONE || 'Europe/London';
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
  } catch {
    throw new Error(`Setting SECUREPATH_TIME_ZONE is not a time zone: "${timeZone}"`);
  }
  return {
    clockPolicy: policy as ClockPolicy,
    amberDays: int('SECUREPATH_CLOCK_AMBER_DAYS', 3, 0, 13),
    assessmentValidDays: int('SECUREPATH_ASSESSMENT_VALID_DAYS', 90, 1, 730),
    directionWarnDays: int('SECUREPATH_DIRECTION_WARN_DAYS', 3, 0, 13),
    timeZone,
  };
}
