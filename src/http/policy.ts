import type { Permission, Role } from '../shared/vocabulary.js';

export type { Permission };

// Who may do what, by the role a user is acting in. Deny by default: a permission not listed for a
// role is refused, and a route that names no permission is refused for everyone (see auth hook).
// Issue-level scoping (which patients) is applied in each service on top of this table.

const CLINICAL_READ: Permission[] = ['beds:read', 'directory:read', 'patients:read', 'referrals:read', 'referrals:measures'];
const CLINICAL_WRITE: Permission[] = [...CLINICAL_READ, 'patients:write'];
const REFERRING: Permission[] = [...CLINICAL_READ, 'referrals:write'];
const AGGREGATE_ONLY: Permission[] = ['beds:read', 'directory:read', 'referrals:measures', 'planning:run'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  'ward-clinician': CLINICAL_WRITE,
  'ward-manager': CLINICAL_WRITE,
  // Those who refer, assess and sit on admission panels work the referral queue.
  'responsible-clinician': [...CLINICAL_WRITE, 'referrals:write'],
  'bed-manager': [...CLINICAL_WRITE, 'referrals:write'],
  'in-reach-clinician': REFERRING,
  'case-manager': REFERRING,
  // Commissioners, planners and analysts see aggregates only: never a named patient.
  commissioner: AGGREGATE_ONLY,
  'regional-planner': AGGREGATE_ONLY,
  'national-analyst': AGGREGATE_ONLY,
  admin: ['beds:read', 'directory:read', 'directory:write', 'users:admin'],
  'privacy-officer': ['directory:read', 'audit:read', 'audit:review'],
};

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function can(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

/**
 * Roles that see aggregates only, never a named patient (commissioners, planners, analysts): the
 * figures they see are disclosure-controlled (src/shared/disclosure.ts).
 */
export function seesAggregatesOnly(role: Role): boolean {
  return ROLE_PERMISSIONS[role] === AGGREGATE_ONLY;
}

/**
 * Permissions that change who can see or do what (the directory of places, user accounts): a
 * session must have proved a second factor (an authenticator code) before using them.
 */
export const SECOND_FACTOR_PERMISSIONS: readonly Permission[] = ['directory:write', 'users:admin'];
