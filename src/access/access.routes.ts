import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callerOf } from '../http/auth-hook.js';
import { ErrorBody, Id, IdParams, IsoDateTime, Nullable } from '../http/schema-kit.js';
import { SecondFactorCode } from '../auth/auth.schema.js';
import type { BreakGlassService } from './break-glass.service.js';

const Claim = Type.Object(
  {
    patientId: Type.Optional(Id),
    identifier: Type.Optional(Type.String({ minLength: 10, maxLength: 14, description: 'NHS or CHI number, when the patient id is not known' })),
    reason: Type.String({ minLength: 20, maxLength: 1000, description: 'Why emergency access is needed; reviewed by the privacy officer' }),
    code: SecondFactorCode.properties.code,
  },
  { additionalProperties: false },
);
const Grant = Type.Object({ patientId: Id, expiresAt: IsoDateTime });
const QueueItem = Type.Object({
  id: Id,
  patientId: Id,
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  reason: Type.String(),
  startedAt: IsoDateTime,
  expiresAt: IsoDateTime,
  reviewedAt: Nullable(IsoDateTime),
  reviewer: Nullable(Type.String()),
  reviewNote: Nullable(Type.String()),
});

export function accessRoutes(service: BreakGlassService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/access/break-glass',
      {
        config: { access: 'patients:read' },
        schema: { tags: ['access'], summary: 'Emergency access to one patient, time-boxed and reviewed', body: Claim, response: { 201: Grant, 400: ErrorBody, 403: ErrorBody, 404: ErrorBody, 422: ErrorBody } },
      },
      async (request, reply) => reply.status(201).send(await service.claim(callerOf(request), request.body)),
    );
    app.get(
      '/audit/break-glass',
      {
        config: { access: 'audit:read' },
        schema: { tags: ['audit'], summary: "The privacy officer's queue of emergency access claims", querystring: Type.Object({ includeReviewed: Type.Optional(Type.Boolean()) }), response: { 200: Type.Array(QueueItem) } },
      },
      async (request) => service.queue(callerOf(request), request.query.includeReviewed ?? false),
    );
    app.post(
      '/audit/break-glass/:id/review',
      {
        config: { access: 'audit:review' },
        schema: { tags: ['audit'], summary: 'Mark an emergency access claim reviewed', params: IdParams, body: Type.Object({ note: Type.String({ minLength: 2, maxLength: 1000 }) }, { additionalProperties: false }), response: { 204: Type.Null(), 403: ErrorBody, 404: ErrorBody } },
      },
      async (request, reply) => {
        await service.review(callerOf(request), request.params.id, request.body.note);
        return reply.status(204).send(null);
      },
    );
  };
}
