import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, Nullable, StringEnum } from '../http/schema-kit.js';
import { ROLES } from '../shared/vocabulary.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, SCOPE_LEVELS, USER_STATUSES, USERNAME_PATTERN } from './users.rules.js';

export { USER_STATUSES, type UserStatus } from './users.rules.js';

// The API of user administration. Password hashes never appear in any of these.

const Role = StringEnum(ROLES);
const Level = StringEnum(SCOPE_LEVELS, { description: 'ward, unit, organisation, region or nation' });

export const Username = Type.String({ pattern: USERNAME_PATTERN, description: 'Lower-case letters, digits, dots and hyphens, 2 to 61 characters, e.g. j.smith' });
export const DisplayName = Type.String({ minLength: 2, maxLength: 120, description: 'The name people see, e.g. Dr Jane Smith' });
export const Password = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  description: `At least ${PASSWORD_MIN_LENGTH} characters; not the user name, a well-known password or a run along the keyboard. Stored only as an argon2id hash.`,
});

export const ScopeInput = Type.Object(
  { role: Role, level: Level, refId: Id },
  { additionalProperties: false, description: 'Where one of the user’s roles applies: a ward, unit, organisation, region or nation' },
);
export type ScopeInput = Static<typeof ScopeInput>;

export const Scope = Type.Object({
  role: Role,
  level: Level,
  refId: Id,
  /** The place's name; null when it is no longer in the directory. */
  name: Nullable(Type.String()),
  /** What the place lies in: a ward's unit, a unit's provider, a provider's region, a region's nation. */
  within: Nullable(Type.String()),
  retired: Type.Boolean(),
});
export type Scope = Static<typeof Scope>;

export const User = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Role),
  scopes: Type.Array(Scope),
  active: Type.Boolean(),
  failedLogins: Type.Integer(),
  /** Locked after repeated failed sign-ins until this time (null when not locked). */
  lockedUntil: Nullable(IsoDateTime),
  locked: Type.Boolean(),
  lastSignInAt: Nullable(IsoDateTime),
  /** Two-step sign-in (an authenticator app) is set up. */
  secondFactor: Type.Boolean(),
  /** The password was set by an administrator: the user must choose their own before anything else. */
  mustChangePassword: Type.Boolean(),
  /** When the account was bound to the person's identity at the identity provider (first sign-in through it); null: not bound. */
  providerLinkedAt: Nullable(IsoDateTime),
  createdAt: IsoDateTime,
  version: Type.Integer(),
});
export type User = Static<typeof User>;

export const UserListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 80, description: 'Part of the user name or the name' })),
  role: Type.Optional(Role),
  status: Type.Optional(StringEnum(USER_STATUSES, { description: 'active (default), deactivated, locked or all' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});
export type UserListQuery = Static<typeof UserListQuery>;

export const UserPage = Type.Object({ items: Type.Array(User), total: Type.Integer() });
export type UserPage = Static<typeof UserPage>;

const Roles = Type.Array(Role, { minItems: 1, maxItems: ROLES.length * 2, description: 'At least one role' });
const Scopes = Type.Array(ScopeInput, { maxItems: 500, description: 'Scopes for the roles given; the whole set (replaces the current one)' });

export const UserInput = Type.Object(
  { username: Username, displayName: DisplayName, roles: Roles, scopes: Type.Optional(Scopes), password: Password },
  { additionalProperties: false },
);
export type UserInput = Static<typeof UserInput>;

export const UserPatch = Type.Object(
  { displayName: Type.Optional(DisplayName), roles: Type.Optional(Roles), scopes: Type.Optional(Scopes) },
  { additionalProperties: false, minProperties: 1 },
);
export type UserPatch = Static<typeof UserPatch>;

export const PasswordInput = Type.Object({ password: Password }, { additionalProperties: false });
export type PasswordInput = Static<typeof PasswordInput>;
