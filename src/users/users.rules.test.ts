import { describe, expect, it } from 'vitest';
import { ROLES } from '../shared/vocabulary.js';
import {
  describeChange,
  normaliseRoles,
  normaliseScopes,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  passwordProblems,
  roleUsesScopes,
  scopesForRolesNotHeld,
  selfChangeProblem,
  USERNAME_PATTERN,
  type AccountState,
} from './users.rules.js';

describe('password policy', () => {
  it('needs at least 12 characters: 11 is refused, 12 accepted', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(passwordProblems('tulip-moss-k')).toEqual([]);
    expect(passwordProblems('tulip-moss-')).toEqual(['must be at least 12 characters']);
  });

  it('counts characters, not bytes', () => {
    expect(passwordProblems('ñandú-café-ü')).toEqual([]);
  });

  it('accepts up to the longest sign-in takes, and no longer', () => {
    const long = 'correct horse battery staple '.repeat(10);
    expect(passwordProblems(long.slice(0, PASSWORD_MAX_LENGTH))).toEqual([]);
    expect(passwordProblems(long.slice(0, PASSWORD_MAX_LENGTH + 1))).toContain(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  });

  it('refuses patterns: too few different characters, keyboard runs, common words dressed up', () => {
    expect(passwordProblems('aaaaaaaaaaaa')).toContain('must use at least 5 different characters');
    expect(passwordProblems('abcdabcdabcd')).toContain('must use at least 5 different characters');
    expect(passwordProblems('abcdeabcdeab')).toEqual([]);
    expect(passwordProblems('123456789012')).toContain('is a well-known or easily guessed password');
    expect(passwordProblems('qwertyuiopas')).toContain('is a well-known or easily guessed password');
    expect(passwordProblems('Password1234!')).toContain('is a well-known or easily guessed password');
    expect(passwordProblems('S3curePath2026!')).toContain('is a well-known or easily guessed password');
  });

  it('refuses a password containing the user name, in any case', () => {
    expect(passwordProblems('my-J.Smith-pass', 'j.smith')).toContain('must not contain the user name');
    expect(passwordProblems('lantern-oak-river', 'j.smith')).toEqual([]);
  });
});

describe('user names', () => {
  it('match what the database allows', () => {
    const re = new RegExp(USERNAME_PATTERN);
    expect(re.test('j.smith')).toBe(true);
    expect(re.test('ward-clinician')).toBe(true);
    expect(re.test('J.Smith')).toBe(false);
    expect(re.test('j')).toBe(false);
    expect(re.test('.smith')).toBe(false);
    expect(re.test('a'.repeat(61))).toBe(true);
    expect(re.test('a'.repeat(62))).toBe(false);
  });
});

describe('roles and scopes', () => {
  it('gives scopes to the roles that reach named patients or referrals only', () => {
    expect(ROLES.filter(roleUsesScopes)).toEqual(['ward-clinician', 'ward-manager', 'responsible-clinician', 'bed-manager', 'in-reach-clinician', 'case-manager']);
  });

  it('orders roles as the vocabulary does, without repeats', () => {
    expect(normaliseRoles(['admin', 'ward-clinician', 'admin'])).toEqual(['ward-clinician', 'admin']);
  });

  it('drops repeated scopes and orders them by role, level and place', () => {
    const scopes = normaliseScopes([
      { role: 'bed-manager', level: 'region', refId: 3 },
      { role: 'ward-clinician', level: 'unit', refId: 9 },
      { role: 'ward-clinician', level: 'ward', refId: 12 },
      { role: 'ward-clinician', level: 'ward', refId: 12 },
    ]);
    expect(scopes.map((s) => `${s.role}:${s.level}:${s.refId}`)).toEqual(['ward-clinician:ward:12', 'ward-clinician:unit:9', 'bed-manager:region:3']);
  });

  it('finds scopes for roles the user would not hold', () => {
    expect(scopesForRolesNotHeld(['ward-clinician'], [{ role: 'ward-clinician', level: 'ward', refId: 1 }, { role: 'bed-manager', level: 'region', refId: 2 }])).toEqual([1]);
  });
});

describe('changes to your own account', () => {
  it('refuses deactivating yourself or dropping your own administrator role', () => {
    expect(selfChangeProblem(7, 7, { deactivate: true })).toMatch(/cannot deactivate your own account/);
    expect(selfChangeProblem(7, 7, { roles: ['bed-manager'] })).toMatch(/system administrator role/);
    expect(selfChangeProblem(7, 7, { roles: ['admin', 'bed-manager'], held: ['admin', 'bed-manager'] })).toBeNull();
  });

  it('refuses giving yourself a role or a scope: another administrator must grant reach to patients', () => {
    expect(selfChangeProblem(7, 7, { roles: ['admin', 'bed-manager'], held: ['admin'] })).toMatch(/cannot give yourself a role/);
    expect(selfChangeProblem(7, 7, { roles: ['admin'], held: ['admin', 'bed-manager'] })).toBeNull();
    expect(selfChangeProblem(7, 7, { scopesChanged: true })).toMatch(/where your own roles reach/);
    expect(selfChangeProblem(7, 8, { roles: ['admin', 'bed-manager'], held: ['admin'], scopesChanged: true })).toBeNull();
  });

  it('allows the same to someone else’s account', () => {
    expect(selfChangeProblem(7, 8, { deactivate: true })).toBeNull();
    expect(selfChangeProblem(7, 8, { roles: ['bed-manager'] })).toBeNull();
  });
});

describe('the audit reason', () => {
  const before: AccountState = { displayName: 'Jo Bloggs', roles: ['ward-clinician', 'admin'], scopes: [{ role: 'ward-clinician', level: 'ward', refId: 4, name: 'Ash Ward' }], active: true };

  it('says what changed: roles, scopes, activity', () => {
    const after: AccountState = {
      ...before,
      roles: ['ward-clinician', 'ward-manager'],
      scopes: [...before.scopes, { role: 'ward-manager', level: 'ward', refId: 12, name: 'Birch Ward' }],
      active: false,
    };
    expect(describeChange(before, after)).toBe('roles: +ward-manager, -admin; scopes: +ward 12 (Birch Ward) as ward-manager; deactivated');
  });

  it('names a new account and anything extra, and says when nothing changed', () => {
    expect(describeChange(null, before)).toBe('created; roles: +ward-clinician, +admin; scopes: +ward 4 (Ash Ward) as ward-clinician');
    expect(describeChange(before, { ...before, displayName: 'Jo Smith' }, ['password reset'])).toBe('display name: "Jo Bloggs" → "Jo Smith"; password reset');
    expect(describeChange(before, before)).toBe('no change');
  });
});
