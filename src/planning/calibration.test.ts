import { describe, expect, it } from 'vitest';
import { Random } from '../seed/random.js';
import type { Sex } from '../shared/vocabulary.js';
import { calibrate, CalibrationError, type AreaBeds } from './calibration.js';
import type { NextPlace, SecureTier, Source } from './places.js';
import { DAYS_PER_YEAR } from './settings.js';
import { DAY_MS, stayOf, type Stay } from './stays.js';

// Calibration recovers the parameters of a synthetic history generated from known ones: arrival
// rates by pool, tier and source; lognormal and Weibull stays; where stays lead. The history runs 30
// years; the window is the last 10, so many stays are seen part-way, as in a real register. About
// 2,000 stays per tier put the standard error of each stay parameter near 1.7%, so the 5% tolerance
// below is about three standard errors.

const TRUTH = {
  arrivals: [
    { sex: 'male', tier: 'medium', source: 'prison', perYear: 120 },
    { sex: 'male', tier: 'medium', source: 'court', perYear: 50 },
    { sex: 'male', tier: 'low', source: 'community', perYear: 80 },
    { sex: 'female', tier: 'low', source: 'community', perYear: 40 },
  ] as { sex: Sex; tier: SecureTier; source: Source; perYear: number }[],
  medium: { medianDays: 500, sigma: 0.7, next: { low: 0.5, community: 0.3, prison_court: 0.2 } as Partial<Record<NextPlace, number>> },
  low: { scaleDays: 400, shape: 1.5, next: { community: 0.8, medium: 0.1, died: 0.1 } as Partial<Record<NextPlace, number>> },
};
const BEDS: AreaBeds[] = [
  { tier: 'medium', sex: 'male', specialism: 'mental_illness', beds: 300 },
  { tier: 'low', sex: 'male', specialism: 'mental_illness', beds: 240 },
  // Women have low secure beds only: their step-ups to medium go outside the area.
  { tier: 'low', sex: 'female', specialism: 'mental_illness', beds: 60 },
];
const YEAR_0 = Date.UTC(2000, 0, 1) / DAY_MS;
const FROM = new Date(Date.UTC(2020, 0, 1));
const TO = new Date(Date.UTC(2030, 0, 1));

/** Stays of people arriving by Poisson streams and moving on by the true rules, with beds for all. */
function syntheticHistory(seed: number): Stay[] {
  const rng = new Random(seed);
  const end = YEAR_0 + 30 * DAYS_PER_YEAR;
  const stays: Stay[] = [];
  const pick = (next: Partial<Record<NextPlace, number>>) => rng.weighted(next as Record<NextPlace, number>);
  const visit = (sex: Sex, tier: SecureTier, start: number, source: Source | null) => {
    for (;;) {
      const length = tier === 'medium' ? rng.lognormal(TRUTH.medium.medianDays, TRUTH.medium.sigma) : TRUTH.low.scaleDays * Math.pow(-Math.log(1 - rng.next()), 1 / TRUTH.low.shape);
      const next = pick(TRUTH[tier as 'medium' | 'low'].next);
      const stop = start + length;
      stays.push({ tier, sex, specialism: 'mental_illness', start, end: stop < end ? stop : null, source, next: stop < end ? next : null, wardMoves: 0 });
      // Women needing medium secure leave the area; the history of this area ends for them there.
      if (stop >= end || (next !== 'medium' && next !== 'low') || (sex === 'female' && next === 'medium')) return;
      [tier, start, source] = [next, stop, null];
    }
  };
  for (const a of TRUTH.arrivals) for (let t = YEAR_0 + rng.exponential(DAYS_PER_YEAR / a.perYear); t < end; t += rng.exponential(DAYS_PER_YEAR / a.perYear)) visit(a.sex, a.tier, t, a.source);
  return stays;
}

describe('calibration from a synthetic history with known parameters', () => {
  const { scenario, report } = calibrate({ area: 'Testshire', from: FROM, to: TO, stays: syntheticHistory(2024), beds: BEDS, tariffs: { high: 749, medium: 482, low: 416 } });
  const [men, women] = scenario.pools;

  it('recovers arrival rates by pool, tier and source (within three standard errors)', () => {
    for (const a of TRUTH.arrivals) {
      const pool = a.sex === 'male' ? men! : women!;
      const got = pool.arrivals.find((x) => x.tier === a.tier && x.source === a.source)!.perYear;
      const se = Math.sqrt(a.perYear / 10);
      expect(Math.abs(got - a.perYear), `${a.sex} ${a.tier} from ${a.source}: ${got}`).toBeLessThan(3 * se);
    }
    expect(women!.arrivals).toHaveLength(1);
  });

  it('chooses the right family for each tier and recovers its parameters within 5%', () => {
    const medium = scenario.tiers.medium!.lengthOfStay;
    expect(medium.kind).toBe('lognormal');
    if (medium.kind !== 'lognormal') return;
    expect(medium.medianDays / TRUTH.medium.medianDays).toBeCloseTo(1, 1);
    expect(Math.abs(medium.sigma / TRUTH.medium.sigma - 1)).toBeLessThan(0.05);
    const low = scenario.tiers.low!.lengthOfStay;
    expect(low.kind).toBe('weibull');
    if (low.kind !== 'weibull') return;
    expect(Math.abs(low.scaleDays / TRUTH.low.scaleDays - 1)).toBeLessThan(0.05);
    expect(Math.abs(low.shape / TRUTH.low.shape - 1)).toBeLessThan(0.05);
    // The report shows the fit against the observed (Kaplan–Meier) curve, close at every decile shown.
    for (const q of report.tiers.find((t) => t.tier === 'medium')!.lengthOfStay.quantiles) expect(Math.abs(q.observedDays! / q.fittedDays - 1)).toBeLessThan(0.08);
  });

  it('recovers where stays lead, within 0.03', () => {
    for (const [place, p] of Object.entries(TRUTH.medium.next)) expect(Math.abs(scenario.tiers.medium!.next[place as NextPlace]! - p)).toBeLessThan(0.03);
    // Low → medium mixes men (who step up here) and women (who need it too): the tier's rule keeps it.
    expect(Math.abs(scenario.tiers.low!.next.medium! - TRUTH.low.next.medium!)).toBeLessThan(0.03);
  });

  it("sends a pool's steps to a tier it has no beds at out of the area, and keeps the beds", () => {
    expect(men!.beds).toEqual({ high: 0, medium: 300, low: 240 });
    expect(men!.next).toBeUndefined();
    expect(women!.beds).toEqual({ high: 0, medium: 0, low: 60 });
    expect(women!.next?.low?.medium).toBeUndefined();
    expect(Math.abs(women!.next!.low!.other! - TRUTH.low.next.medium!)).toBeLessThan(0.03);
    expect(report.pools.map((p) => p.name)).toEqual(['Men, mental illness', 'Women, mental illness']);
  });

  it('reports observed occupancy and the window, and names the scenario after the area', () => {
    const medium = report.tiers.find((t) => t.tier === 'medium')!;
    // Little's law for the truth: 170 arrivals a year (and step-ups from low) × a mean stay of
    // 500 × e^(0.7²/2) ≈ 639 days ≈ 300 beds occupied, plus a few.
    expect(medium.meanOccupied).toBeGreaterThan(300);
    expect(medium.meanOccupied).toBeLessThan(360);
    expect(report.windowYears).toBeCloseTo(10, 2);
    expect(scenario.name).toBe('Testshire, calibrated 2020-01-01 to 2030-01-01');
    expect(scenario.targets).toEqual({ prisonWithinLimitShare: 0.9, medianWaitDays: 7 });
  });
});

describe('what calibration refuses', () => {
  it('too few ended stays at a tier, saying what to do', () => {
    const stays = syntheticHistory(7).filter((s) => s.tier === 'medium');
    const attempt = () => calibrate({ area: 'Testshire', from: FROM, to: TO, stays, beds: BEDS, tariffs: { high: 749, medium: 482, low: 416 } });
    expect(attempt).toThrow(CalibrationError);
    expect(attempt).toThrow(/Fewer than 8 low secure stays ended in Testshire between 2020-01-01 and 2030-01-01; at least 8 are needed .* Choose a longer window or a larger area/);
  });

  it('an area with no secure beds', () => {
    expect(() => calibrate({ area: 'Nowhere', from: FROM, to: TO, stays: [], beds: [], tariffs: { high: 1, medium: 1, low: 1 } })).toThrow(/Nowhere has no high, medium or low secure beds/);
  });
});

describe('under disclosure control (planners, commissioners, analysts)', () => {
  // Ten years of medium secure stays, plus a few arrivals to a tier the area has no beds for.
  const stays: Stay[] = syntheticHistory(11).filter((s) => s.tier === 'medium' || s.tier === 'low');
  const few = (n: number, source: Stay['source']): Stay[] =>
    Array.from({ length: n }, (_, i) => ({ ...stays[0]!, tier: 'high', sex: 'female', source, start: FROM.getTime() / DAY_MS + 10 + 30 * i, end: null, next: null, wardMoves: 0 }));
  const input = { area: 'Testshire', from: FROM, to: TO, beds: BEDS, tariffs: { high: 749, medium: 482, low: 416 } };
  const exact = calibrate({ ...input, stays: [...stays, ...few(3, 'court'), ...few(8, 'prison')] });
  const controlled = calibrate({ ...input, stays: [...stays, ...few(3, 'court'), ...few(8, 'prison')], controlled: true });
  const years = controlled.report.windowYears;

  it('withholds counts of 1 to 7 and rounds the rest to 5, rates worked out from those', () => {
    const court = controlled.report.arrivals.find((a) => a.tier === 'high' && a.source === 'court')!;
    const prison = controlled.report.arrivals.find((a) => a.tier === 'high' && a.source === 'prison')!;
    expect(court).toMatchObject({ count: null, perYear: 5 / years });
    expect(prison).toMatchObject({ count: 10, perYear: 10 / years });
    for (const a of controlled.report.arrivals) expect(a.count === null || a.count % 5 === 0).toBe(true);
    // Without control (no role today), the same history is counted exactly.
    expect(exact.report.arrivals.find((a) => a.tier === 'high' && a.source === 'court')).toMatchObject({ count: 3, perYear: 3 / years });
  });

  it('gives the model only rates from rounded counts, and says no small count in its notes', () => {
    for (const pool of controlled.scenario.pools) for (const a of pool.arrivals) expect(Math.round(a.perYear * years) % 5).toBe(0);
    const text = JSON.stringify(controlled.report.notes);
    expect(text).toMatch(/fewer than 8 admissions to high secure from court/);
    expect(text).toMatch(/about 10 admissions to high secure from prison/);
    expect(text).not.toMatch(/: 3 admissions|: 8 admissions/);
    expect(JSON.stringify(exact.report.notes)).toMatch(/: 3 admissions to high secure from court/);
    expect([controlled.report.disclosureControlled, exact.report.disclosureControlled]).toEqual([true, false]);
  });

  it('rounds the stays seen and ended, and the stays behind each next step, with shares from the rounded counts', () => {
    const tier = controlled.report.tiers.find((t) => t.tier === 'medium')!;
    const truth = exact.report.tiers.find((t) => t.tier === 'medium')!;
    expect(tier.staysSeen).toBe(Math.round(truth.staysSeen / 5) * 5);
    expect(tier.staysEnded).toBe(Math.round(truth.staysEnded / 5) * 5);
    for (const n of tier.next) expect(n.stays === null || n.stays % 5 === 0).toBe(true);
    const modelled = truth.next.map((n) => (n.stays! <= 7 ? 5 : Math.round(n.stays! / 5) * 5));
    const sum = modelled.reduce((s, n) => s + n, 0);
    expect(tier.next.map((n) => n.share)).toEqual(modelled.map((n) => n / sum));
  });
});

describe('placements become stays', () => {
  const row = {
    tier: 'medium',
    sex: 'male',
    specialism: 'mental_illness',
    startedAt: new Date('2021-01-01T00:00:00Z'),
    endedAt: new Date('2022-01-01T00:00:00Z'),
    startKind: 'admission',
    source: 'prison',
    prevTier: null,
    prevInside: null,
    endReason: 'transfer',
    destination: null,
    nextTier: 'low',
    wardMoves: 1,
  };
  const end = Date.UTC(2023, 0, 1) / DAY_MS;

  it('by where they came from and led to', () => {
    expect(stayOf(row, end)).toMatchObject({ source: 'prison', next: 'low', wardMoves: 1 });
    expect(stayOf({ ...row, startKind: 'transfer', source: null, prevTier: 'picu', prevInside: true }, end).source).toBe('picu');
    expect(stayOf({ ...row, startKind: 'transfer', source: null, prevTier: 'high', prevInside: true }, end).source).toBeNull();
    expect(stayOf({ ...row, startKind: 'transfer', source: null, prevTier: 'high', prevInside: false }, end).source).toBe('other');
    expect(stayOf({ ...row, nextTier: 'medium' }, end).next).toBe('other');
    expect(stayOf({ ...row, nextTier: 'general' }, end).next).toBe('general_hospital');
    expect(stayOf({ ...row, endReason: 'discharge', destination: 'community', nextTier: null }, end).next).toBe('community');
  });

  it('still going if the stay ends after the window', () => {
    expect(stayOf(row, Date.UTC(2021, 6, 1) / DAY_MS)).toMatchObject({ end: null, next: null });
  });
});
