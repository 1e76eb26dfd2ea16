import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrate, type Calibration } from './calibration.js';
import { generateDirectory } from './nation.js';
import { simulateHistory } from './pathways.js';

// A generated nation at scale 1 against the figures of the domain brief (§1–2).

const asOf = new Date('2026-11-22T00:00:00Z');
let cal: Calibration;

beforeAll(() => {
  const dir = generateDirectory(1, 1);
  cal = calibrate(dir, simulateHistory(dir, { seed: 1, asOf, years: 22 }));
});

describe('demo nation at scale 1', () => {
  it('has tier bed counts of the right order: ≈700 high, ≈3,500 medium, ≈3,500 low', () => {
    expect(cal.bedsByTier.high).toBeGreaterThanOrEqual(600);
    expect(cal.bedsByTier.high).toBeLessThanOrEqual(800);
    for (const tier of ['medium', 'low'] as const) {
      expect(cal.bedsByTier[tier]).toBeGreaterThanOrEqual(3200);
      expect(cal.bedsByTier[tier]).toBeLessThanOrEqual(3800);
    }
  });

  it('holds about 7,500 people now, with secure occupancy between 90% and 96%', () => {
    expect(cal.currentPatients).toBeGreaterThanOrEqual(7000);
    expect(cal.currentPatients).toBeLessThanOrEqual(8000);
    for (const tier of ['high', 'medium', 'low'] as const) {
      expect(cal.occupancyByTier[tier], tier).toBeGreaterThanOrEqual(0.9);
      expect(cal.occupancyByTier[tier], tier).toBeLessThanOrEqual(0.96);
    }
  });

  it('has at least five years of history and a third of high/medium stays ending within two years, nearly half over five', () => {
    expect(cal.historyYears).toBeGreaterThanOrEqual(5);
    expect(cal.highMediumStays.cohort).toBeGreaterThan(5000);
    expect(cal.highMediumStays.under2Years).toBeGreaterThanOrEqual(0.28);
    expect(cal.highMediumStays.under2Years).toBeLessThanOrEqual(0.38);
    expect(cal.highMediumStays.over5Years).toBeGreaterThanOrEqual(0.42);
    expect(cal.highMediumStays.over5Years).toBeLessThanOrEqual(0.52);
  });

  it('sends medium secure discharges near 27% community, 26.5% criminal justice, 34% low secure', () => {
    const d = cal.mediumDestinations;
    expect(d.count).toBeGreaterThan(5000);
    expect(Math.abs(d.community - 0.27)).toBeLessThan(0.03);
    expect(Math.abs(d.criminalJustice - 0.265)).toBeLessThan(0.03);
    expect(Math.abs(d.lowSecure - 0.34)).toBeLessThan(0.03);
  });

  it('has about a third of secure beds in the independent sector and enough history for the scale-10 benchmark', () => {
    expect(cal.independentShareOfSecureBeds).toBeGreaterThan(0.28);
    expect(cal.independentShareOfSecureBeds).toBeLessThan(0.42);
    expect(cal.placements).toBeGreaterThanOrEqual(100_000);
  });
});

describe('determinism', () => {
  const fingerprint = (seed: number) => {
    const dir = generateDirectory(1, seed);
    const h = simulateHistory(dir, { seed, asOf, years: 6 });
    return createHash('sha256').update(JSON.stringify([dir, h.patients, h.placements])).digest('hex');
  };

  // Three whole nations with six years of history: seconds of CPU, more on a busy shared machine.
  it('makes the same nation for the same seed and a different one for another', { timeout: 30_000 }, () => {
    const seven = fingerprint(7);
    expect(fingerprint(7)).toBe(seven);
    expect(fingerprint(8)).not.toBe(seven);
  });
});
