import type { Scope } from '../access/access.rules.js';
import type { Role } from '../shared/vocabulary.js';
import type { Permission } from './policy.js';

/** Who is asking: every service function receives it and scopes its work by it. */
export interface Caller {
  userId: number;
  username: string;
  displayName: string;
  roles: Role[];
  role: Role;
  permissions: readonly Permission[];
  sessionId: string;
  csrfToken: string;
  /** Whether the account has a confirmed authenticator, and when this session last proved it. */
  totpEnrolled: boolean;
  secondFactorAt: Date | null;
  /** The account's password was set by an administrator: until the user chooses their own, this session may do nothing else. */
  mustChangePassword?: boolean;
  /** How this session was opened; one opened through the identity provider signs out there too. */
  signedInWith?: 'password' | 'identity_provider';
  /** Where the active role reaches ("ward 12, unit 3"), recorded with each audit event. */
  scope: string | null;
  /** The same, as places; absent when not read in this request (just signed in or switched role). */
  scopes?: readonly Scope[] | undefined;
  /** The request being served, for the audit trail. */
  requestId?: string;
}
