import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { callerOf } from '../http/auth-hook.js';
import { ErrorBody, IdParams, IfMatchHeaders } from '../http/schema-kit.js';
import { etagOf, requireVersion } from '../http/versioning.js';
import {
  CsvKindQuery,
  ImportReport,
  ListQuery,
  Nation,
  Organisation,
  OrganisationInput,
  OrganisationPatch,
  Region,
  Unit,
  UnitInput,
  UnitPatch,
  Ward,
  WardInput,
  WardPatch,
  type DirectoryKind,
} from './directory.schema.js';
import type { DirectoryService } from './directory.service.js';

const KIND_SCHEMAS: Record<DirectoryKind, { record: TSchema; input: TSchema; patch: TSchema; label: string }> = {
  organisations: { record: Organisation, input: OrganisationInput, patch: OrganisationPatch, label: 'organisation' },
  units: { record: Unit, input: UnitInput, patch: UnitPatch, label: 'unit' },
  wards: { record: Ward, input: WardInput, patch: WardPatch, label: 'ward' },
};

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 422: ErrorBody, 428: ErrorBody };

export function directoryRoutes(service: DirectoryService): FastifyPluginAsyncTypebox {
  return async (app) => {
    // CSV imports arrive as text; the body limit of the app still applies.
    app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));

    app.get(
      '/directory/nations',
      { config: { access: 'directory:read' }, schema: { tags: ['directory'], summary: 'Nations with their population', response: { 200: Type.Array(Nation) } } },
      async () => service.nations(),
    );
    app.get(
      '/directory/regions',
      { config: { access: 'directory:read' }, schema: { tags: ['directory'], summary: 'Regions with their population', response: { 200: Type.Array(Region) } } },
      async () => service.regions(),
    );

    for (const kind of Object.keys(KIND_SCHEMAS) as DirectoryKind[]) {
      const s = KIND_SCHEMAS[kind];
      const tags = ['directory'];
      app.get(
        `/directory/${kind}`,
        { config: { access: 'directory:read' }, schema: { tags, summary: `List ${kind}`, querystring: ListQuery, response: { 200: Type.Array(s.record) } } },
        async (request) => service.list(callerOf(request), kind, request.query),
      );
      app.get(
        `/directory/${kind}/:id`,
        { config: { access: 'directory:read' }, schema: { tags, summary: `One ${s.label}`, params: IdParams, response: { 200: s.record, 404: ErrorBody } } },
        async (request, reply) => {
          const rec = await service.get(callerOf(request), kind, request.params.id);
          reply.header('etag', etagOf(rec.version));
          return rec;
        },
      );
      app.post(
        `/directory/${kind}`,
        { config: { access: 'directory:write' }, schema: { tags, summary: `Create a ${s.label}`, body: s.input, response: { 201: s.record, ...errors } } },
        async (request, reply) => {
          const rec = await service.create(callerOf(request), kind, request.body as Record<string, unknown>);
          return reply.status(201).header('etag', etagOf(rec.version)).send(rec);
        },
      );
      app.patch(
        `/directory/${kind}/:id`,
        {
          config: { access: 'directory:write' },
          schema: { tags, summary: `Edit a ${s.label} (If-Match: version)`, params: IdParams, headers: IfMatchHeaders, body: s.patch, response: { 200: s.record, ...errors } },
        },
        async (request, reply) => {
          const version = requireVersion(request.headers['if-match']);
          const rec = await service.update(callerOf(request), kind, request.params.id, version, request.body as Record<string, unknown>);
          return reply.header('etag', etagOf(rec.version)).send(rec);
        },
      );
      app.post(
        `/directory/${kind}/:id/retire`,
        {
          config: { access: 'directory:write' },
          schema: { tags, summary: `Retire a ${s.label} (If-Match: version)`, params: IdParams, headers: IfMatchHeaders, response: { 200: s.record, ...errors } },
        },
        async (request, reply) => {
          const version = requireVersion(request.headers['if-match']);
          const rec = await service.retire(callerOf(request), kind, request.params.id, version);
          return reply.header('etag', etagOf(rec.version)).send(rec);
        },
      );
    }

    app.get(
      '/directory/export',
      {
        config: { access: 'directory:read' },
        schema: { tags: ['directory'], summary: 'Export organisations, units or wards as CSV', querystring: Type.Object({ kind: CsvKindQuery.properties.kind }), produces: ['text/csv'] },
      },
      async (request, reply) => {
        const csv = await service.exportCsv(callerOf(request), request.query.kind);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="securepath-${request.query.kind}.csv"`)
          .send(csv);
      },
    );

    app.post(
      '/directory/import',
      {
        config: { access: 'directory:write' },
        schema: {
          tags: ['directory'],
          summary: 'Import a CSV of organisations, units or wards (all rows or none); dryRun checks without saving',
          querystring: CsvKindQuery,
          consumes: ['text/csv'],
          body: Type.String({ maxLength: 5_000_000 }),
          response: { 200: ImportReport, ...errors },
        },
      },
      async (request) => service.importCsv(callerOf(request), request.query.kind, request.body, request.query.dryRun ?? false),
    );
  };
}
