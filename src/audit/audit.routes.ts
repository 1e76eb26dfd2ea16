import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callerOf } from '../http/auth-hook.js';
import { ErrorBody, IdParams, IsoDateTime, Nullable } from '../http/schema-kit.js';
import type { AuditService } from './audit.service.js';

const Event = {
  seq: Type.Integer(),
  at: IsoDateTime,
  username: Type.String(),
  role: Type.String(),
  /** Where the role reached when it acted ("ward 12"). */
  scope: Nullable(Type.String()),
  recordType: Type.String(),
  recordId: Nullable(Type.String()),
  action: Type.String(),
  basis: Type.String(),
  reason: Nullable(Type.String()),
  requestId: Nullable(Type.String()),
};
const Page = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'at most this many events (default 200)' })),
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'only events before this sequence number: give the last seq of a page for the next' })),
});
const tags = ['audit'];

export function auditRoutes(service: AuditService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/audit/patients/:id',
      {
        config: { access: 'audit:read' },
        schema: { tags, summary: 'Who has looked at or changed this patient, newest first (privacy officer)', params: IdParams, querystring: Page, response: { 200: Type.Array(Type.Object(Event)) } },
      },
      async (request) => service.patientTrail(callerOf(request), request.params.id, { limit: request.query.limit ?? 200, before: request.query.before }),
    );
    app.get(
      '/audit/denied',
      {
        config: { access: 'audit:read' },
        schema: { tags, summary: 'Refused or failed attempts to reach patient records, newest first', querystring: Page, response: { 200: Type.Array(Type.Object({ ...Event, patientId: Nullable(Type.Integer()) })) } },
      },
      async (request) => service.denied(callerOf(request), { limit: request.query.limit ?? 200, before: request.query.before }),
    );
    app.get(
      '/audit/verify',
      {
        config: { access: 'audit:read' },
        schema: {
          tags,
          summary: 'Check the hash chain of the whole audit trail',
          response: { 200: Type.Object({ ok: Type.Boolean(), events: Type.Integer(), headMatches: Type.Boolean(), breaks: Type.Array(Type.Object({ seq: Type.String(), problem: Type.String() })) }), 403: ErrorBody },
        },
      },
      async () => service.verify(),
    );
  };
}
