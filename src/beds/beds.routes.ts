import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callerOf } from '../http/auth-hook.js';
import { ErrorBody } from '../http/schema-kit.js';
import { BedMatch, BedState, FindBedQuery, ScopeQuery, WardBeds } from './beds.schema.js';
import type { BedsService } from './beds.service.js';

const tags = ['beds'];

export function bedsRoutes(beds: BedsService): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/beds/state',
      {
        config: { access: 'beds:read' },
        schema: {
          tags,
          summary: 'Bed state of a scope (no filters = every nation): commissioned, closed, occupied, vacant, by tier, sex and specialism',
          querystring: ScopeQuery,
          response: { 200: BedState, 404: ErrorBody },
        },
      },
      async (request) => beds.state(callerOf(request), request.query),
    );
    app.get(
      '/beds/wards',
      { config: { access: 'beds:read' }, schema: { tags, summary: 'Ward-by-ward beds of a scope (the bed map)', querystring: ScopeQuery, response: { 200: Type.Array(WardBeds), 400: ErrorBody } } },
      async (request) => beds.wards(callerOf(request), request.query),
    );
    app.get(
      '/beds/find',
      {
        config: { access: 'beds:read' },
        schema: { tags, summary: 'Find a bed: vacant beds matching tier, sex and specialism, nearest first to the home region', querystring: FindBedQuery, response: { 200: Type.Array(BedMatch), 404: ErrorBody } },
      },
      async (request) => beds.find(callerOf(request), request.query),
    );
  };
}
