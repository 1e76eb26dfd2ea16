import { describe, expect, it } from 'vitest';
import { Random } from '../seed/random.js';
import { normalCdf, normalQuantile } from './normal.js';
import { fitStays, kaplanMeier, quantileOf, survivalOf, type StayObservation } from './stay-fit.js';

// Stays seen through a window: those begun before it are seen from a later age, those still going at
// its end are cut short. The fit must recover the true distribution from such views.

/** Stays begun at random over 30 years, seen through the window of years 20–25. */
function throughWindow(draw: (rng: Random) => number, seed: number, perYear = 400): StayObservation[] {
  const rng = new Random(seed);
  const [from, to] = [20 * 365.25, 25 * 365.25];
  const out: StayObservation[] = [];
  for (let start = 0; start < to; start += rng.exponential(365.25 / perYear)) {
    const end = start + draw(rng);
    if (end <= from) continue;
    out.push({ entry: Math.max(0, from - start), exit: Math.min(end, to) - start, ended: end <= to });
  }
  return out;
}

describe('fitting stays seen through a window', () => {
  it('recovers a lognormal, chooses it over the others, and matches Kaplan–Meier', () => {
    const obs = throughWindow((rng) => rng.lognormal(400, 0.8), 11);
    // Plenty are cut at one end or the other: ignoring them would bias the answer.
    expect(obs.filter((o) => !o.ended).length).toBeGreaterThan(200);
    expect(obs.filter((o) => o.entry > 0).length).toBeGreaterThan(200);
    const fit = fitStays(obs);
    expect(fit.chosen.family).toBe('lognormal');
    const d = fit.chosen.distribution as { medianDays: number; sigma: number };
    expect(d.medianDays).toBeGreaterThan(400 * 0.95);
    expect(d.medianDays).toBeLessThan(400 * 1.05);
    expect(d.sigma).toBeGreaterThan(0.8 * 0.95);
    expect(d.sigma).toBeLessThan(0.8 * 1.05);
    for (const q of fit.quantiles.filter((x) => x.p <= 0.75)) expect(q.observedDays! / q.fittedDays).toBeCloseTo(1, 1);
    const atMedian = fit.survival.find((s) => s.days >= 400)!;
    expect(Math.abs(atMedian.observed! - atMedian.fitted)).toBeLessThan(0.03);
  });

  it('recovers a Weibull and an exponential', () => {
    const weibull = fitStays(throughWindow((rng) => 600 * Math.pow(-Math.log(1 - rng.next()), 1 / 1.6), 12));
    expect(weibull.chosen.family).toBe('weibull');
    const w = weibull.chosen.distribution as { scaleDays: number; shape: number };
    expect(w.scaleDays / 600).toBeCloseTo(1, 1);
    expect(w.shape / 1.6).toBeCloseTo(1, 1);
    const exponential = fitStays(throughWindow((rng) => rng.exponential(250), 13));
    // An exponential is a Weibull of shape 1: AIC prefers the simpler family when they fit alike.
    expect(exponential.fits.find((f) => f.family === 'exponential')!.aic).toBeLessThan(exponential.fits.find((f) => f.family === 'weibull')!.aic + 2.01);
    const e = exponential.fits.find((f) => f.family === 'exponential')!.distribution as { meanDays: number };
    expect(e.meanDays / 250).toBeCloseTo(1, 1);
  });

  it('refuses a window in which no stay ended', () => {
    expect(() => fitStays([{ entry: 0, exit: 100, ended: false }])).toThrow(/no stay ended inside the window/);
  });
});

describe('Kaplan–Meier and the closed forms', () => {
  it('is the plain share still going when nothing is cut short', () => {
    const km = kaplanMeier([10, 20, 30, 40].map((exit) => ({ entry: 0, exit, ended: true })));
    expect([5, 10, 25, 40].map((d) => km.at(d))).toEqual([1, 0.75, 0.5, 0]);
    expect(km.quantile(0.5)).toBe(20);
    expect(km.quantile(0.99)).toBe(40);
  });

  it('takes out stays that were cut short from those at risk, without counting them as ended', () => {
    // Ends at 10 (1 of 4 at risk), cut at 15, ends at 20 (1 of 2 at risk): 0.75 × 0.5.
    const km = kaplanMeier([
      { entry: 0, exit: 10, ended: true },
      { entry: 0, exit: 15, ended: false },
      { entry: 0, exit: 20, ended: true },
      { entry: 0, exit: 30, ended: false },
    ]);
    expect(km.at(25)).toBeCloseTo(0.375, 12);
    expect(km.quantile(0.9)).toBeNull();
  });

  it('inverts its own distribution functions', () => {
    for (const d of [
      { kind: 'lognormal', medianDays: 300, sigma: 0.9 },
      { kind: 'weibull', scaleDays: 500, shape: 1.3 },
      { kind: 'exponential', meanDays: 120 },
    ] as const)
      for (const p of [0.05, 0.5, 0.95]) expect(1 - survivalOf(d, quantileOf(d, p))).toBeCloseTo(p, 6);
    expect(normalCdf(normalQuantile(0.975))).toBeCloseTo(0.975, 7);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
  });
});
