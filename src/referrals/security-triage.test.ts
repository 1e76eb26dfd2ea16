import { describe, expect, it } from 'vitest';
import { supervisionIndication, supervisionProblems } from './security-triage.js';
import { loadInstruments, ratingProblems } from './instruments.js';

describe('prison supervision criteria', () => {
  it('points to high for any of items 1–4, medium for 5–10 only, low for none', () => {
    expect(supervisionIndication([4])).toBe('high');
    expect(supervisionIndication([5, 10, 1])).toBe('high');
    expect(supervisionIndication([5])).toBe('medium');
    expect(supervisionIndication([10])).toBe('medium');
    expect(supervisionIndication([])).toBe('low');
  });

  it('refuses items that do not exist or repeat', () => {
    expect(supervisionProblems([0, 11, 3, 3])).toEqual([
      'supervision criterion 0 does not exist (items are 1 to 10)',
      'supervision criterion 11 does not exist (items are 1 to 10)',
      'supervision criterion 3 is listed twice',
    ]);
  });
});

describe('shipped instrument definitions', () => {
  const instruments = loadInstruments();

  it('ship DUNDRUM-1 with 11 security items and DUNDRUM-2 with 6 urgency items, rated 0–4', () => {
    expect(instruments.get('DUNDRUM-1')?.items).toHaveLength(11);
    expect(instruments.get('DUNDRUM-2')?.items).toHaveLength(6);
    expect(instruments.get('DUNDRUM-1')?.scale).toEqual({ min: 0, max: 4 });
  });

  it('names each problem with a set of ratings', () => {
    const d2 = instruments.get('DUNDRUM-2')!;
    expect(ratingProblems(d2, { U1: 4, U2: 5, U3: 1, U4: 0, U5: 2, X9: 1 })).toEqual([
      'X9 is not an item of DUNDRUM-2',
      'U2 (Mental health) must be a whole number from 0 to 4',
      'U6 (Legal urgency) is not rated',
    ]);
    expect(ratingProblems(d2, { U1: 4, U2: 3, U3: 1, U4: 0, U5: 2, U6: 0 })).toEqual([]);
  });
});
