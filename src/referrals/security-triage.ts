import type { ReferralTier } from '../shared/referral-vocabulary.js';

// The prison supervision criteria (001 Annex D appendix) as an indication of the security a person
// needs: any of items 1–4 points to high security; otherwise any of items 5–10 to medium; none to low.
// It is an indication for the assessing team, beside their own recommendation, never a decision.

export const HIGH_ITEMS = [1, 2, 3, 4] as const;
export const MEDIUM_ITEMS = [5, 6, 7, 8, 9, 10] as const;

export function supervisionIndication(itemsPresent: readonly number[]): ReferralTier {
  if (itemsPresent.some((i) => (HIGH_ITEMS as readonly number[]).includes(i))) return 'high';
  if (itemsPresent.some((i) => (MEDIUM_ITEMS as readonly number[]).includes(i))) return 'medium';
  return 'low';
}

export function supervisionProblems(itemsPresent: readonly number[]): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const i of itemsPresent) {
    if (!Number.isInteger(i) || i < 1 || i > 10) problems.push(`supervision criterion ${i} does not exist (items are 1 to 10)`);
    else if (seen.has(i)) problems.push(`supervision criterion ${i} is listed twice`);
    seen.add(i);
  }
  return problems;
}
