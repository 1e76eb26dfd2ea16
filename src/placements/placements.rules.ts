import { TIER_RANK, type Sex, type Specialism, type Tier } from '../shared/vocabulary.js';

/** Up, down or sideways between tiers (sideways includes moves between units of one tier). */
export function transferDirection(from: Tier, to: Tier): 'up' | 'down' | 'sideways' {
  const d = TIER_RANK[to] - TIER_RANK[from];
  return d > 0 ? 'up' : d < 0 ? 'down' : 'sideways';
}

/** Age in whole years on a date (dates as YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, on: Date): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = on.getUTCFullYear() - y;
  const beforeBirthday = on.getUTCMonth() + 1 < m || (on.getUTCMonth() + 1 === m && on.getUTCDate() < d);
  if (beforeBirthday) age--;
  return age;
}

export const ADULT_AGE = 18;

export interface WardProfile {
  sex: Sex;
  specialism: Specialism;
  available: number;
  occupied: number;
}

export interface AdmissionCandidate {
  sex: Sex;
  dateOfBirth: string;
  /** The specialism the referral asked for, when one was named. */
  specialism?: Specialism;
}

export type FitProblem = { code: 'ward_mismatch' | 'ward_full'; message: string };

/**
 * Why a person may not be placed on a ward without an explicit reason: wrong sex, wrong specialism,
 * an adult on an adolescent ward (or the reverse), or no free bed. Empty when the placement fits.
 */
export function fitProblems(person: AdmissionCandidate, ward: WardProfile, at: Date): FitProblem[] {
  const problems: FitProblem[] = [];
  if (person.sex !== ward.sex) {
    problems.push({ code: 'ward_mismatch', message: `This is a ${ward.sex} ward and the patient is ${person.sex}.` });
  }
  if (person.specialism && person.specialism !== ward.specialism) {
    problems.push({ code: 'ward_mismatch', message: 'The ward does not provide the specialism the patient needs.' });
  }
  const adult = ageOn(person.dateOfBirth, at) >= ADULT_AGE;
  if (ward.specialism === 'adolescent' && adult) {
    problems.push({ code: 'ward_mismatch', message: 'This is an adolescent ward and the patient is an adult.' });
  }
  if (ward.specialism !== 'adolescent' && !adult) {
    problems.push({ code: 'ward_mismatch', message: 'The patient is under 18 and this is an adult ward.' });
  }
  if (ward.occupied >= ward.available) {
    problems.push({
      code: 'ward_full',
      message: `The ward has no free bed (${ward.occupied} of ${ward.available} available beds occupied).`,
    });
  }
  return problems;
}

/** Clocks drift between machines; an event stamped a few minutes ahead is not "in the future". */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export function isInFuture(at: Date, now: Date): boolean {
  return at.getTime() > now.getTime() + FUTURE_TOLERANCE_MS;
}

/** Whole days between two instants (the length of stay convention: completed days). */
export function daysBetween(from: Date, to: Date): number {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / 86_400_000));
}
