import { Value } from 'typebox/value';
import type { TSchema } from 'typebox';
import { audit } from '../audit/audit.service.js';
import { deleteSessions } from '../auth/auth.repo.js';
import type { AuthService } from '../auth/auth.service.js';
import { checkNewPassword, hashPassword } from '../auth/password.js';
import type { Clock } from '../clock.js';
import type { Db, DbOrTx, Tx } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError, notFound, type ErrorDetail } from '../http/errors.js';
import { checkIfMatch } from '../http/versioning.js';
import { describeValidation } from '../http/validation-messages.js';
import type { Role } from '../shared/vocabulary.js';
import { toUser } from './users.map.js';
import * as repo from './users.repo.js';
import {
  describeChange,
  describeScope,
  NO_CHANGE,
  normaliseRoles,
  normaliseScopes,
  scopesForRolesNotHeld,
  selfChangeProblem,
  SCOPE_LEVELS,
  type AccountState,
  type ScopeRef,
} from './users.rules.js';
import { PasswordInput, UserInput, UserListQuery, UserPatch, type ScopeInput, type User, type UserPage } from './users.schema.js';

const DEFAULT_PAGE = 50;

/** The unique index on user names (migration 0001). */
const USERNAME_KEY = 'app_user_username_key';

/** Input from the CLI has not been through the route's schema: check it the same way. */
function checked<T>(schema: TSchema, input: unknown): T {
  const issues = [...Value.Errors(schema, input)];
  if (issues.length > 0) {
    const details = describeValidation(issues);
    throw new AppError('validation_failed', details[0] ? `${details[0].field}: ${details[0].message}` : undefined, { details });
  }
  return input as T;
}

function cleanName(displayName: string): string {
  const name = displayName.trim().replace(/\s+/g, ' ');
  if (name.length < 2) throw new AppError('validation_failed', 'displayName: must be at least 2 characters', { details: [{ field: 'displayName', message: 'must be at least 2 characters' }] });
  return name;
}

/** What one change to an account does, given the account as it stands (null: nothing to do). */
type Decide = (
  trx: Tx,
  before: AccountState & { scopes: ScopeRef[]; roles: Role[] },
  row: repo.UserRow,
) => Promise<{ change: repo.UserChange; scopes?: ScopeRef[]; after: AccountState; extra?: string[] } | null>;

const isUniqueViolation = (e: unknown, constraint: string) =>
  typeof e === 'object' && e !== null && (e as { code?: string }).code === '23505' && (e as { constraint?: string }).constraint === constraint;

/**
 * Administration of user accounts: who may sign in, in which roles, over which places. Every change
 * and every look at the accounts is audited in the same transaction; every change is made against
 * the version the administrator saw (If-Match) when they send one.
 */
export class UsersService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** This server's kept sessions, forgotten for an account that changed (see change). */
    private readonly sessions: Pick<AuthService, 'forgetUser'>,
  ) {}

  private requireAdmin(caller: Caller) {
    if (!caller.permissions.includes('users:admin')) throw new AppError('not_permitted');
  }

  /** The account as the API shows it, without auditing (for the actions that audit themselves). */
  private async load(db: DbOrTx, id: number): Promise<User> {
    const row = await repo.selectUser(db, id);
    if (!row) throw notFound('User');
    return toUser(row, await repo.selectScopes(db, [id]), this.clock.now());
  }

  async list(caller: Caller, query: UserListQuery = {}): Promise<UserPage> {
    this.requireAdmin(caller);
    const q = checked<UserListQuery>(UserListQuery, query);
    const status = q.status ?? 'active';
    const text = q.q?.trim() || undefined;
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const rows = await repo.selectUsers(trx, { q: text, role: q.role, status, limit: q.limit ?? DEFAULT_PAGE, offset: q.offset ?? 0, now });
      const scopes = await repo.selectScopes(trx, rows.map((r) => r.id));
      const total = rows[0] ? Number(rows[0].total) : 0;
      const filters = [text ? `q=${JSON.stringify(text)}` : null, q.role ? `role=${q.role}` : null, `status=${status}`].filter(Boolean).join(', ');
      await audit(trx, caller, [{ action: 'list', patientId: null, recordType: 'user', reason: `user accounts listed (${filters}): ${rows.length} of ${total} shown` }]);
      return { items: rows.map((r) => toUser(r, scopes, now)), total };
    });
  }

  async get(caller: Caller, id: number): Promise<User> {
    this.requireAdmin(caller);
    return this.db.transaction().execute(async (trx) => {
      const user = await this.load(trx, id);
      await audit(trx, caller, [{ action: 'read', patientId: null, recordType: 'user', recordId: id }]);
      return user;
    });
  }

  /** The id of an account by its user name (the CLI names accounts by user name). */
  async idOf(caller: Caller, username: string): Promise<number> {
    this.requireAdmin(caller);
    const id = await repo.selectUserId(this.db, username.trim().toLowerCase());
    if (id === undefined) throw new AppError('not_found', `There is no user called ${username}.`);
    return id;
  }

  async create(caller: Caller, input: UserInput): Promise<User> {
    this.requireAdmin(caller);
    const body = checked<UserInput>(UserInput, input);
    const username = body.username.trim().toLowerCase();
    const displayName = cleanName(body.displayName);
    const roles = normaliseRoles(body.roles);
    checkNewPassword(body.password, username);
    // Hashing takes a moment of CPU and memory: done before the transaction, which it need not hold open.
    const passwordHash = await hashPassword(body.password);
    try {
      return await this.db.transaction().execute(async (trx) => {
        if ((await repo.selectUserId(trx, username)) !== undefined) throw new AppError('username_taken', `The user name ${username} is taken. Choose another.`, { details: [{ field: 'username', message: 'is taken' }] });
        const scopes = await this.checkScopes(trx, roles, body.scopes ?? [], []);
        const id = await repo.insertUser(trx, { username, displayName, passwordHash, roles });
        await repo.replaceScopes(trx, id, scopes);
        const reason = describeChange(null, { displayName, roles, scopes, active: true });
        await audit(trx, caller, [{ action: 'admin', patientId: null, recordType: 'user', recordId: id, reason }]);
        return this.load(trx, id);
      });
    } catch (e) {
      // Two administrators creating the same user name at once: the unique index decides.
      if (isUniqueViolation(e, USERNAME_KEY)) throw new AppError('username_taken', `The user name ${username} is taken. Choose another.`, { details: [{ field: 'username', message: 'is taken' }] });
      throw e;
    }
  }

  async update(caller: Caller, id: number, ifMatch: string | undefined, patch: UserPatch): Promise<User> {
    this.requireAdmin(caller);
    const body = checked<UserPatch>(UserPatch, patch);
    return this.change(caller, id, ifMatch, async (trx, before) => {
      const roles = body.roles ? normaliseRoles(body.roles) : before.roles;
      const displayName = body.displayName !== undefined ? cleanName(body.displayName) : before.displayName;
      // Without new scopes, the scopes of roles taken away go with them and the rest stay.
      const scopes = body.scopes ? await this.checkScopes(trx, roles, body.scopes, before.scopes) : before.scopes.filter((s) => roles.includes(s.role));
      const scopesChanged = body.scopes !== undefined && scopeKeys(scopes).join() !== scopeKeys(before.scopes).join();
      const refused = selfChangeProblem(caller.userId, id, { roles, held: before.roles, scopesChanged });
      if (refused) throw new AppError('self_change_refused', refused, { details: [{ field: scopesChanged && !body.roles ? 'scopes' : 'roles', message: refused }] });
      const after = { displayName, roles, scopes, active: before.active };
      if (describeChange(before, after) === NO_CHANGE) return null;
      return { change: { display_name: displayName, roles }, scopes, after };
    });
  }

  async deactivate(caller: Caller, id: number, ifMatch: string | undefined): Promise<User> {
    this.requireAdmin(caller);
    const refused = selfChangeProblem(caller.userId, id, { deactivate: true });
    if (refused) throw new AppError('self_change_refused', refused);
    return this.change(caller, id, ifMatch, async (trx, before) => {
      if (!before.active) return null;
      // The database ends the sessions too (migration 0007); counted here for the audit trail.
      const ended = await deleteSessions(trx, id);
      return { change: { active: false }, after: { ...before, active: false }, extra: [`${ended} session${ended === 1 ? '' : 's'} ended`] };
    });
  }

  async reactivate(caller: Caller, id: number, ifMatch: string | undefined): Promise<User> {
    this.requireAdmin(caller);
    return this.change(caller, id, ifMatch, async (_trx, before) => (before.active ? null : { change: { active: true }, after: { ...before, active: true } }));
  }

  /** Clears failed sign-ins and any lock, so the user may try again at once. */
  async unlock(caller: Caller, id: number, ifMatch: string | undefined): Promise<User> {
    this.requireAdmin(caller);
    return this.change(caller, id, ifMatch, async (_trx, before, row) => {
      if (row.failed_logins === 0 && row.locked_until === null) return null;
      const wasLocked = row.locked_until !== null && row.locked_until > this.clock.now();
      return { change: { failed_logins: 0, locked_until: null }, after: before, extra: [`${wasLocked ? 'unlocked' : 'failed sign-ins cleared'} (${row.failed_logins} failed sign-in${row.failed_logins === 1 ? '' : 's'})`] };
    });
  }

  /**
   * Takes away the user's authenticator (a lost or replaced phone): they set up a new one the next
   * time it is asked for. Their sessions end, so none keeps a second factor proved with the old one.
   */
  resetSecondFactor(caller: Caller, id: number, ifMatch: string | undefined): Promise<User> {
    return this.takeAway(caller, id, ifMatch, (row) => row.totp_enabled_at !== null, { totp_secret: null, totp_enabled_at: null, totp_last_step: null }, 'two-step sign-in reset');
  }

  /**
   * Removes the account's binding to an identity at the identity provider (the person's provider
   * account was replaced, or the binding was made wrongly): the next sign-in through the provider
   * binds it again, to whoever the provider then names with this user name. Their sessions end.
   */
  unlinkProvider(caller: Caller, id: number, ifMatch: string | undefined): Promise<User> {
    return this.takeAway(caller, id, ifMatch, (row) => row.oidc_linked_at !== null, { oidc_issuer: null, oidc_subject: null, oidc_linked_at: null }, 'identity provider binding removed');
  }

  /**
   * Takes away something the account holds (an authenticator, a provider binding) and ends its
   * sessions, so no session outlives what it was proved with; nothing to take away, no change.
   */
  private takeAway(caller: Caller, id: number, ifMatch: string | undefined, holds: (row: repo.UserRow) => boolean, change: repo.UserChange, what: string): Promise<User> {
    this.requireAdmin(caller);
    return this.change(caller, id, ifMatch, async (trx, before, row) => {
      if (!holds(row)) return null;
      const ended = await deleteSessions(trx, id);
      return { change, after: before, extra: [what, `${ended} session${ended === 1 ? '' : 's'} ended`] };
    });
  }

  /** Sets a new password, ends the user's sessions and lifts any lock; the audit trail says so, never what it is. */
  async resetPassword(caller: Caller, id: number, ifMatch: string | undefined, input: PasswordInput): Promise<User> {
    this.requireAdmin(caller);
    const { password } = checked<PasswordInput>(PasswordInput, input);
    const current = await this.load(this.db, id);
    checkNewPassword(password, current.username);
    const passwordHash = await hashPassword(password);
    return this.change(caller, id, ifMatch, async (trx, before) => {
      const ended = await deleteSessions(trx, id);
      return {
        change: { password_hash: passwordHash, failed_logins: 0, locked_until: null, password_must_change: true },
        after: before,
        extra: ['password reset', `${ended} session${ended === 1 ? '' : 's'} ended`],
      };
    });
  }

  /**
   * One change to one account, all in one transaction: lock the row, check the version, apply the
   * change (null: nothing to do), replace the scopes when given, audit what changed, return the account.
   */
  private async change(
    caller: Caller,
    id: number,
    ifMatch: string | undefined,
    decide: Decide,
  ): Promise<User> {
    try {
      return await this.changeWithin(caller, id, ifMatch, decide);
    } finally {
      // Roles, scopes and whether the account may act are in every session this server keeps of
      // it; forgotten even after a failure, as a commit's answer may be what was lost.
      this.sessions.forgetUser(id);
    }
  }

  private changeWithin(caller: Caller, id: number, ifMatch: string | undefined, decide: Decide): Promise<User> {
    return this.db.transaction().execute(async (trx) => {
      const row = await repo.selectUser(trx, id, true);
      if (!row) throw notFound('User');
      await checkIfMatch(ifMatch, row.version, () => this.load(trx, id));
      const current = toUser(row, await repo.selectScopes(trx, [id]), this.clock.now());
      const before = { displayName: current.displayName, roles: current.roles, scopes: current.scopes, active: current.active };
      const decided = await decide(trx, before, row);
      if (!decided) return current;
      await repo.updateUser(trx, id, decided.change);
      if (decided.scopes) await repo.replaceScopes(trx, id, decided.scopes);
      const reason = describeChange(before, decided.after, decided.extra);
      await audit(trx, caller, [{ action: 'admin', patientId: null, recordType: 'user', recordId: id, reason }]);
      return this.load(trx, id);
    });
  }

  /**
   * The scopes asked for, checked: each for a role the user will hold, at a place that exists at its
   * level; a place retired since is kept where the user already had it, but cannot be newly given.
   */
  private async checkScopes(trx: Tx, roles: readonly Role[], asked: readonly ScopeInput[], had: readonly ScopeRef[]): Promise<ScopeRef[]> {
    const scopes = normaliseScopes(asked.map((s) => ({ role: s.role, level: s.level, refId: s.refId })));
    const notHeld = scopesForRolesNotHeld(roles, scopes);
    if (notHeld.length > 0) {
      const details = notHeld.map((i) => ({ field: 'scopes', message: `${describeScope(scopes[i]!)}: the user does not hold the role ${scopes[i]!.role}` }));
      throw new AppError('scope_role_not_held', `A scope must be for a role the user holds: ${details.map((d) => d.message).join('; ')}.`, { details });
    }
    // Kept only where the user had it for that same role.
    const kept = new Set(had.map(scopeKey));
    const problems: ErrorDetail[] = [];
    const named: ScopeRef[] = [];
    for (const level of SCOPE_LEVELS) {
      const ofLevel = scopes.filter((s) => s.level === level);
      const places = new Map((await repo.selectPlaces(trx, level, [...new Set(ofLevel.map((s) => s.refId))])).map((p) => [p.id, p]));
      for (const s of ofLevel) {
        const place = places.get(s.refId);
        if (!place) problems.push({ field: 'scopes', message: `there is no ${level} with id ${s.refId}` });
        else if (place.retired && !kept.has(scopeKey(s))) problems.push({ field: 'scopes', message: `${level} ${s.refId} (${place.name}) has been retired` });
        else named.push({ ...s, name: place.name });
      }
    }
    if (problems.length > 0) throw new AppError('invalid_scope', `A scope is not valid: ${problems.map((p) => p.message).join('; ')}.`, { details: problems });
    return normaliseScopes(named);
  }
}

/** One scope as a key: its role, level and place. */
const scopeKey = (s: { role: string; level: string; refId: number }) => `${s.role}|${s.level}|${s.refId}`;

/** Scopes as sorted keys, to tell whether a change touches them. */
const scopeKeys = (scopes: readonly { role: string; level: string; refId: number }[]) => scopes.map(scopeKey).sort();
