import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sameSecret } from '../auth/same-secret.js';
import { audit } from '../audit/audit.service.js';
import type { AuthService } from '../auth/auth.service.js';
import type { Db } from '../db/connection.js';
import type { Caller } from './caller.js';
import { AppError } from './errors.js';
import { can, SECOND_FACTOR_PERMISSIONS, type Permission } from './policy.js';

export const SESSION_COOKIE = 'sp_session';

/** What a route requires: a permission, just a signed-in user, or nothing (public). */
export type RouteAccess = Permission | 'session' | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    caller?: Caller;
  }
}

/** Methods that change nothing: no CSRF token needed, and nothing for a kept view to catch up on. */
export const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** All a session may do while its password, set by an administrator, waits to be replaced. */
const BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/me', '/api/auth/password', '/api/auth/logout']);

/** The caller of a route that required a session; routes call this instead of trusting a field. */
export function callerOf(request: FastifyRequest): Caller {
  if (!request.caller) throw new AppError('unauthenticated');
  return request.caller;
}

/**
 * A request the caller's role may not make is a denied attempt in the audit trail, for the privacy
 * officer's list of refused attempts; one at a patient's record names the id asked for, so it shows
 * in that patient's trail too (as a refused look by someone without a relationship does).
 */
async function auditRoleRefusal(db: Db, caller: Caller, method: string, url: string, params: unknown) {
  const id = (params as { id?: unknown } | undefined)?.id;
  const patient = url.startsWith('/api/patients/:id') && typeof id === 'string' && /^\d{1,10}$/.test(id) ? String(Number(id)) : null;
  await audit(db, caller, [{ action: 'denied', patientId: null, recordType: patient ? 'patient' : 'route', recordId: patient, reason: `${method} ${url}: not permitted for the role` }]);
}

/**
 * Deny by default: a route that declares no access is refused for everyone, a route needing a
 * permission is refused to roles the policy table does not grant it.
 */
export function registerAuthHook(app: FastifyInstance, auth: AuthService, db: Db) {
  app.addHook('onRequest', async (request) => {
    // Fastify builds a fresh routeOptions object on every read of it: read it once.
    const { config, url } = request.routeOptions;
    const access = config.access;
    if (access === 'public') return;
    if (url === undefined) return; // unmatched: the 404 handler answers
    const token = request.cookies[SESSION_COOKIE];
    const caller = token ? await auth.resolve(token) : undefined;
    if (!caller) throw new AppError('unauthenticated');
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, caller.csrfToken)) throw new AppError('csrf_failed');
    }
    // Object.assign, not `{ ...caller, requestId }`: V8 copies then extends a spread object about
    // five times slower, and this runs on every request.
    request.caller = Object.assign({}, caller, { requestId: request.id });
    if (caller.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(url)) throw new AppError('password_change_required');
    if (access === 'session') return;
    if (access === undefined || !can(caller.role, access)) {
      await auditRoleRefusal(db, request.caller, request.method, url, request.params);
      throw new AppError('not_permitted');
    }
    // Changing who can see or do what needs a session that has proved a second factor; reading does not.
    if (!SAFE_METHODS.has(request.method) && SECOND_FACTOR_PERMISSIONS.includes(access) && !caller.secondFactorAt) {
      throw new AppError(caller.totpEnrolled ? 'second_factor_required' : 'second_factor_not_set_up');
    }
  });
}
