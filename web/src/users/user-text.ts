import { ROLE_LABELS, type Role } from '../../../src/shared/vocabulary.js';
import { SCOPE_LEVEL_LABELS, type ScopeLevel } from '../../../src/users/users.rules.js';
import { formatDateTime } from '../ui/format';
import type { User } from './users.api';

/** Form fields by name, to name them in the server's list of problems. */
export const USER_LABELS: Record<string, string> = { username: 'User name', displayName: 'Name', roles: 'Roles', scopes: 'Scopes', password: 'Password' };

/** A scope as the form holds it: what the API takes, and the place's name for the screen. */
export interface ScopeChoice {
  role: Role;
  level: ScopeLevel;
  refId: number;
  name: string | null;
  within?: string | null;
  retired?: boolean;
}

export const roleList = (roles: readonly Role[]) => roles.map((r) => ROLE_LABELS[r]).join(', ');

/** "Ward: Ash Ward (Moorside Unit)" */
export function placeText(s: Pick<ScopeChoice, 'level' | 'refId' | 'name' | 'within' | 'retired'>): string {
  const name = s.name ?? `number ${s.refId}, no longer in the directory`;
  return `${SCOPE_LEVEL_LABELS[s.level]}: ${name}${s.within ? ` (${s.within})` : ''}${s.retired ? ', retired' : ''}`;
}

/** "Ward clinician on Ward: Ash Ward (Moorside Unit)" */
export const scopeText = (s: ScopeChoice) => `${ROLE_LABELS[s.role]} on ${placeText(s)}`;

export const scopesText = (scopes: readonly ScopeChoice[]) => (scopes.length === 0 ? 'None' : scopes.map(scopeText).join('; '));

/** "Active", "Deactivated", "Locked until 3 Mar 2026, 14:05" */
export function statusText(u: Pick<User, 'active' | 'locked' | 'lockedUntil'>): string {
  if (!u.active) return 'Deactivated';
  if (u.locked && u.lockedUntil) return `Locked until ${formatDateTime(u.lockedUntil)}`;
  return 'Active';
}

export const lastSignInText = (u: Pick<User, 'lastSignInAt'>) => (u.lastSignInAt ? formatDateTime(u.lastSignInAt) : 'Never');

/** A strong password from the browser's random source, for the administrator to hand over once. */
export function suggestPassword(): string {
  // Letters and digits that cannot be mistaken for one another (no l, 1, I, O, 0), picked without bias.
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const limit = 256 - (256 % alphabet.length);
  let chars = '';
  while (chars.length < 15) {
    for (const b of crypto.getRandomValues(new Uint8Array(16))) if (b < limit && chars.length < 15) chars += alphabet[b % alphabet.length];
  }
  // Groups of five are easier to read out and type: "k7Pqm-WzR4t-8sNbc".
  return `${chars.slice(0, 5)}-${chars.slice(5, 10)}-${chars.slice(10, 15)}`;
}
