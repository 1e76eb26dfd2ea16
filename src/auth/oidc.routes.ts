import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../config.js';
import { errorBody } from '../http/error-handler.js';
import { AppError } from '../http/errors.js';
import { ErrorBody } from '../http/schema-kit.js';
import { setSessionCookie } from './auth.routes.js';
import { OIDC_ERROR_CODES, SignInOptions, type OidcErrorCode } from './auth.schema.js';
import { OIDC_LOGIN_MINUTES, OidcFailure } from './oidc.rules.js';
import type { OidcService } from './oidc.service.js';

/** Ties a started sign-in to the browser that started it: holds its state, for the callback only. */
export const OIDC_COOKIE = 'sp_oidc';
const OIDC_COOKIE_PATH = '/api/auth/oidc';

/** The codes the sign-in page may be sent back with (`/login?oidc_error=…`); it shows their messages. */

const Redirect = Type.Null({ description: 'Redirect (Location header)' });

export function oidcRoutes(oidc: OidcService | null, config: Config): FastifyPluginAsyncTypebox {
  const rateLimit = { max: config.loginRateLimitPerMinute, timeWindow: '1 minute' };
  /** With OpenID Connect off, its routes answer exactly as a route that does not exist. */
  const notFound = (reply: FastifyReply) => reply.status(404).send(errorBody('not_found'));
  const backToSignIn = (reply: FastifyReply, code: OidcErrorCode) => reply.redirect(`/login?oidc_error=${code}`, 302);

  return async (app) => {
    app.get(
      '/auth/options',
      { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'How one may sign in here (password; an identity provider when set up)', response: { 200: SignInOptions } } },
      async () => ({ password: true, oidc: oidc ? { name: oidc.settings.name } : null }),
    );

    app.get(
      '/auth/oidc/start',
      {
        config: { access: 'public', rateLimit },
        schema: {
          tags: ['auth'],
          summary: 'Sign in through the identity provider (OpenID Connect): redirects there',
          description: 'Only when SECUREPATH_OIDC_* is set; otherwise 404.',
          querystring: Type.Object({ next: Type.Optional(Type.String({ maxLength: 500, description: 'a path on this site to return to' })) }),
          response: { 302: Redirect, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        if (!oidc) return notFound(reply);
        try {
          const { url, state } = await oidc.start(request.query.next);
          reply.setCookie(OIDC_COOKIE, state, { path: OIDC_COOKIE_PATH, httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: OIDC_LOGIN_MINUTES * 60 });
          return reply.redirect(url, 302);
        } catch (e) {
          request.log.warn({ oidc: e instanceof OidcFailure ? e.reason : 'error', err: e instanceof OidcFailure ? undefined : e }, 'OpenID Connect sign-in could not start');
          return backToSignIn(reply, 'oidc_failed');
        }
      },
    );

    app.get(
      '/auth/oidc/logout',
      {
        config: { access: 'public', rateLimit },
        schema: {
          tags: ['auth'],
          summary: 'After signing out of SecurePath, sign out at the identity provider too: redirects there, then back to the sign-in page',
          description: 'Only when SECUREPATH_OIDC_* is set; otherwise 404. To the sign-in page directly if the provider offers no end-session endpoint or cannot be reached.',
          response: { 302: Redirect, 404: ErrorBody },
        },
      },
      async (_request, reply) => {
        if (!oidc) return notFound(reply);
        return reply.redirect((await oidc.signOutUrl()) ?? '/login', 302);
      },
    );

    app.get(
      '/auth/oidc/callback',
      {
        config: { access: 'public', rateLimit },
        schema: {
          tags: ['auth'],
          summary: 'Where the identity provider sends the browser back: signs in and redirects to the app',
          description: 'Only when SECUREPATH_OIDC_* is set; otherwise 404. On failure redirects to /login?oidc_error=<code>.',
          querystring: Type.Object({
            code: Type.Optional(Type.String({ maxLength: 4096 })),
            state: Type.Optional(Type.String({ maxLength: 200 })),
            error: Type.Optional(Type.String({ maxLength: 200 })),
            iss: Type.Optional(Type.String({ maxLength: 2000 })),
          }),
          response: { 302: Redirect, 404: ErrorBody },
        },
      },
      async (request, reply) => {
        if (!oidc) return notFound(reply);
        reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
        try {
          const { token, returnTo } = await oidc.finish(request.query, request.cookies[OIDC_COOKIE]);
          setSessionCookie(reply, token, config);
          return reply.redirect(returnTo, 302);
        } catch (e) {
          const code: OidcErrorCode = e instanceof AppError && (OIDC_ERROR_CODES as readonly string[]).includes(e.code) ? (e.code as OidcErrorCode) : 'oidc_failed';
          // A short reason only: never the code, a token or what the provider said about the person.
          const reason = e instanceof OidcFailure ? e.reason : e instanceof AppError ? e.code : 'error';
          request.log.warn({ oidc: reason, err: e instanceof OidcFailure || e instanceof AppError ? undefined : e }, 'OpenID Connect sign-in refused');
          return backToSignIn(reply, code);
        }
      },
    );
  };
}
