import { createHash, randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { Db } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError } from '../http/errors.js';
import { permissionsOf } from '../http/policy.js';
import { ROLES, type Role } from '../shared/vocabulary.js';
import * as repo from './auth.repo.js';
import { DUMMY_HASH, verifyPassword } from './password.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

/** Only the hash of a session token is stored, so a database read does not yield live sessions. */
export const sessionIdOf = (token: string) => createHash('sha256').update(token).digest('hex');

const asRoles = (roles: string[]) => roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));

/**
 * A resolved session is reused for this long, so a burst of requests costs one database read.
 * Sign-out on this server takes effect at once; on another server within this time.
 */
export const SESSION_CACHE_MS = 1000;
const SESSION_CACHE_MAX = 10_000;

export class AuthService {
  private readonly cache = new Map<string, { caller: Caller; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  async login(username: string, password: string): Promise<{ token: string; caller: Caller }> {
    const user = await repo.findUserByUsername(this.db, username.trim().toLowerCase());
    const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
    if (!user || !user.active) throw new AppError('invalid_credentials');
    if (user.locked_until && user.locked_until > new Date()) throw new AppError('account_locked');
    if (!ok) {
      await repo.recordFailedLogin(this.db, user.id, MAX_FAILED_LOGINS, LOCKOUT_MINUTES);
      throw new AppError('invalid_credentials');
    }
    await repo.clearFailedLogins(this.db, user.id);
    const roles = asRoles(user.roles);
    const role = roles[0];
    if (!role) throw new AppError('invalid_credentials');
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const id = sessionIdOf(token);
    await repo.insertSession(this.db, { id, userId: user.id, role, csrfToken, absoluteHours: this.config.sessionAbsoluteHours });
    return {
      token,
      caller: {
        userId: user.id,
        username: user.username,
        displayName: user.display_name,
        roles,
        role,
        permissions: permissionsOf(role),
        sessionId: id,
        csrfToken,
      },
    };
  }

  async resolve(token: string): Promise<Caller | undefined> {
    const id = sessionIdOf(token);
    const cached = this.cache.get(id);
    if (cached && cached.until > Date.now()) return cached.caller;
    const caller = await this.lookup(id);
    if (caller) {
      if (this.cache.size >= SESSION_CACHE_MAX) this.cache.clear();
      this.cache.set(id, { caller, until: Date.now() + SESSION_CACHE_MS });
    } else this.cache.delete(id);
    return caller;
  }

  private async lookup(id: string): Promise<Caller | undefined> {
    const row = await repo.findLiveSession(this.db, id, this.config.sessionIdleMinutes);
    if (!row) return undefined;
    // Touch at most once a minute: the idle timeout needs no finer clock, and reads stay read-only.
    if (row.stale_touch) await repo.touchSession(this.db, id);
    const roles = asRoles(row.roles);
    const role = roles.find((r) => r === row.active_role);
    if (!role) return undefined;
    return {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      roles,
      role,
      permissions: permissionsOf(role),
      sessionId: id,
      csrfToken: row.csrf_token,
    };
  }

  /** A user holding several roles acts in one at a time; switching changes what they may do at once. */
  async switchRole(caller: Caller, role: Role): Promise<Caller> {
    if (!caller.roles.includes(role)) throw new AppError('not_permitted', 'You do not hold that role.');
    await repo.setActiveRole(this.db, caller.sessionId, role);
    this.cache.delete(caller.sessionId);
    return { ...caller, role, permissions: permissionsOf(role) };
  }

  logout(sessionId: string) {
    this.cache.delete(sessionId);
    return repo.deleteSession(this.db, sessionId);
  }
}
