import type { FieldError } from './field-reader.js';
import { SECURE_TIER_LABELS, SECURE_TIERS, type SecureTier, type Source } from './places.js';
import { validate, type Scenario, type StayDistribution } from './scenario.js';
import { tierBeds, withTierBeds } from './tier-beds.js';

// What-if variants of a scenario: a baseline with some changes applied (ten more low secure beds,
// stays a fifth shorter, prison referrals up by half). Each variant is the baseline with its changes
// applied in order, checked by the same validator as a scenario file.

export type VariantChange =
  /** Add (positive) or remove (negative) beds at a tier: in one pool, or shared in proportion. */
  | { kind: 'beds'; tier: SecureTier; change: number; pool?: number }
  /** Multiply the length of stays at a tier (every tier if none named). */
  | { kind: 'stays'; tier?: SecureTier; factor: number }
  /** Multiply arrival rates, of one tier and/or one source if named. */
  | { kind: 'arrivals'; tier?: SecureTier; source?: Source; factor: number };

export interface Variant {
  name: string;
  changes: VariantChange[];
}

export type VariantResult = { ok: true; scenario: Scenario } | { ok: false; errors: FieldError[] };

/** The baseline with the changes applied, validated; errors name the change at fault (`changes[1]`). */
export function applyVariant(baseline: Scenario, variant: Variant, path = 'changes'): VariantResult {
  let scenario: Scenario = structuredClone(baseline);
  const errors: FieldError[] = [];
  variant.changes.forEach((change, i) => {
    const at = `${path}[${i}]`;
    try {
      scenario = applyChange(scenario, change);
    } catch (e) {
      errors.push({ path: at, message: e instanceof Error ? e.message : String(e) });
    }
  });
  if (errors.length > 0) return { ok: false, errors };
  scenario.name = `${baseline.name}: ${variant.name}`;
  const checked = validate(scenario);
  return checked.ok ? checked : { ok: false, errors: checked.errors.map((e) => ({ path: `${path} (result) ${e.path}`, message: e.message })) };
}

function applyChange(s: Scenario, change: VariantChange): Scenario {
  switch (change.kind) {
    case 'beds': {
      const label = SECURE_TIER_LABELS[change.tier].toLowerCase();
      if (!Number.isInteger(change.change)) throw new RangeError(`the change in beds must be a whole number, not ${change.change}`);
      if (change.pool !== undefined) {
        const pool = s.pools[change.pool];
        if (!pool) throw new RangeError(`there is no pool ${change.pool}; the scenario has ${s.pools.length}`);
        const total = pool.beds[change.tier] + change.change;
        if (total < 0) throw new RangeError(`${pool.name} has ${pool.beds[change.tier]} ${label} beds, so cannot lose ${-change.change}`);
        return withTierBeds(s, change.tier, total, change.pool);
      }
      const now = tierBeds(s, change.tier);
      if (now === 0) throw new RangeError(`the scenario has no ${label} beds to share the change among; name the pool to change`);
      if (now + change.change < 0) throw new RangeError(`the scenario has ${now} ${label} beds, so cannot lose ${-change.change}`);
      return withTierBeds(s, change.tier, now + change.change);
    }
    case 'stays': {
      positive(change.factor);
      const tiers = { ...s.tiers };
      for (const tier of change.tier ? [change.tier] : SECURE_TIERS) {
        const rules = tiers[tier];
        if (rules) tiers[tier] = { ...rules, lengthOfStay: scaleStay(rules.lengthOfStay, change.factor) };
        else if (change.tier) throw new RangeError(`the scenario has no ${SECURE_TIER_LABELS[tier].toLowerCase()} stays to change`);
      }
      return { ...s, tiers };
    }
    case 'arrivals': {
      positive(change.factor);
      const pools = s.pools.map((p) => ({
        ...p,
        arrivals: p.arrivals.map((a) =>
          (change.tier === undefined || a.tier === change.tier) && (change.source === undefined || a.source === change.source) ? { ...a, perYear: a.perYear * change.factor } : a,
        ),
      }));
      return { ...s, pools };
    }
  }
}

function positive(factor: number): void {
  if (!(factor > 0) || !Number.isFinite(factor)) throw new RangeError(`the factor must be a number above 0, not ${factor}`);
}

/** The same shape of distribution with every length multiplied by `f`. */
export function scaleStay(d: StayDistribution, f: number): StayDistribution {
  switch (d.kind) {
    case 'exponential':
      return { kind: d.kind, meanDays: d.meanDays * f };
    case 'lognormal':
      return { kind: d.kind, medianDays: d.medianDays * f, sigma: d.sigma };
    case 'weibull':
      return { kind: d.kind, scaleDays: d.scaleDays * f, shape: d.shape };
    case 'fixed':
      return { kind: d.kind, days: d.days * f };
    case 'empirical':
      return { kind: d.kind, days: d.days.map((x) => x * f) };
    case 'quantiles':
      return { kind: d.kind, points: d.points.map((p) => ({ p: p.p, days: p.days * f })) };
  }
}

/** A change in words, for tables and the CLI: "+10 low secure beds", "stays × 0.8 at medium secure". */
export function describeChange(c: VariantChange): string {
  const tier = (t: SecureTier | undefined) => (t ? SECURE_TIER_LABELS[t].toLowerCase() : 'every tier');
  switch (c.kind) {
    case 'beds':
      return `${c.change >= 0 ? '+' : '−'}${Math.abs(c.change)} ${tier(c.tier)} beds${c.pool === undefined ? '' : ` (pool ${c.pool + 1})`}`;
    case 'stays':
      return `stays × ${c.factor} at ${tier(c.tier)}`;
    case 'arrivals':
      return `arrivals${c.source ? ` from ${c.source.replace(/_/g, ' ')}` : ''} × ${c.factor} at ${tier(c.tier)}`;
  }
}
