import type { Role } from '../shared/vocabulary.js';
import { can } from './policy.js';

// The second half of the policy: once a role may call a route at all (policy.ts), which records it
// reaches. Together they are the one table a matrix test checks every route against:
// role × action (the route's permission) × resource (the route's reach) × relationship.

/** A legitimate relationship between a user, acting in a role, and a record. */
export const RELATIONSHIPS = [
  // Placed now, or within the relationship window, on a ward inside one of the user's scopes.
  'placed',
  // A referral about the person sits with, came from, or was offered a bed in the user's scope,
  // or the user made it: open, or closed within the relationship window.
  'referred',
  // Assigned to the user as case manager.
  'assigned',
  // Registered by the user and not yet placed anywhere (within the window).
  'registered',
  // Emergency access the user claimed for this patient, while it lasts.
  'break_glass',
  // The user made it (planning jobs, comparator sets): nobody else sees it.
  'owner',
] as const;
export type Relationship = (typeof RELATIONSHIPS)[number];

/**
 * How a route's record is reached; `role` means the permission alone decides. `move` is taking a
 * patient off the ward they are on (transfer, discharge): any relationship shows the record, but
 * only a user with rights at that ward may move them (`placed`, and placed there now: the services
 * check the ward itself); the others are refused (403), as they can see the person anyway.
 */
export type Reach = 'role' | 'patient' | 'move' | 'referral' | 'owner';

/** Which relationships open each kind of record. */
export const REACHED_THROUGH: Record<Exclude<Reach, 'role'>, readonly Relationship[]> = {
  patient: ['placed', 'referred', 'assigned', 'registered', 'break_glass'],
  move: ['placed', 'referred', 'assigned', 'registered', 'break_glass'],
  // Emergency access opens the patient's record, not the referral queue.
  referral: ['referred'],
  owner: ['owner'],
};

/** Relationships each role can hold at all. Aggregate-only roles hold none to any person. */
export function relationshipsOf(role: Role): readonly Relationship[] {
  const own: Relationship[] = can(role, 'planning:run') ? ['owner'] : [];
  if (!can(role, 'patients:read')) return own;
  return role === 'case-manager' ? ['referred', 'assigned', 'registered', 'break_glass', ...own] : ['placed', 'referred', 'registered', 'break_glass', ...own];
}

/**
 * Every API route and how its record is reached, keyed `METHOD /api/path`. A route missing here
 * fails the policy matrix test, so a new route cannot ship without saying who reaches what.
 */
export const ROUTE_REACH: Record<string, Reach> = {
  'GET /api/health': 'role',
  'GET /api/openapi.json': 'role',
  'POST /api/auth/login': 'role',
  'POST /api/auth/logout': 'role',
  'POST /api/auth/role': 'role',
  'POST /api/auth/password': 'role',
  'GET /api/auth/me': 'role',
  'POST /api/auth/second-factor/setup': 'role',
  'POST /api/auth/second-factor': 'role',
  // Signing in through an identity provider (OpenID Connect): public, before anyone is known.
  'GET /api/auth/options': 'role',
  'GET /api/auth/oidc/start': 'role',
  'GET /api/auth/oidc/callback': 'role',
  'GET /api/auth/oidc/logout': 'role',

  // User accounts are staff records: the administrator's role opens every one of them.
  'GET /api/users': 'role',
  'POST /api/users': 'role',
  'GET /api/users/:id': 'role',
  'PATCH /api/users/:id': 'role',
  'POST /api/users/:id/deactivate': 'role',
  'POST /api/users/:id/reactivate': 'role',
  'POST /api/users/:id/unlock': 'role',
  'POST /api/users/:id/second-factor/reset': 'role',
  'POST /api/users/:id/provider-link/remove': 'role',
  'POST /api/users/:id/password': 'role',

  'GET /api/directory/nations': 'role',
  'GET /api/directory/regions': 'role',
  'GET /api/directory/organisations': 'role',
  'GET /api/directory/units': 'role',
  'GET /api/directory/wards': 'role',
  'GET /api/directory/organisations/:id': 'role',
  'GET /api/directory/units/:id': 'role',
  'GET /api/directory/wards/:id': 'role',
  'POST /api/directory/organisations': 'role',
  'POST /api/directory/units': 'role',
  'POST /api/directory/wards': 'role',
  'PATCH /api/directory/organisations/:id': 'role',
  'PATCH /api/directory/units/:id': 'role',
  'PATCH /api/directory/wards/:id': 'role',
  'POST /api/directory/organisations/:id/retire': 'role',
  'POST /api/directory/units/:id/retire': 'role',
  'POST /api/directory/wards/:id/retire': 'role',
  'GET /api/directory/export': 'role',
  'POST /api/directory/import': 'role',

  'GET /api/beds/state': 'role',
  'GET /api/beds/wards': 'role',
  // With a patient named, the search ranks beds for that person: it needs a relationship.
  'GET /api/beds/find': 'patient',

  'GET /api/patients': 'patient',
  'POST /api/patients': 'role',
  'GET /api/patients/:id': 'patient',
  'PATCH /api/patients/:id': 'patient',
  'POST /api/patients/:id/admit': 'patient',
  'POST /api/patients/:id/transfer': 'move',
  'POST /api/patients/:id/discharge': 'move',
  'POST /api/patients/:id/conferences': 'patient',
  'POST /api/patients/:id/prison-returns': 'patient',
  'GET /api/prison-returns': 'patient',
  'POST /api/prison-returns/:id/reception': 'patient',
  'POST /api/prison-returns/:id/supervision': 'patient',
  // A conference about a patient; one that belongs to a referral needs that referral's reach too.
  'POST /api/conferences/:id/record': 'patient',

  'GET /api/referrals': 'referral',
  'POST /api/referrals': 'role',
  'GET /api/referrals/settings': 'role',
  'GET /api/referrals/measures': 'role',
  'GET /api/referrals/notice': 'role',
  'GET /api/referrals/:id': 'referral',
  'POST /api/referrals/:id/assessments': 'referral',
  'POST /api/referrals/:id/decisions': 'referral',
  'POST /api/referrals/:id/forward': 'referral',
  'POST /api/referrals/:id/offer': 'referral',
  'POST /api/referrals/:id/admit': 'referral',
  'POST /api/referrals/:id/close': 'referral',
  'PUT /api/referrals/:id/breach-reason': 'referral',
  'POST /api/referrals/:id/conferences': 'referral',
  'PUT /api/referrals/:id/direction': 'referral',

  // The privacy officer's view covers every patient: the role, not a relationship, opens it.
  'GET /api/audit/patients/:id': 'role',
  'GET /api/audit/denied': 'role',
  'GET /api/audit/verify': 'role',
  'GET /api/audit/break-glass': 'role',
  'POST /api/audit/break-glass/:id/review': 'role',
  // Claiming emergency access is how a clinician without a relationship gets one.
  'POST /api/access/break-glass': 'role',

  'GET /api/planning/calibration': 'role',
  'GET /api/planning/limits': 'role',
  'GET /api/planning/scenario-schema': 'role',
  'GET /api/planning/provision': 'role',
  'GET /api/planning/comparators/examples': 'role',
  'GET /api/planning/jobs': 'owner',
  'POST /api/planning/jobs': 'role',
  'POST /api/planning/capacity-search': 'role',
  'GET /api/planning/jobs/:id': 'owner',
  'DELETE /api/planning/jobs/:id': 'owner',
  'GET /api/planning/comparators': 'owner',
  'POST /api/planning/comparators': 'role',
  'PUT /api/planning/comparators/:id': 'owner',
  'DELETE /api/planning/comparators/:id': 'owner',
};

export type Decision = 'allow' | 'forbid' | 'hide';

/**
 * What the policy says a role gets on a route, given the relationships the user holds to the
 * record: refused outright (403: the role may not do this to anyone), answered exactly as if the
 * record did not exist (404: not theirs), or served.
 */
export function decide(role: Role, permission: string, reach: Reach, held: readonly Relationship[]): Decision {
  if (permission !== 'public' && permission !== 'session' && !can(role, permission as never)) return 'forbid';
  if (reach === 'role') return 'allow';
  const holdable = relationshipsOf(role);
  const holds = (r: Relationship) => held.includes(r) && holdable.includes(r);
  if (!REACHED_THROUGH[reach].some(holds)) return 'hide';
  return reach === 'move' && !holds('placed') ? 'forbid' : 'allow';
}
