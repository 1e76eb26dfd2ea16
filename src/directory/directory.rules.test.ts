import { describe, expect, it } from 'vitest';
import { wardDoesNotFitUnit, wardTier } from './directory.rules.js';

describe('wardTier', () => {
  it('follows the MHSDS security level, with level 0 split by unit type', () => {
    expect(wardTier(3, 'high_secure')).toBe('high');
    expect(wardTier(2, 'high_secure')).toBe('medium');
    expect(wardTier(1, 'medium_secure')).toBe('low');
    expect(wardTier(0, 'picu')).toBe('picu');
    expect(wardTier(0, 'general_psychiatric')).toBe('general');
  });
});

describe('wardDoesNotFitUnit', () => {
  it('allows a ward at or below its unit level and refuses one above', () => {
    expect(wardDoesNotFitUnit(2, 'medium_secure')).toBeNull();
    expect(wardDoesNotFitUnit(1, 'medium_secure')).toBeNull();
    expect(wardDoesNotFitUnit(3, 'medium_secure')).toMatch(/level 2 at most/);
    expect(wardDoesNotFitUnit(0, 'picu')).toBeNull();
    expect(wardDoesNotFitUnit(1, 'picu')).toMatch(/level 0 at most/);
  });

  it('refuses wards in prisons and community teams', () => {
    expect(wardDoesNotFitUnit(0, 'prison')).toMatch(/no beds/);
    expect(wardDoesNotFitUnit(0, 'community_forensic')).toMatch(/no beds/);
  });
});
