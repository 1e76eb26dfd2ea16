import { SCOPE_LEVELS, type ScopeLevel } from '../access/access.rules.js';
import { can } from '../http/policy.js';
import { ROLES, type Role } from '../shared/vocabulary.js';

// The rules of user administration, pure and shared with the web app: the password policy, which
// roles take scopes, what an administrator may not do to their own account, and how a change to an
// account reads in the audit trail.

export { SCOPE_LEVELS, type ScopeLevel };

export const SCOPE_LEVEL_LABELS: Record<ScopeLevel, string> = {
  ward: 'Ward',
  unit: 'Unit',
  organisation: 'Organisation',
  region: 'Region',
  nation: 'Nation',
};

/** Which accounts a list shows. */
export const USER_STATUSES = ['active', 'deactivated', 'locked', 'all'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** User names as the database allows them (app_user CHECK, migration 0001). */
export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9.-]{1,60}$';

/**
 * Password policy. Length over composition rules, and refusing the obvious, as NIST SP 800-63B
 * (§5.1.1.2) and the NCSC password guidance advise; 12 characters is this service's minimum (issue 3,
 * item 8). The longest matches what sign-in accepts (src/auth/auth.schema.ts).
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** Fewer different characters than this is a pattern, not a password ("aaaaaaaaaaaa", "abababababab"). */
export const PASSWORD_MIN_DISTINCT = 5;

const COMMON_WORDS = ['password', 'passw0rd', 'qwerty', 'letmein', 'welcome', 'changeme', 'securepath', 'iloveyou', 'admin', 'administrator', 'monkey', 'dragon', 'football', 'secret', 'trustno'];
const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '9': 'g', '@': 'a', $: 's', '!': 'i' };
const RUNS = ['0123456789012345678901234567890', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiopasdfghjklzxcvbnm', '9876543210987654321098765432109', 'zyxwvutsrqponmlkjihgfedcba'];

/** Problems with a new password (empty when it is acceptable), each to follow the word "Password". */
export function passwordProblems(password: string, username = ''): string[] {
  const problems: string[] = [];
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (chars.length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  const lower = password.toLowerCase();
  if (new Set(chars).size < PASSWORD_MIN_DISTINCT) problems.push(`must use at least ${PASSWORD_MIN_DISTINCT} different characters`);
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name)) problems.push('must not contain the user name');
  // The word inside: digits and symbols trimmed from the ends, the usual swaps undone ("P@ssw0rd1!").
  const letters = lower
    .replace(/^[^a-z]+|[^a-z]+$/g, '')
    .replace(/[0134579@$!]/g, (c) => LEET[c] ?? c)
    .replace(/[^a-z]/g, '');
  // A common word dressed up with digits and symbols ("Password123!"), or a run along the keyboard.
  if (COMMON_WORDS.includes(letters) || RUNS.some((run) => run.includes(lower))) {
    problems.push('is a well-known or easily guessed password');
  }
  return problems;
}

/** Roles whose reach is decided by scopes: those that see named patients or referrals. */
export function roleUsesScopes(role: Role): boolean {
  return can(role, 'patients:read') || can(role, 'referrals:read');
}

/** Roles without repeats, in the vocabulary's order. */
export function normaliseRoles(roles: readonly Role[]): Role[] {
  return ROLES.filter((r) => roles.includes(r));
}

export interface ScopeRef {
  role: Role;
  level: ScopeLevel;
  refId: number;
  /** The place's name, when known: for the audit reason and the screen. */
  name?: string | null;
}

export const scopeKey = (s: ScopeRef) => `${s.role}|${s.level}|${s.refId}`;

/** Scopes without repeats, in a stable order (role, then level from ward up, then id). */
export function normaliseScopes<S extends ScopeRef>(scopes: readonly S[]): S[] {
  const seen = new Map<string, S>();
  for (const s of scopes) if (!seen.has(scopeKey(s))) seen.set(scopeKey(s), s);
  return [...seen.values()].sort(
    (a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role) || SCOPE_LEVELS.indexOf(a.level) - SCOPE_LEVELS.indexOf(b.level) || a.refId - b.refId,
  );
}

/** The positions of scopes for roles the user would not hold. */
export function scopesForRolesNotHeld(roles: readonly Role[], scopes: readonly ScopeRef[]): number[] {
  return scopes.flatMap((s, i) => (roles.includes(s.role) ? [] : [i]));
}

/**
 * What an administrator may not do to their own account: lock themselves out, leave nobody able to
 * administer by taking away their own administrator role, or give themselves a role or scope (the
 * role of system administrator reaches no patient; another administrator must grant that reach, so
 * no one person can). Returns the reason, or null.
 */
export function selfChangeProblem(
  callerId: number,
  targetId: number,
  change: { deactivate?: boolean; roles?: readonly Role[]; held?: readonly Role[]; scopesChanged?: boolean },
): string | null {
  if (callerId !== targetId) return null;
  if (change.deactivate) return 'You cannot deactivate your own account. Ask another administrator.';
  if (change.roles && !change.roles.includes('admin')) return 'You cannot take away your own system administrator role. Ask another administrator.';
  if (change.roles && change.roles.some((r) => !(change.held ?? []).includes(r))) return 'You cannot give yourself a role. Ask another administrator.';
  if (change.scopesChanged) return 'You cannot change where your own roles reach. Ask another administrator.';
  return null;
}

/** "ward 12 (Ash Ward) as ward-clinician" */
export function describeScope(s: ScopeRef): string {
  return `${s.level} ${s.refId}${s.name ? ` (${s.name})` : ''} as ${s.role}`;
}

export const NO_CHANGE = 'no change';

export interface AccountState {
  displayName: string;
  roles: readonly Role[];
  scopes: readonly ScopeRef[];
  active: boolean;
}

/**
 * The audit reason for a change to an account: what changed, never a password, e.g.
 * `roles: +ward-manager, -admin; scopes: +ward 12 (Ash Ward) as ward-manager; deactivated`.
 * A new account (before = null) starts with "created".
 */
export function describeChange(before: AccountState | null, after: AccountState, extra: readonly string[] = []): string {
  const parts: string[] = [];
  if (!before) parts.push('created');
  if (before && before.displayName !== after.displayName) parts.push(`display name: ${JSON.stringify(before.displayName)} → ${JSON.stringify(after.displayName)}`);
  const beforeRoles = before?.roles ?? [];
  const roleChanges = [...after.roles.filter((r) => !beforeRoles.includes(r)).map((r) => `+${r}`), ...beforeRoles.filter((r) => !after.roles.includes(r)).map((r) => `-${r}`)];
  if (roleChanges.length > 0) parts.push(`roles: ${roleChanges.join(', ')}`);
  const beforeScopes = new Map((before?.scopes ?? []).map((s) => [scopeKey(s), s]));
  const afterScopes = new Map(after.scopes.map((s) => [scopeKey(s), s]));
  const scopeChanges = [
    ...[...afterScopes].filter(([k]) => !beforeScopes.has(k)).map(([, s]) => `+${describeScope(s)}`),
    ...[...beforeScopes].filter(([k]) => !afterScopes.has(k)).map(([, s]) => `-${describeScope(s)}`),
  ];
  if (scopeChanges.length > 0) parts.push(`scopes: ${scopeChanges.join(', ')}`);
  if (before && before.active !== after.active) parts.push(after.active ? 'reactivated' : 'deactivated');
  if (!before && !after.active) parts.push('deactivated');
  parts.push(...extra);
  return parts.length > 0 ? parts.join('; ') : NO_CHANGE;
}
