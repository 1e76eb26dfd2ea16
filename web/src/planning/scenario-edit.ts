import { meanStay } from '../../../src/planning/length-of-stay.js';
import { SECURE_TIER_LABELS, SECURE_TIERS, type SecureTier } from '../../../src/planning/places.js';
import type { Scenario } from '../../../src/planning/scenario.js';
import { tierBeds, withTierBeds } from '../../../src/planning/tier-beds.js';
import { scaleStay } from '../../../src/planning/variants.js';

// The key figures of a scenario per tier, and edits to them that keep its shape: beds shared across
// pools in proportion, stays scaled keeping their distribution, arrivals scaled keeping their mix.

export interface TierFigures {
  tier: SecureTier;
  label: string;
  beds: number;
  meanStayDays: number | null;
  arrivalsPerYear: number;
  prisonArrivalsPerYear: number;
}

const arrivalsAt = (s: Scenario, tier: SecureTier, source?: string) =>
  s.pools.reduce((sum, p) => sum + p.arrivals.filter((a) => a.tier === tier && (source === undefined || a.source === source)).reduce((x, a) => x + a.perYear, 0), 0);

/** Tiers the scenario describes, with beds, mean stay and arrivals from outside. */
export function tierFigures(s: Scenario): TierFigures[] {
  return SECURE_TIERS.filter((t) => s.tiers[t] || tierBeds(s, t) > 0).map((tier) => {
    const rules = s.tiers[tier];
    return {
      tier,
      label: SECURE_TIER_LABELS[tier],
      beds: tierBeds(s, tier),
      meanStayDays: rules ? meanStay(rules.lengthOfStay) : null,
      arrivalsPerYear: arrivalsAt(s, tier),
      prisonArrivalsPerYear: arrivalsAt(s, tier, 'prison'),
    };
  });
}

/** Tiers with beds, for choosing where to change beds or search. */
export const tiersWithBeds = (s: Scenario) => SECURE_TIERS.filter((t) => tierBeds(s, t) > 0);

export function setTierBeds(s: Scenario, tier: SecureTier, beds: number): Scenario {
  return withTierBeds(s, tier, beds);
}

export function setMeanStay(s: Scenario, tier: SecureTier, days: number): Scenario {
  const rules = s.tiers[tier];
  if (!rules || !(days > 0)) return s;
  const factor = days / meanStay(rules.lengthOfStay);
  return { ...s, tiers: { ...s.tiers, [tier]: { ...rules, lengthOfStay: scaleStay(rules.lengthOfStay, factor) } } };
}

export function setArrivals(s: Scenario, tier: SecureTier, perYear: number): Scenario {
  const now = arrivalsAt(s, tier);
  if (now <= 0 || perYear < 0) return s;
  const f = perYear / now;
  return { ...s, pools: s.pools.map((p) => ({ ...p, arrivals: p.arrivals.map((a) => (a.tier === tier ? { ...a, perYear: Math.round(a.perYear * f * 1000) / 1000 } : a)) })) };
}

/** The scenario as a file: with its schema named, ready to edit and load again. */
export function scenarioFile(s: Scenario): { name: string; text: string } {
  const slug = s.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'scenario';
  return { name: `${slug}.scenario.json`, text: `${JSON.stringify({ $schema: './scenario.schema.json', ...s }, null, 2)}\n` };
}
