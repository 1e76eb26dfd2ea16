import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../config.js';
import { callerOf, SESSION_COOKIE } from '../http/auth-hook.js';
import type { Caller } from '../http/caller.js';
import { ErrorBody, StringEnum } from '../http/schema-kit.js';
import { ROLES } from '../shared/vocabulary.js';
import { LoginInput, Me } from './auth.schema.js';
import type { AuthService } from './auth.service.js';

const toMe = (c: Caller) => ({
  id: c.userId,
  username: c.username,
  displayName: c.displayName,
  roles: c.roles,
  activeRole: c.role,
  permissions: [...c.permissions],
  csrfToken: c.csrfToken,
});

export function authRoutes(auth: AuthService, config: Config): FastifyPluginAsyncTypebox {
  const setCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: config.secureCookies,
      maxAge: config.sessionAbsoluteHours * 3600,
    });

  return async (app) => {
    app.post(
      '/auth/login',
      {
        config: { access: 'public', rateLimit: { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' } },
        schema: { tags: ['auth'], summary: 'Sign in', body: LoginInput, response: { 200: Me, 401: ErrorBody, 429: ErrorBody } },
      },
      async (request, reply) => {
        const { token, caller } = await auth.login(request.body.username, request.body.password);
        setCookie(reply, token);
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
      '/auth/role',
      {
        config: { access: 'session' },
        schema: { tags: ['auth'], summary: 'Act in another of your roles', body: Type.Object({ role: StringEnum(ROLES) }, { additionalProperties: false }), response: { 200: Me, 403: ErrorBody } },
      },
      async (request) => toMe(await auth.switchRole(callerOf(request), request.body.role)),
    );

    app.get(
      '/auth/me',
      { config: { access: 'session' }, schema: { tags: ['auth'], summary: 'The signed-in user', response: { 200: Me, 401: ErrorBody } } },
      async (request) => toMe(callerOf(request)),
    );
  };
}
