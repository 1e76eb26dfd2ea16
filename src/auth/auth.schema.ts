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
  /** Two-step sign-in: whether an authenticator is set up, and whether this session has proved it. */
  totpEnrolled: Type.Boolean(),
  secondFactorVerified: Type.Boolean(),
  /** The password was set by an administrator: choose a new one (POST /api/auth/password) before anything else. */
  mustChangePassword: Type.Boolean(),
  /** How this session was opened: one opened through the identity provider signs out there too (GET /api/auth/oidc/logout). */
  signedInWith: StringEnum(['password', 'identity_provider'] as const),
});
export type Me = Static<typeof Me>;

export const PasswordChange = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200, description: 'at least 12 characters, not easy to guess' }),
  },
  { additionalProperties: false },
);

export const SecondFactorSetup = Type.Object({
  /** Type this into the authenticator app if it cannot scan the QR code. */
  secret: Type.String(),
  otpauthUri: Type.String(),
});
export const SecondFactorCode = Type.Object({ code: Type.String({ pattern: '^\\s*\\d{3}\\s?\\d{3}\\s*$', description: 'the 6-digit code from the authenticator app' }) }, { additionalProperties: false });

/** How one may sign in here: the sign-in page shows "Sign in with <name>" when an identity provider is set up. */
export const SignInOptions = Type.Object({
  password: Type.Boolean(),
  oidc: Type.Union([Type.Object({ name: Type.String() }), Type.Null()]),
});
export type SignInOptions = Static<typeof SignInOptions>;

/** Why a sign-in through the identity provider was refused: the sign-in page shows these, and only these. */
export const OIDC_ERROR_CODES = ['oidc_failed', 'oidc_no_account', 'oidc_identity_mismatch', 'account_locked'] as const;
export type OidcErrorCode = (typeof OIDC_ERROR_CODES)[number];
