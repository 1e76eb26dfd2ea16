import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callerOf } from '../http/auth-hook.js';
import { ErrorBody, IdParams, IfMatchHeaders } from '../http/schema-kit.js';
import { etagOf, requireVersion } from '../http/versioning.js';
import { ComparatorSet, ComparatorSetInput, ExampleComparatorSet, Provision, ProvisionQuery } from './provision.schema.js';
import type { ProvisionService } from './provision.service.js';

const tags = ['planning'];
const access = 'planning:run' as const;
const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 428: ErrorBody };

export function provisionRoutes(provision: ProvisionService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/planning/provision',
      {
        config: { access },
        schema: { tags, summary: 'Beds per 100,000 by tier, sex and specialism in an area, against a comparator set, with the risks of too few and too many', querystring: ProvisionQuery, response: { 200: Provision, ...errors } },
      },
      async (request) => provision.provision(callerOf(request), request.query),
    );
    app.get(
      '/planning/comparators/examples',
      { config: { access }, schema: { tags, summary: 'Comparator sets shipped as examples (HDL 2006 Appendix V, Scotland and England)', response: { 200: Type.Array(ExampleComparatorSet) } } },
      async () => provision.examples(),
    );
    app.get('/planning/comparators', { config: { access }, schema: { tags, summary: 'My comparator sets', response: { 200: Type.Array(ComparatorSet) } } }, async (request) =>
      provision.listSets(callerOf(request)),
    );
    app.post(
      '/planning/comparators',
      { config: { access }, schema: { tags, summary: 'Keep a comparator set: rates per 100,000 by tier, sex and specialism', body: ComparatorSetInput, response: { 201: ComparatorSet, ...errors } } },
      async (request, reply) => {
        const set = await provision.createSet(callerOf(request), request.body);
        return reply.status(201).header('etag', etagOf(set.version)).send(set);
      },
    );
    app.put(
      '/planning/comparators/:id',
      {
        config: { access },
        schema: { tags, summary: 'Replace one of my comparator sets (If-Match: version)', params: IdParams, headers: IfMatchHeaders, body: ComparatorSetInput, response: { 200: ComparatorSet, ...errors } },
      },
      async (request, reply) => {
        const set = await provision.updateSet(callerOf(request), request.params.id, requireVersion(request.headers['if-match']), request.body);
        return reply.header('etag', etagOf(set.version)).send(set);
      },
    );
    app.delete(
      '/planning/comparators/:id',
      { config: { access }, schema: { tags, summary: 'Delete one of my comparator sets (If-Match: version)', params: IdParams, headers: IfMatchHeaders, response: { 204: Type.Null(), 404: ErrorBody, 412: ErrorBody, 428: ErrorBody } } },
      async (request, reply) => {
        await provision.deleteSet(callerOf(request), request.params.id, requireVersion(request.headers['if-match']));
        return reply.status(204).send(null);
      },
    );
  };
}
