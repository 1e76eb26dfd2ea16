import { describe, expect, it } from 'vitest';
import { isSmall, rounded, shownCount, withheldCells } from './disclosure.js';

describe('small-number suppression and rounding', () => {
  it('withholds counts of 1 to 7, shows 0, and rounds the rest to the nearest 5', () => {
    expect([0, 1, 7, 8, 12, 13].map((n) => shownCount(n, true))).toEqual([0, null, null, 10, 10, 15]);
    expect([2, 3, 17, 18, 22, 23, 1234].map(rounded)).toEqual([0, 5, 15, 20, 20, 25, 1235]);
    expect([0, 1, 7, 8].map(isSmall)).toEqual([false, true, true, false]);
  });

  it('gives clinical roles the exact count', () => {
    expect(shownCount(3, false)).toBe(3);
    expect(shownCount(12, false)).toBe(12);
  });
});

describe('secondary suppression within a table', () => {
  it('withholds nothing when no cell is small, and zeros are never withheld', () => {
    expect(withheldCells([0, 8, 12, 40])).toEqual([false, false, false, false]);
  });

  it('withholds the next smallest cell when a single cell is withheld, so the total minus the rest covers two cells', () => {
    // Total 1 + 9 + 30 + 40 = 80. With only the 1 withheld, 80 − (9 + 30 + 40) would give it back.
    const counts = [30, 1, 0, 40, 9];
    const withheld = withheldCells(counts);
    expect(withheld).toEqual([false, true, false, false, true]);
    const hidden = counts.filter((_, i) => withheld[i]).reduce((a, b) => a + b, 0);
    expect(hidden).toBeGreaterThan(7);
  });

  it('also withholds another cell when two small cells hold fewer than 8 people between them', () => {
    // 2 + 3 = 5: the difference would still be a small count, of two cells together.
    expect(withheldCells([2, 3, 20, 11])).toEqual([true, true, false, true]);
    // 3 + 6 = 9 people across two withheld cells: enough.
    expect(withheldCells([3, 6, 20, 11])).toEqual([true, true, false, false]);
  });

  it('counts cells already withheld (in a table nested inside) and stops when nothing is left to withhold', () => {
    expect(withheldCells([12, 9, 30], [true, false, false])).toEqual([true, false, false]);
    expect(withheldCells([4, 0, 0])).toEqual([true, false, false]);
    expect(withheldCells([])).toEqual([]);
  });

  it('leaves no table from which a total minus the cells shown isolates 1–7 people', () => {
    // Exhaustive over small tables of three cells: the withheld cells hold 0 or at least 8 people,
    // unless everything in the table is withheld (then the total itself is 1–7, and withheld).
    for (let a = 0; a <= 12; a++) {
      for (let b = 0; b <= 12; b++) {
        for (let c = 0; c <= 12; c++) {
          const counts = [a, b, c];
          const withheld = withheldCells(counts);
          const hidden = counts.filter((_, i) => withheld[i]).reduce((x, y) => x + y, 0);
          const total = a + b + c;
          expect(isSmall(hidden) && !isSmall(total), `${counts.join(', ')}`).toBe(false);
        }
      }
    }
  });
});
