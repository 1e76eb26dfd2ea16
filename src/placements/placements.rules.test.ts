import { describe, expect, it } from 'vitest';
import { ageOn, daysBetween, fitProblems, isInFuture, transferDirection, type WardProfile } from './placements.rules.js';

const ward: WardProfile = { sex: 'male', specialism: 'mental_illness', available: 15, occupied: 14 };
const adultMan = { sex: 'male' as const, dateOfBirth: '1980-06-01' };
const at = new Date('2026-11-22T10:00:00Z');

describe('transferDirection', () => {
  it('calls moves between tiers up, down or sideways', () => {
    expect(transferDirection('medium', 'high')).toBe('up');
    expect(transferDirection('high', 'medium')).toBe('down');
    expect(transferDirection('medium', 'low')).toBe('down');
    expect(transferDirection('low', 'low')).toBe('sideways');
    expect(transferDirection('picu', 'low')).toBe('up');
  });
});

describe('fitProblems', () => {
  it('accepts a man on a male ward with the last free bed', () => {
    expect(fitProblems(adultMan, ward, at)).toEqual([]);
  });

  it('refuses when every available bed is taken, and when over', () => {
    expect(fitProblems(adultMan, { ...ward, occupied: 15 }, at).map((p) => p.code)).toEqual(['ward_full']);
    expect(fitProblems(adultMan, { ...ward, occupied: 16 }, at).map((p) => p.code)).toEqual(['ward_full']);
  });

  it('refuses the wrong sex and the wrong specialism', () => {
    expect(fitProblems({ ...adultMan, sex: 'female' }, ward, at)[0]?.code).toBe('ward_mismatch');
    expect(fitProblems({ ...adultMan, specialism: 'learning_disability' }, ward, at)[0]?.code).toBe('ward_mismatch');
  });

  it('keeps adults off adolescent wards and under-18s off adult wards, on the 18th birthday exactly', () => {
    const teen = { sex: 'male' as const, dateOfBirth: '2008-11-22' };
    const adolescentWard = { ...ward, specialism: 'adolescent' as const };
    expect(fitProblems(teen, adolescentWard, new Date('2026-11-21T12:00:00Z'))).toEqual([]);
    expect(fitProblems(teen, ward, new Date('2026-11-21T12:00:00Z'))[0]?.message).toMatch(/under 18/);
    expect(fitProblems(teen, ward, new Date('2026-11-22T12:00:00Z'))).toEqual([]);
    expect(fitProblems(teen, adolescentWard, new Date('2026-11-22T12:00:00Z'))[0]?.message).toMatch(/adult/);
  });
});

describe('dates', () => {
  it('counts age in completed years', () => {
    expect(ageOn('2000-02-29', new Date('2026-02-28T00:00:00Z'))).toBe(25);
    expect(ageOn('2000-02-29', new Date('2026-03-01T00:00:00Z'))).toBe(26);
  });

  it('allows five minutes of clock skew, not more', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    expect(isInFuture(new Date('2026-11-22T10:05:00Z'), now)).toBe(false);
    expect(isInFuture(new Date('2026-11-22T10:05:01Z'), now)).toBe(true);
  });

  it('counts completed days of stay', () => {
    expect(daysBetween(new Date('2026-01-01T10:00:00Z'), new Date('2026-01-02T09:59:59Z'))).toBe(0);
    expect(daysBetween(new Date('2026-01-01T10:00:00Z'), new Date('2026-01-02T10:00:00Z'))).toBe(1);
  });
});
