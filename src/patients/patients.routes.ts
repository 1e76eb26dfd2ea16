import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { callerOf } from '../http/auth-hook.js';
import { idempotencyKey } from '../http/idempotency-key.js';
import { ErrorBody, IdParams, IfMatchHeaders } from '../http/schema-kit.js';
import { etagOf, requireVersion } from '../http/versioning.js';
import type { PlacementsService } from '../placements/placements.service.js';
import { AdmitInput, DischargeInput, PatientDetail, PatientInput, PatientPage, PatientPatch, PatientSearchQuery, TransferInput } from './patients.schema.js';
import type { PatientsService } from './patients.service.js';

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 422: ErrorBody };

const tags = ['patients'];

export function patientsRoutes(patients: PatientsService, placements: PlacementsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/patients',
      { config: { access: 'patients:read' }, schema: { tags, summary: 'Search patients by name, NHS or CHI number', querystring: PatientSearchQuery, response: { 200: PatientPage } } },
      async (request) => patients.search(callerOf(request), request.query.q, request.query.limit, request.query.offset),
    );
    app.post(
      '/patients',
      { config: { access: 'patients:write' }, schema: { tags, summary: 'Register a patient', body: PatientInput, response: { 201: PatientDetail, ...errors } } },
      async (request, reply) => reply.status(201).send(await patients.create(callerOf(request), request.body, idempotencyKey(request))),
    );
    app.get(
      '/patients/:id',
      { config: { access: 'patients:read' }, schema: { tags, summary: 'A patient with their whole pathway', params: IdParams, response: { 200: PatientDetail, 404: ErrorBody } } },
      async (request, reply) => {
        const detail = await patients.detail(callerOf(request), request.params.id);
        return reply.header('etag', etagOf(detail.version)).send(detail);
      },
    );
    app.patch(
      '/patients/:id',
      {
        config: { access: 'patients:write' },
        schema: { tags, summary: "Correct a patient's details (If-Match: version)", params: IdParams, headers: IfMatchHeaders, body: PatientPatch, response: { 200: PatientDetail, 412: ErrorBody, 428: ErrorBody, ...errors } },
      },
      async (request, reply) => {
        const detail = await patients.update(callerOf(request), request.params.id, requireVersion(request.headers['if-match']), request.body);
        return reply.header('etag', etagOf(detail.version)).send(detail);
      },
    );
    app.post(
      '/patients/:id/admit',
      { config: { access: 'patients:write' }, schema: { tags, summary: 'Admit to a ward', params: IdParams, body: AdmitInput, response: { 201: PatientDetail, ...errors } } },
      async (request, reply) => reply.status(201).send(await placements.admit(callerOf(request), request.params.id, request.body, idempotencyKey(request))),
    );
    app.post(
      '/patients/:id/transfer',
      { config: { access: 'patients:write' }, schema: { tags, summary: 'Transfer to another ward (up, down or sideways)', params: IdParams, body: TransferInput, response: { 201: PatientDetail, ...errors } } },
      async (request, reply) => reply.status(201).send(await placements.transfer(callerOf(request), request.params.id, request.body, idempotencyKey(request))),
    );
    app.post(
      '/patients/:id/discharge',
      { config: { access: 'patients:write' }, schema: { tags, summary: 'Discharge from the secure system to a destination', params: IdParams, body: DischargeInput, response: { 200: PatientDetail, ...errors } } },
      async (request) => placements.discharge(callerOf(request), request.params.id, request.body, idempotencyKey(request)),
    );
  };
}
