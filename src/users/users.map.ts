import type { Role } from '../shared/vocabulary.js';
import type { ScopeRow, UserRow } from './users.repo.js';
import { normaliseScopes } from './users.rules.js';
import type { Scope, User } from './users.schema.js';

// Row → API type. There is no password hash in the rows, so none can reach a response.

export const toScope = (r: ScopeRow): Scope => ({
  role: r.role as Role,
  level: r.level,
  refId: r.ref_id,
  name: r.name,
  within: r.within,
  retired: r.retired,
});

export function toUser(r: UserRow, scopes: readonly ScopeRow[], now: Date): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: r.roles as Role[],
    scopes: normaliseScopes(scopes.filter((s) => s.user_id === r.id).map(toScope)),
    active: r.active,
    failedLogins: r.failed_logins,
    lockedUntil: r.locked_until && r.locked_until > now ? r.locked_until.toISOString() : null,
    locked: r.locked_until !== null && r.locked_until > now,
    lastSignInAt: r.last_sign_in_at ? r.last_sign_in_at.toISOString() : null,
    secondFactor: r.totp_enabled_at !== null,
    mustChangePassword: r.password_must_change,
    providerLinkedAt: r.oidc_linked_at ? r.oidc_linked_at.toISOString() : null,
    createdAt: r.created_at.toISOString(),
    version: r.version,
  };
}
