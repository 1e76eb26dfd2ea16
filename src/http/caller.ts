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
  /** The request being served, for the audit trail. */
  requestId?: string;
}
