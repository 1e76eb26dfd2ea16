import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from './engine.js';
import type { Scenario } from './scenario.js';
import { validate } from './scenario.js';
import { DAYS_PER_YEAR } from './settings.js';
import { pipeline, smallSecureSystem } from './test-scenarios.js';

// Hand-checkable runs: regular arrivals and fixed stays make every event time known, so the expected
// bed-days, waits and breaches below are worked out on paper (timelines in the comments). The
// pipeline: one high and one medium bed; prisoners referred every 100 days stay 30 days in high, then
// 250 in medium.

const run = (s: Scenario, years: number, warmupDays = 0) =>
  simulate(s, { seed: 1, years: years - warmupDays / DAYS_PER_YEAR, warmupYears: warmupDays / DAYS_PER_YEAR });

describe('excessive security and the prison clock, by hand', () => {
  it('counts one year exactly', () => {
    // A: admitted high day 100, steps down to the free medium bed day 130, in medium until day 380.
    // B: admitted high day 200, ready for medium day 230 but it is full: held in high to the end.
    // C: referred day 300, high full (B): waits in prison, breaches 14 days on day 314.
    const r = run(pipeline(1), 1);
    const high = r.tiers.high;
    const heldDays = DAYS_PER_YEAR - 230;
    expect(high.excessSecurityBedDaysPerYear).toBeCloseTo(heldDays, 6);
    expect(high.excessSecurityCostPerYear).toBeCloseTo(heldDays * (749 - 482), 4);
    expect(r.tiers.medium.excessSecurityBedDaysPerYear).toBe(0);
    expect(high.admissionsPerYear).toBe(2);
    expect(high.prisonBreachesPerYear).toBe(1);
    expect(high.prisonWithinLimitShare).toBeCloseTo(2 / 3, 12);
    expect(high.meanWaitDays).toBe(0);
    expect(high.stepDownsPerYear).toBe(1);
    expect(r.tiers.medium.transfersInPerYear).toBe(1);
    expect(high.meanLengthOfStayDays).toBeCloseTo(30, 9);
    expect(r.tiers.medium.meanLengthOfStayDays).toBeNull();
    // High bed occupied days 100–130 and 200–end; medium from 130.
    expect(high.meanOccupied).toBeCloseTo((30 + DAYS_PER_YEAR - 200) / DAYS_PER_YEAR, 9);
    expect(r.tiers.medium.meanOccupied).toBeCloseTo((DAYS_PER_YEAR - 130) / DAYS_PER_YEAR, 9);
    // Waiting: C for high from 300, B for medium from 230.
    expect(high.meanWaiting).toBeCloseTo((DAYS_PER_YEAR - 300) / DAYS_PER_YEAR, 9);
    expect(r.tiers.medium.meanWaiting).toBeCloseTo(heldDays / DAYS_PER_YEAR, 9);
    expect(r.ledger).toEqual({ initial: 0, arrivals: 3, departures: 0, inBedsAtEnd: 2, waitingAtEnd: 1 });
  });

  it('counts two years, with held people released down the chain', () => {
    // Day 380: A leaves medium; B (held since 230) takes it, 150 held days; C (waiting since 300)
    // takes B's high bed, wait 80. Day 400: D waits. Day 410: C ready, held. Day 630: B leaves; C
    // takes medium (220 held days); D takes high (wait 230). Day 660: D ready, held to the end
    // (70.5 days). E, F, G (days 500, 600, 700) still wait at the end, all past 14 days.
    const years = 2;
    const r = run(pipeline(years), years);
    const high = r.tiers.high;
    const held = 150 + 220 + (2 * DAYS_PER_YEAR - 660);
    expect(high.excessSecurityBedDaysPerYear * years).toBeCloseTo(held, 6);
    expect(r.system.excessSecurityCostPerYear * years).toBeCloseTo(held * 267, 3);
    expect(high.admissionsPerYear * years).toBe(4);
    expect(high.meanWaitDays).toBeCloseTo((0 + 0 + 80 + 230) / 4, 6);
    expect(high.medianWaitDays).toBeCloseTo(40, 6);
    expect(high.prisonBreachesPerYear * years).toBe(5);
    expect(high.prisonWithinLimitShare).toBeCloseTo(2 / 7, 12);
    expect(r.tiers.medium.meanTransferWaitDays).toBeCloseTo((0 + 150 + 220) / 3, 6);
    expect(high.meanLengthOfStayDays).toBeCloseTo((30 + 180 + 250) / 3, 6);
    expect(r.tiers.medium.meanLengthOfStayDays).toBeCloseTo(250, 6);
    expect(r.system.dischargesPerYear * years).toBe(2);
    expect(r.dischargesByDestinationPerYear.community * years).toBe(2);
    expect(r.ledger).toEqual({ initial: 0, arrivals: 7, departures: 2, inBedsAtEnd: 2, waitingAtEnd: 3 });
  });

  it('measures only after the warm-up', () => {
    // Window days 250 to 365.25: B is held throughout (115.25 days); C breaches on day 314, inside it;
    // A's and B's admissions were before it.
    const r = run(pipeline(1), 1, 250);
    const windowYears = (DAYS_PER_YEAR - 250) / DAYS_PER_YEAR;
    expect(r.tiers.high.excessSecurityBedDaysPerYear * windowYears).toBeCloseTo(DAYS_PER_YEAR - 250, 6);
    expect(r.tiers.high.admissionsPerYear).toBe(0);
    expect(r.tiers.high.meanWaitDays).toBeNull();
    expect(r.tiers.high.prisonBreachesPerYear * windowYears).toBeCloseTo(1, 9);
    expect(r.tiers.high.prisonWithinLimitShare).toBe(0);
    expect(r.tiers.high.meanOccupied).toBe(1);
  });
});

describe('simulate', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const s = smallSecureSystem();
    const a = JSON.stringify(simulate(s, { seed: 42 }));
    expect(JSON.stringify(simulate(s, { seed: 42 }))).toBe(a);
    expect(JSON.stringify(simulate(s, { seed: 43 }))).not.toBe(a);
  });

  it('conserves people: initial + arrivals = departures + in beds + waiting', () => {
    for (const seed of [1, 2, 3]) {
      const { ledger } = simulate(smallSecureSystem(), { seed });
      expect(ledger.initial + ledger.arrivals).toBe(ledger.departures + ledger.inBedsAtEnd + ledger.waitingAtEnd);
      expect(ledger.arrivals).toBeGreaterThan(0);
    }
  });

  it('keeps occupancy within beds and counts within sense, for any small valid scenario', () => {
    const tierRules = fc.record({
      mean: fc.double({ min: 5, max: 400, noNaN: true }),
      weights: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 9, maxLength: 9 }),
    });
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 3, maxLength: 3 }),
        fc.array(tierRules, { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: 0, max: 40, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 1000 }),
        (beds, rules, rates, seed) => {
          const places = ['high', 'medium', 'low', 'community', 'prison_court', 'general_hospital', 'died', 'other', 'picu'] as const;
          const tiers = ['high', 'medium', 'low'] as const;
          const json = {
            name: 'random',
            run: { years: 2, warmupYears: 0.5, initialOccupancy: 0.5 },
            tiers: Object.fromEntries(
              tiers.map((t, i) => {
                const w = rules[i]!.weights.map((x, k) => (places[k] === t ? 0 : x));
                w[3] = w[3]! + 1; // always some way out
                const total = w.reduce((s, x) => s + x, 0);
                const next = Object.fromEntries(places.map((p, k) => [p, w[k]! / total]));
                return [t, { lengthOfStay: { kind: 'exponential', meanDays: rules[i]!.mean }, next }];
              }),
            ),
            pools: [
              {
                sex: 'male',
                specialism: 'mental_illness',
                beds: { high: beds[0], medium: beds[1], low: beds[2] },
                arrivals: tiers.map((tier, i) => ({ source: 'prison', tier, perYear: rates[i] })),
              },
            ],
          };
          const v = validate(json);
          if (!v.ok) throw new Error(JSON.stringify(v.errors));
          const r = simulate(v.scenario, { seed });
          const { ledger } = r;
          expect(ledger.initial + ledger.arrivals).toBe(ledger.departures + ledger.inBedsAtEnd + ledger.waitingAtEnd);
          for (const t of tiers) {
            const m = r.tiers[t];
            expect(m.meanOccupied).toBeLessThanOrEqual(m.beds + 1e-9);
            expect(m.meanOccupied).toBeGreaterThanOrEqual(0);
            expect(m.excessSecurityBedDaysPerYear).toBeGreaterThanOrEqual(-1e-9);
            if (m.prisonWithinLimitShare !== null) expect(m.prisonWithinLimitShare).toBeLessThanOrEqual(1);
          }
          expect(r.tiers.low.excessSecurityBedDaysPerYear).toBe(0);
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it('refuses a horizon that is not a positive number', () => {
    expect(() => simulate(smallSecureSystem(), { seed: 1, years: 0 })).toThrow(/years/);
    expect(() => simulate(smallSecureSystem(), { seed: 1, warmupYears: -1 })).toThrow(/warmupYears/);
  });
});
