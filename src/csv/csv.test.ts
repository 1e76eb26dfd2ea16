import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, formatCsv, parseCsv } from './csv.js';

describe('parseCsv', () => {
  it('reads quoted commas, doubled quotes and line breaks inside quotes', () => {
    const t = parseCsv('code,name\r\nA1,"Ash, ward ""one"""\nB2,"two\nlines"\n');
    expect(t.header).toEqual(['code', 'name']);
    expect(t.rows).toEqual([
      { rowNumber: 2, cells: ['A1', 'Ash, ward "one"'] },
      { rowNumber: 3, cells: ['B2', 'two\nlines'] },
    ]);
  });

  it('numbers rows as a spreadsheet shows them and skips blank lines', () => {
    const t = parseCsv('\ufeffcode\nA\n\nB');
    expect(t.rows.map((r) => [r.rowNumber, r.cells[0]])).toEqual([
      [2, 'A'],
      [4, 'B'],
    ]);
  });

  it('names the row of an unclosed quote', () => {
    expect(() => parseCsv('code\n"open')).toThrow(CsvSyntaxError);
    try {
      parseCsv('code\nok\n"open');
    } catch (e) {
      expect((e as CsvSyntaxError).rowNumber).toBe(3);
    }
  });
});

describe('formatCsv', () => {
  it('round-trips through parseCsv', () => {
    const text = formatCsv(['a', 'b'], [['x,y', 'say "hi"'], [1, null]]);
    expect(parseCsv(text).rows.map((r) => r.cells)).toEqual([
      ['x,y', 'say "hi"'],
      ['1', ''],
    ]);
  });

  it('neutralises spreadsheet formulas but keeps negative numbers', () => {
    const text = formatCsv(['a'], [['=HYPERLINK("x")'], ['-5']]);
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text).toContain('\r\n-5\r\n');
  });
});
