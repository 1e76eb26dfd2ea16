import { describe, expect, it } from 'vitest';
import { simulate } from './engine.js';
import { erlangC, mmcScenario } from './mmc.js';
import { DAYS_PER_YEAR } from './settings.js';

// The engine against queueing theory: an M/M/c ward (1 arrival a day, stays exponential with mean
// 5 days, 6 beds) has exact answers. One long fixed-seed run; 4 million days puts the standard error
// of the mean wait near 0.6%, well inside the 2% allowed.

const ARRIVALS_PER_DAY = 1;
const MEAN_STAY = 5;
const BEDS = 6;
const DAYS = 4_000_000;

describe('M/M/6 ward, 4 million days', () => {
  const exact = erlangC(ARRIVALS_PER_DAY, MEAN_STAY, BEDS);
  const r = simulate(mmcScenario(ARRIVALS_PER_DAY, MEAN_STAY, BEDS), { seed: 2026, years: DAYS / DAYS_PER_YEAR, warmupYears: 1000 / DAYS_PER_YEAR });
  const ward = r.tiers.medium;

  it('matches Erlang C for the probability of waiting and the mean wait within 2%', () => {
    expect(exact.waitProbability).toBeCloseTo(0.5875, 4);
    expect(exact.meanWaitDays).toBeCloseTo(2.9376, 4);
    expect(Math.abs(ward.waitedShare! / exact.waitProbability - 1)).toBeLessThan(0.02);
    expect(Math.abs(ward.meanWaitDays! / exact.meanWaitDays - 1)).toBeLessThan(0.02);
  });

  it("obeys Little's law within 1%: beds occupied = arrival rate × mean stay", () => {
    const arrivalsPerDay = ward.admissionsPerYear / DAYS_PER_YEAR;
    expect(Math.abs(ward.meanOccupied / (arrivalsPerDay * ward.meanLengthOfStayDays!) - 1)).toBeLessThan(0.01);
    expect(Math.abs(ward.meanOccupied / (ARRIVALS_PER_DAY * MEAN_STAY) - 1)).toBeLessThan(0.01);
    // And for the queue: people waiting = arrival rate × mean wait.
    expect(Math.abs(ward.meanWaiting / (arrivalsPerDay * ward.meanWaitDays!) - 1)).toBeLessThan(0.01);
  });

  it('conserves people', () => {
    const { ledger } = r;
    expect(ledger.initial + ledger.arrivals).toBe(ledger.departures + ledger.inBedsAtEnd + ledger.waitingAtEnd);
    expect(ledger.arrivals).toBeGreaterThan(DAYS * 0.99);
  });
});
