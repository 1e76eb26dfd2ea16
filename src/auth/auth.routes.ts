import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../config.js';
import { callerOf, SESSION_COOKIE } from '../http/auth-hook.js';
import type { Caller } from '../http/caller.js';
import { ErrorBody, StringEnum } from '../http/schema-kit.js';
import { ROLES } from '../shared/vocabulary.js';
import { LoginInput, Me, PasswordChange, SecondFactorCode, SecondFactorSetup } from './auth.schema.js';
import type { AuthService } from './auth.service.js';

const toMe = (c: Caller) => ({
  id: c.userId,
  username: c.username,
  displayName: c.displayName,
  roles: c.roles,
  activeRole: c.role,
  permissions: [...c.permissions],
  csrfToken: c.csrfToken,
  totpEnrolled: c.totpEnrolled,
  secondFactorVerified: c.secondFactorAt !== null,
  mustChangePassword: c.mustChangePassword ?? false,
  signedInWith: c.signedInWith ?? 'password',
});

/** The session cookie, the same however the person signed in (password or identity provider). */
export const setSessionCookie = (reply: FastifyReply, token: string, config: Pick<Config, 'secureCookies' | 'sessionAbsoluteHours'>) =>
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: config.secureCookies,
    maxAge: config.sessionAbsoluteHours * 3600,
  });

export function authRoutes(auth: AuthService, config: Config): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { access: 'public', rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: { tags: ['auth'], summary: 'Sign in', body: LoginInput, response: { 200: Me, 401: ErrorBody, 429: ErrorBody } },
      },
      async (request, reply) => {
        const { token, caller } = await auth.login(request.body.username, request.body.password);
        setSessionCookie(reply, token, config);
        return toMe(caller);
      },
    );

    app.post(
      '/auth/logout',
      { config: { access: 'session' }, schema: { tags: ['auth'], summary: 'Sign out and end the session', response: { 204: Type.Null() } } },
      async (request, reply) => {
        await auth.logout(callerOf(request).sessionId);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/auth/password',
      {
        config: { access: 'session', rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: {
          tags: ['auth'],
          summary: 'Choose a new password, giving the current one; your other sessions end',
          body: PasswordChange,
          response: { 200: Me, 422: ErrorBody, 429: ErrorBody },
        },
      },
      async (request) => toMe(await auth.changePassword(callerOf(request), request.body.currentPassword, request.body.newPassword)),
    );

    app.post(
      '/auth/role',
      {
        config: { access: 'session' },
        schema: { tags: ['auth'], summary: 'Act in another of your roles', body: Type.Object({ role: StringEnum(ROLES) }, { additionalProperties: false }), response: { 200: Me, 403: ErrorBody } },
      },
      async (request) => toMe(await auth.switchRole(callerOf(request), request.body.role)),
    );

    app.post(
      '/auth/second-factor/setup',
      {
        config: { access: 'session' },
        schema: { tags: ['auth'], summary: 'Start setting up an authenticator app (two-step sign-in)', response: { 200: SecondFactorSetup, 409: ErrorBody } },
      },
      async (request) => auth.enrolTotp(callerOf(request)),
    );

    app.post(
      '/auth/second-factor',
      {
        config: { access: 'session', rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: { tags: ['auth'], summary: 'Prove the second factor for this session (confirms a new authenticator)', body: SecondFactorCode, response: { 200: Me, 403: ErrorBody, 422: ErrorBody } },
      },
      async (request, reply) => {
        const { token, caller } = await auth.proveSecondFactor(callerOf(request), request.body.code);
        setSessionCookie(reply, token, config);
        return toMe(caller);
      },
    );

    app.get(
      '/auth/me',
      { config: { access: 'session' }, schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Me, 401: ErrorBody } } },
      async (request) => toMe(callerOf(request)),
    );
  };
}
