import { Type, type Static } from 'typebox';
import { Id, StringEnum } from '../http/schema-kit.js';
import { ROLES } from '../shared/vocabulary.js';

export const LoginInput = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 80 }), password: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);

export const Me = Type.Object({
  id: Id,
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(StringEnum(ROLES)),
  activeRole: StringEnum(ROLES),
  /** What the active role may do, e.g. `patients:write`; the web app shows only what is allowed. */
  permissions: Type.Array(Type.String()),
  /** Send back as `x-csrf-token` on every request that changes something. */
  csrfToken: Type.String(),
});
export type Me = Static<typeof Me>;
