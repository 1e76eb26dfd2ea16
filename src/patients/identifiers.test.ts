import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidChiNumber, isValidNhsNumber, mod11CheckDigit } from './identifiers.js';

describe('NHS number', () => {
  it('accepts a number whose check digit matches, with or without spaces', () => {
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
  });

  it('refuses a wrong check digit, a wrong length and letters', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('94347659A9')).toBe(false);
  });

  it('treats remainder 0 as check digit 0 and refuses the numbers whose check would be 10', () => {
    // 010 000 001: weighted sum 9 + 2 = 11, remainder 0 → 11 - 0 = 11 → check digit 0
    expect(mod11CheckDigit('010000001')).toBe(0);
    expect(isValidNhsNumber('0100000010')).toBe(true);
    // 000 000 005: sum 10, remainder 10 → check digit 1
    expect(mod11CheckDigit('000000005')).toBe(1);
    // 000 000 006: sum 12, remainder 1 → 11 - 1 = 10 → no valid NHS number starts with these nine digits
    expect(mod11CheckDigit('000000006')).toBe(null);
    expect([...'0123456789'].some((d) => isValidNhsNumber('000000006' + d))).toBe(false);
  });

  it('every nine digits give either no valid number or exactly one', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (nine) => {
        const valid = [...'0123456789'].filter((d) => isValidNhsNumber(nine + d));
        const check = mod11CheckDigit(nine);
        expect(valid).toEqual(check === null ? [] : [String(check)]);
      }),
    );
  });
});

describe('CHI number', () => {
  it('must start with the date of birth as DDMMYY and carry a valid check digit', () => {
    const nine = '120384125';
    const check = mod11CheckDigit(nine);
    expect(check).not.toBeNull();
    const chi = nine + String(check);
    expect(isValidChiNumber(chi, '1984-03-12')).toBe(true);
    expect(isValidChiNumber(chi, '1984-03-13')).toBe(false);
    expect(isValidChiNumber(nine + String((check! + 1) % 10))).toBe(false);
  });

  it('refuses an impossible date', () => {
    expect(isValidChiNumber('3213841234')).toBe(false);
  });
});
