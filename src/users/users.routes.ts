import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../http/auth-hook.js';
import { ErrorBody, IdParams, IfMatchHeaders } from '../http/schema-kit.js';
import { etagOf, requireVersion } from '../http/versioning.js';
import { PasswordInput, User, UserInput, UserListQuery, UserPage, UserPatch } from './users.schema.js';
import type { UsersService } from './users.service.js';

const errors = { 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 422: ErrorBody, 428: ErrorBody };
const tags = ['users'];
const config = { access: 'users:admin' } as const;

/** User administration: system administrators only. Every change needs If-Match: the version shown. */
export function usersRoutes(service: UsersService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/users',
      { config, schema: { tags, summary: 'Search user accounts by user name or name, role and status', querystring: UserListQuery, response: { 200: UserPage, 400: ErrorBody } } },
      async (request) => service.list(callerOf(request), request.query),
    );
    app.post(
      '/users',
      { config, schema: { tags, summary: 'Create a user account with its roles, scopes and first password', body: UserInput, response: { 201: User, ...errors } } },
      async (request, reply) => {
        const user = await service.create(callerOf(request), request.body);
        return reply.status(201).header('etag', etagOf(user.version)).send(user);
      },
    );
    app.get(
      '/users/:id',
      { config, schema: { tags, summary: 'One user account', params: IdParams, response: { 200: User, 404: ErrorBody } } },
      async (request, reply) => {
        const user = await service.get(callerOf(request), request.params.id);
        return reply.header('etag', etagOf(user.version)).send(user);
      },
    );
    app.patch(
      '/users/:id',
      {
        config,
        schema: { tags, summary: "Change a user's name, roles or scopes (If-Match: version)", params: IdParams, headers: IfMatchHeaders, body: UserPatch, response: { 200: User, ...errors } },
      },
      async (request, reply) => {
        requireVersion(request.headers['if-match']);
        const user = await service.update(callerOf(request), request.params.id, request.headers['if-match'], request.body);
        return reply.header('etag', etagOf(user.version)).send(user);
      },
    );

    const actions = [
      ['deactivate', 'Deactivate an account: it can no longer sign in and its sessions end at once (If-Match: version)', service.deactivate],
      ['reactivate', 'Reactivate a deactivated account (If-Match: version)', service.reactivate],
      ['unlock', 'Clear failed sign-ins and lift a lock (If-Match: version)', service.unlock],
      ['second-factor/reset', "Take away the user's authenticator so they set up a new one; ends their sessions (If-Match: version)", service.resetSecondFactor],
      ['provider-link/remove', "Remove the account's binding to an identity at the identity provider; the next sign-in through it binds again; ends their sessions (If-Match: version)", service.unlinkProvider],
    ] as const;
    for (const [action, summary, run] of actions) {
      app.post(
        `/users/:id/${action}`,
        { config, schema: { tags, summary, params: IdParams, headers: IfMatchHeaders, response: { 200: User, ...errors } } },
        async (request, reply) => {
          requireVersion(request.headers['if-match']);
          const user = await run.call(service, callerOf(request), request.params.id, request.headers['if-match']);
          return reply.header('etag', etagOf(user.version)).send(user);
        },
      );
    }

    app.post(
      '/users/:id/password',
      {
        config,
        schema: { tags, summary: "Set a new password: ends the user's sessions and lifts any lock (If-Match: version)", params: IdParams, headers: IfMatchHeaders, body: PasswordInput, response: { 200: User, ...errors } },
      },
      async (request, reply) => {
        requireVersion(request.headers['if-match']);
        const user = await service.resetPassword(callerOf(request), request.params.id, request.headers['if-match'], request.body);
        return reply.header('etag', etagOf(user.version)).send(user);
      },
    );
  };
}
