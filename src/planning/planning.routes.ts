import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readFileSync } from 'node:fs';
import { Type } from 'typebox';
import { callerOf } from '../http/auth-hook.js';
import { ErrorBody, IdParams } from '../http/schema-kit.js';
import { CalibrationQuery, CalibrationResponse } from './calibration.schema.js';
import type { CalibrationService } from './calibration.service.js';
import { CapacitySearchRequest, Job, JobCreated, JobSummary, SimulationRequest } from './jobs.schema.js';
import type { JobsService } from './jobs.service.js';

const tags = ['planning'];
const access = 'planning:run' as const;
const errors = { 400: ErrorBody, 404: ErrorBody, 422: ErrorBody, 429: ErrorBody };
const SCENARIO_SCHEMA = JSON.parse(readFileSync(new URL('../../docs/scenario.schema.json', import.meta.url), 'utf8')) as Record<string, unknown>;

export function planningRoutes(jobs: JobsService, calibration: CalibrationService): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Only a serving app runs queued jobs; close puts this server's runs back in the queue.
    // Only the message of a background failure is logged: a database error's detail can quote a row.
    app.addHook('onReady', async () => jobs.start((message, e) => app.log.warn({ error: e instanceof Error ? e.message : String(e) }, message)));
    app.addHook('onClose', async () => jobs.close());

    app.get(
      '/planning/calibration',
      {
        config: { access },
        schema: { tags, summary: 'Calibrate a scenario from the register: arrivals, stay lengths (with fit) and next steps of an area over a window', querystring: CalibrationQuery, response: { 200: CalibrationResponse, ...errors } },
      },
      async (request) => calibration.calibrate(callerOf(request), request.query),
    );
    app.get(
      '/planning/limits',
      {
        config: { access },
        schema: {
          tags,
          summary: "This server's planning limits and tariffs (settings)",
          response: {
            200: Type.Object({
              tariffs: Type.Object({ high: Type.Number(), medium: Type.Number(), low: Type.Number() }),
              maxReplications: Type.Integer(),
              maxVariants: Type.Integer(),
              maxRunningJobs: Type.Integer(),
              maxActiveJobsPerUser: Type.Integer(),
            }),
          },
        },
      },
      async () => {
        const { tariffs, maxReplications, maxVariants, maxRunningJobs, maxActiveJobsPerUser } = jobs.settings;
        return { tariffs, maxReplications, maxVariants, maxRunningJobs, maxActiveJobsPerUser };
      },
    );
    app.get('/planning/scenario-schema', { config: { access }, schema: { tags, summary: 'The JSON Schema of scenario files (docs/scenario.schema.json)' } }, async () => SCENARIO_SCHEMA);

    app.post(
      '/planning/jobs',
      { config: { access }, schema: { tags, summary: 'Run a scenario and its variants in the background (202: poll the job)', body: SimulationRequest, response: { 202: JobCreated, ...errors } } },
      async (request, reply) => {
        const job = await jobs.submitSimulation(callerOf(request), request.body);
        return reply.status(202).header('location', `/api/planning/jobs/${job.id}`).send(job);
      },
    );
    app.post(
      '/planning/capacity-search',
      {
        config: { access },
        schema: { tags, summary: 'Find the fewest beds at a tier that meet targets, in the background (202: poll the job)', body: CapacitySearchRequest, response: { 202: JobCreated, ...errors } },
      },
      async (request, reply) => {
        const job = await jobs.submitSearch(callerOf(request), request.body);
        return reply.status(202).header('location', `/api/planning/jobs/${job.id}`).send(job);
      },
    );
    app.get('/planning/jobs', { config: { access }, schema: { tags, summary: 'My planning jobs, newest first (the last 50)', response: { 200: Type.Array(JobSummary) } } }, async (request) =>
      jobs.list(callerOf(request)),
    );
    app.get(
      '/planning/jobs/:id',
      { config: { access }, schema: { tags, summary: 'One of my jobs: status, progress, and the result when done', params: IdParams, response: { 200: Job, 404: ErrorBody } } },
      async (request, reply) => {
        const job = await jobs.get(callerOf(request), request.params.id);
        // The schema documents the result; choosing a branch of its union per reply costs seconds, and
        // the job is built field by field from a row (toJob), so plain JSON is as safe.
        return reply.serializer(JSON.stringify).send(job);
      },
    );
    app.delete(
      '/planning/jobs/:id',
      { config: { access }, schema: { tags, summary: 'Cancel a job that is queued or running; remove one that has finished', params: IdParams, response: { 204: Type.Null(), 404: ErrorBody } } },
      async (request, reply) => {
        await jobs.cancel(callerOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
