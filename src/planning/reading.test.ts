import { describe, expect, it } from 'vitest';
import { describeComparison, formatChange, formatChangeRange, formatValue, HEADLINE_MEASURES, verdict, withInterval } from './reading.js';
import type { Interval } from './statistics.js';

// Figures read the same in the web page and the CLI; a change is called better or worse only when its
// 95% interval excludes no change.

const at = (mean: number, ciLow: number, ciHigh: number): Interval => ({ n: 20, mean, sd: 1, ciLow, ciHigh, p025: ciLow, p975: ciHigh });
const compliance = HEADLINE_MEASURES.find((m) => m.key === 'prisonWithinLimitShare')!;

describe('reading planning figures', () => {
  it('says a change in plain words, with its interval and whether it is better', () => {
    expect(describeComparison(compliance, at(0.61, 0.58, 0.64), at(0.74, 0.71, 0.77), at(0.13, 0.1, 0.16))).toBe(
      '14-day compliance (prison transfers) 61% → 74% (+13.0 points, 95% CI +10.0 to +16.0 points): better',
    );
  });

  it('calls a change clear only when its interval excludes zero', () => {
    const wait = HEADLINE_MEASURES.find((m) => m.key === 'meanWaitDays')!;
    expect(verdict(at(-2, -3, -1), wait.better)).toBe('better');
    expect(verdict(at(2, 1, 3), wait.better)).toBe('worse');
    expect(verdict(at(-2, -3, 0.5), wait.better)).toBe('no clear change');
    expect(verdict(at(5, 4, 6), null)).toBe('changed');
  });

  it('formats values, changes and intervals as people read them', () => {
    expect(formatValue(1234567.8, 'money')).toBe('£1,234,568');
    expect(formatValue(-51178, 'money')).toBe('−£51,178');
    expect(formatValue(4.24, 'days')).toBe('4.2 days');
    expect(formatChange(-0.021, 'share')).toBe('−2.1 points');
    expect(formatChange(-45000, 'money')).toBe('−£45,000');
    expect(formatChangeRange(-98334, -24260, 'money')).toBe('−£98,334 to −£24,260');
    expect(formatChangeRange(-7.9, 19, 'beds')).toBe('−7.9 to +19.0 beds');
    // Shares stay within 0–100% and counts at or above zero, whatever Student's t says.
    expect(withInterval(at(0.98, 0.95, 1.014), 'share')).toBe('98% (95% CI 95% to 100.0%)');
    expect(withInterval(at(2.4, -2.6, 7.3), 'days')).toBe('2.4 days (95% CI 0.0 days to 7.3 days)');
    expect(withInterval(at(0, 0, 0), 'days')).toBe('0.0 days');
  });
});
