import { hash, randomBytes } from 'node:crypto';
import type { Config } from '../config.js';
import type { Db, DbOrTx } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { audit } from '../audit/audit.service.js';
import { AppError } from '../http/errors.js';
import { permissionsOf } from '../http/policy.js';
import { ROLES, type Role } from '../shared/vocabulary.js';
import { SingleFlight } from '../shared/single-flight.js';
import * as repo from './auth.repo.js';
import { checkNewPassword, DUMMY_HASH, hashPassword, verifyPassword } from './password.js';
import { matchTotp, newTotpSecret, otpauthUri } from './totp.js';

/** The name an authenticator app shows against the account. */
export const TOTP_ISSUER = 'SecurePath';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

/**
 * Only the hash of a session token is stored, so a database read does not yield live sessions.
 * One-shot `hash`: this runs on every request, and is about twice as fast as createHash().
 */
export const sessionIdOf = (token: string) => hash('sha256', token);

/** A fresh session token (the cookie), the id it is kept under (its hash) and a CSRF token. */
function newSessionSecrets(): { token: string; id: string; csrfToken: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, id: sessionIdOf(token), csrfToken: randomBytes(24).toString('base64url') };
}

const asRoles = (roles: string[]) => roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));

/**
 * A resolved session is reused for this long, so a burst of requests costs one database read.
 * Sign-out on this server takes effect at once; on another server within this time.
 */
export const SESSION_CACHE_MS = 1000;
const SESSION_CACHE_MAX = 10_000;

/** A temporary lock after repeated failures holds for passwords, codes and the identity provider alike. */
function refuseIfLocked(lockedUntil: Date | null) {
  if (lockedUntil && lockedUntil > new Date()) throw new AppError('account_locked');
}

export class AuthService {
  private readonly cache = new Map<string, { caller: Caller; until: number }>();
  /**
   * Reads of sessions under way: when a session's cached entry runs out under load, the requests
   * arriving meanwhile wait for the read under way instead of each making its own. Before, fifty
   * clients on one session sent fifty reads the moment it expired (once a second), and the audited
   * record reads queued behind them for a connection of the pool.
   */
  private readonly lookups = new SingleFlight<string, Caller | undefined>();
  /**
   * How many times this server has forgotten a session or a user's sessions (signed out, changed,
   * or ended by an administrator). A read under way then may have seen the session as it was: its
   * answer serves the requests already waiting for it but is not kept, and a request arriving
   * afterwards starts a read of its own. One counter for all sessions: such changes are rare, and
   * the cost of a change to another's session is one more read.
   */
  private forgotten = 0;

  constructor(
    private readonly db: Db,
    private readonly config: Config,
  ) {}

  async login(username: string, password: string): Promise<{ token: string; caller: Caller }> {
    const name = username.trim().toLowerCase();
    const user = await repo.findUserByUsername(this.db, name);
    // Every attempt is counted before it is checked, under the account or, for a name with no active
    // account, under the name: a lock then says nothing about whether the account exists.
    if (user?.active) await this.countAttempt(user.id);
    else if (!(await repo.countAttemptForName(this.db, hash('sha256', `sign-in:${name}`), MAX_FAILED_LOGINS, LOCKOUT_MINUTES))) throw new AppError('account_locked');
    const ok = await verifyPassword(user?.password_hash ?? DUMMY_HASH, password);
    if (!user || !user.active || !ok) throw new AppError('invalid_credentials');
    await repo.clearFailedLogins(this.db, user.id);
    return this.openSession(user, 'password');
  }

  /**
   * Sign-in vouched for by an identity provider (OpenID Connect): the provider says who the person
   * is, SecurePath still decides whether they may come in, in the roles and scopes it gives them.
   * The account is the one bound to the provider's identity for the person (issuer + `sub`). At the
   * first such sign-in, the active account with the user name the provider gives is bound to it (and
   * the binding audited); an account already bound to another identity is refused, so a name
   * changed or re-used at the provider cannot open someone else's account. A locked one stays
   * locked. The provider's word counts as the second factor only when it says it checked one.
   */
  async signInVouched(
    identity: repo.ProviderIdentity & { username: string | undefined },
    opts: { secondFactor: boolean },
  ): Promise<{ token: string; caller: Caller }> {
    const bound = await repo.findUserByProviderIdentity(this.db, identity);
    const user = bound ?? (identity.username === undefined ? undefined : await repo.findUserByUsername(this.db, identity.username));
    if (!user || !user.active) throw new AppError('oidc_no_account');
    if (!bound && user.oidc_subject !== null) throw new AppError('oidc_identity_mismatch');
    refuseIfLocked(user.locked_until);
    // The binding, the session and the binding's audit event commit together or not at all: a
    // binding is never made without its event.
    return this.db.transaction().execute(async (trx) => {
      if (!bound && !(await repo.bindProviderIdentity(trx, user.id, identity))) throw new AppError('oidc_identity_mismatch');
      const session = await this.openSession(user, 'identity_provider', trx);
      if (!bound) {
        await audit(trx, session.caller, [
          { action: 'admin', patientId: null, recordType: 'user', recordId: user.id, reason: 'first sign-in through the identity provider: account bound to its identity for this person' },
        ]);
      }
      if (!opts.secondFactor) return session;
      await repo.markSecondFactor(trx, session.caller.sessionId);
      return { ...session, caller: { ...session.caller, secondFactorAt: new Date() } };
    });
  }

  /** A new session for a user whose identity has been established, acting in their first role. */
  private async openSession(user: repo.UserRow, via: repo.SignedInWith, db: DbOrTx = this.db): Promise<{ token: string; caller: Caller }> {
    const roles = asRoles(user.roles);
    const role = roles[0];
    if (!role) throw new AppError(via === 'password' ? 'invalid_credentials' : 'oidc_no_account');
    const { token, id, csrfToken } = newSessionSecrets();
    await repo.insertSession(db, { id, userId: user.id, role, csrfToken, absoluteHours: this.config.sessionAbsoluteHours, via });
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
        totpEnrolled: user.totp_enabled_at !== null,
        secondFactorAt: null,
        scope: null,
        // A session opened through the identity provider used no password, so the demand does not hold it up.
        mustChangePassword: via === 'password' && user.password_must_change,
        signedInWith: via,
      },
    };
  }

  async resolve(token: string): Promise<Caller | undefined> {
    const id = sessionIdOf(token);
    const cached = this.cache.get(id);
    if (cached && cached.until > Date.now()) return cached.caller;
    const generation = this.forgotten;
    return this.lookups.run(`${generation}:${id}`, async () => {
      const caller = await this.lookup(id);
      if (generation !== this.forgotten) return caller;
      if (caller) {
        if (this.cache.size >= SESSION_CACHE_MAX) this.cache.clear();
        this.cache.set(id, { caller, until: Date.now() + SESSION_CACHE_MS });
      } else this.cache.delete(id);
      return caller;
    });
  }

  /** Drops what this server holds of a session that ended or changed: its next request reads it afresh. */
  private forget(sessionId: string) {
    this.cache.delete(sessionId);
    this.forgotten++;
  }

  /**
   * Drops what this server holds of every session of a user whose account changed (roles, scopes,
   * deactivation, a new password): on this server the change holds from the next request. Other
   * servers catch up within SESSION_CACHE_MS.
   */
  forgetUser(userId: number) {
    for (const [id, entry] of this.cache) if (entry.caller.userId === userId) this.cache.delete(id);
    this.forgotten++;
  }

  private async lookup(id: string): Promise<Caller | undefined> {
    const row = await repo.findLiveSession(this.db, id, this.config.sessionIdleMinutes);
    if (!row) return undefined;
    const roles = asRoles(row.roles);
    const role = roles.find((r) => r === row.active_role);
    if (!role) return undefined;
    // Touch at most once a minute: the idle timeout needs no finer clock, and reads stay read-only.
    if (row.stale_touch) await repo.touchSession(this.db, id);
    return {
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      roles,
      role,
      permissions: permissionsOf(role),
      sessionId: id,
      csrfToken: row.csrf_token,
      totpEnrolled: row.totp_enrolled,
      secondFactorAt: row.second_factor_at,
      scope: row.scopes && row.scopes.map(([level, id]) => `${level} ${id}`).join(', '),
      scopes: (row.scopes ?? []).map(([level, refId]) => ({ level, refId })),
      mustChangePassword: row.password_must_change,
      signedInWith: row.signed_in_with,
    };
  }

  /** A user holding several roles acts in one at a time; switching changes what they may do at once. */
  async switchRole(caller: Caller, role: Role): Promise<Caller> {
    if (!caller.roles.includes(role)) throw new AppError('not_permitted', 'You do not hold that role.');
    await repo.setActiveRole(this.db, caller.sessionId, role);
    this.forget(caller.sessionId);
    return { ...caller, role, permissions: permissionsOf(role), scope: null, scopes: undefined };
  }

  /**
   * Starts setting up an authenticator: a new secret the user adds to their app. It takes effect
   * when they enter a first code from it (proveSecondFactor); until then the account has no second factor.
   */
  async enrolTotp(caller: Caller): Promise<{ secret: string; otpauthUri: string }> {
    const secret = newTotpSecret();
    const set = await repo.setPendingTotp(this.db, caller.userId, secret);
    if (set.numUpdatedRows === 0n) throw new AppError('second_factor_already_set_up');
    return { secret, otpauthUri: otpauthUri(TOTP_ISSUER, caller.username, secret) };
  }

  /**
   * Checks a code from the user's authenticator (confirming a new one on first use, audited) and
   * marks this session as having proved the second factor, under a new token: a copy of the token
   * taken before, while it opened a password-only session, cannot then act as an administrator or
   * claim emergency access. Wrong codes count towards the sign-in lockout.
   */
  async proveSecondFactor(caller: Caller, code: string): Promise<{ token: string; caller: Caller }> {
    await this.checkCode(caller, code, { allowPending: true });
    const { token, ...renewed } = newSessionSecrets();
    try {
      await this.db.transaction().execute(async (trx) => {
        if (!(await repo.renewProvedSession(trx, caller.sessionId, renewed))) throw new AppError('unauthenticated');
        if (!caller.totpEnrolled) {
          await audit(trx, caller, [{ action: 'admin', patientId: null, recordType: 'user', recordId: caller.userId, reason: 'set up an authenticator for two-step sign-in' }]);
        }
      });
    } finally {
      this.forget(caller.sessionId);
    }
    return { token, caller: { ...caller, sessionId: renewed.id, csrfToken: renewed.csrfToken, totpEnrolled: true, secondFactorAt: new Date() } };
  }

  /** A fresh code for one action (emergency access): checked and used up, the session unchanged. */
  async checkCode(caller: Caller, code: string, opts: { allowPending?: boolean } = {}): Promise<void> {
    const totp = await repo.selectTotp(this.db, caller.userId);
    if (!totp.totp_secret || (!totp.totp_enabled_at && !opts.allowPending)) throw new AppError('second_factor_not_set_up');
    await this.countAttempt(caller.userId);
    const step = matchTotp(totp.totp_secret, code, new Date(), totp.totp_last_step === null ? null : Number(totp.totp_last_step));
    // The conditional update is what makes a code single-use when two requests race with it.
    if (step === undefined || (await repo.useTotpStep(this.db, caller.userId, step)).numUpdatedRows === 0n) throw new AppError('second_factor_invalid');
    await repo.clearFailedLogins(this.db, caller.userId);
  }

  /** Counts an attempt to prove who one is as failed until it succeeds; refused while the account is locked. */
  private async countAttempt(userId: number) {
    if (!(await repo.countAttempt(this.db, userId, MAX_FAILED_LOGINS, LOCKOUT_MINUTES))) throw new AppError('account_locked');
  }

  /**
   * The user chooses a new password, proving the current one (a wrong one counts towards the lockout,
   * like a failed sign-in). Their other sessions end, this one goes on, and an administrator's demand
   * that they choose one is met. Audited, never with either password.
   */
  async changePassword(caller: Caller, current: string, next: string): Promise<Caller> {
    const state = await repo.selectPasswordState(this.db, caller.userId);
    await this.countAttempt(caller.userId);
    if (!(await verifyPassword(state.password_hash, current))) {
      throw new AppError('wrong_current_password', undefined, { details: [{ field: 'currentPassword', message: 'is not right' }] });
    }
    // The current password was right: the attempt no longer counts, whatever is wrong with the new one.
    await repo.clearFailedLogins(this.db, caller.userId);
    if (next === current) {
      throw new AppError('weak_password', 'The new password must differ from the current one.', { details: [{ field: 'newPassword', message: 'is the same as the current one' }] });
    }
    checkNewPassword(next, caller.username, 'newPassword');
    const passwordHash = await hashPassword(next);
    await this.db.transaction().execute(async (trx) => {
      await repo.setOwnPassword(trx, caller.userId, passwordHash);
      const ended = await repo.deleteSessions(trx, caller.userId, caller.sessionId);
      await audit(trx, caller, [{ action: 'admin', patientId: null, recordType: 'user', recordId: caller.userId, reason: `changed own password; ${ended} other session${ended === 1 ? '' : 's'} ended` }]);
    });
    this.forgetUser(caller.userId);
    return { ...caller, mustChangePassword: false };
  }

  /**
   * Forgotten once deleted, so a read of the session under way meanwhile cannot keep it alive here;
   * forgotten even if the delete failed, as its answer may have been lost after it committed.
   */
  async logout(sessionId: string) {
    try {
      return await repo.deleteSession(this.db, sessionId);
    } finally {
      this.forget(sessionId);
    }
  }
}
