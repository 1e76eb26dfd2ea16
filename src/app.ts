import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Type } from 'typebox';
import { accessRoutes } from './access/access.routes.js';
import { BreakGlassService } from './access/break-glass.service.js';
import { auditRoutes } from './audit/audit.routes.js';
import { AuditService } from './audit/audit.service.js';
import { authRoutes } from './auth/auth.routes.js';
import { AuthService } from './auth/auth.service.js';
import { oidcRoutes } from './auth/oidc.routes.js';
import { OidcService } from './auth/oidc.service.js';
import { bedsRoutes } from './beds/beds.routes.js';
import { BedsService } from './beds/beds.service.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/connection.js';
import { directoryRoutes } from './directory/directory.routes.js';
import { DirectoryService } from './directory/directory.service.js';
import { registerAuthHook, SAFE_METHODS, type RouteAccess } from './http/auth-hook.js';
import { errorBody, registerErrorHandler } from './http/error-handler.js';
import { ErrorBody } from './http/schema-kit.js';
import { buildSerializer } from './http/serializer.js';
import { registerNoStore, registerSecurityHeaders } from './http/security-headers.js';
import { patientsRoutes } from './patients/patients.routes.js';
import { PatientsService } from './patients/patients.service.js';
import { PlacementsService } from './placements/placements.service.js';
import { LiaisonService } from './referrals/liaison.service.js';
import { MeasuresService } from './referrals/measures.service.js';
import { loadReferralSettings } from './referrals/referral-settings.js';
import { ReferralWorkflowService } from './referrals/referral-workflow.service.js';
import { referralsRoutes, type ReferralServices } from './referrals/referrals.routes.js';
import { ReferralsService } from './referrals/referrals.service.js';
import { createPlanningServices, type PlanningServices } from './planning/planning.services.js';
import { planningRoutes } from './planning/planning.routes.js';
import { provisionRoutes } from './planning/provision.routes.js';
import { usersRoutes } from './users/users.routes.js';
import { UsersService } from './users/users.service.js';

export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteEntry[];
  }
}

export interface AppDeps {
  db: Db;
  config: Config;
  clock?: Clock;
  /** Where logs go (default standard output); tests read them to prove nothing sensitive is logged. */
  logStream?: { write(line: string): void };
  /** Serve the built web app from this folder (default web/dist when it exists). */
  webDist?: string | false;
}

export interface Services {
  auth: AuthService;
  /** Sign-in through an identity provider; null when SECUREPATH_OIDC_* is unset. */
  oidc: OidcService | null;
  directory: DirectoryService;
  patients: PatientsService;
  placements: PlacementsService;
  beds: BedsService;
  audit: AuditService;
  breakGlass: BreakGlassService;
  planning: PlanningServices;
  referrals: ReferralServices;
  users: UsersService;
}

export function buildServices(db: Db, config: Config, clock: Clock = systemClock): Services {
  const patients = new PatientsService(db, clock);
  const placements = new PlacementsService(db, clock, patients);
  const referralSettings = loadReferralSettings();
  const referrals = new ReferralsService(db, clock, referralSettings, patients);
  const auth = new AuthService(db, config);
  return {
    auth,
    directory: new DirectoryService(db),
    patients,
    placements,
    beds: new BedsService(db, clock),
    audit: new AuditService(db),
    breakGlass: new BreakGlassService(db, clock, auth),
    planning: createPlanningServices(db, clock),
    users: new UsersService(db, clock, auth),
    oidc: config.oidc ? new OidcService(db, config.oidc, auth) : null,
    referrals: {
      referrals,
      workflow: new ReferralWorkflowService(referrals, placements),
      liaison: new LiaisonService(referrals, patients),
      measures: new MeasuresService(db, clock, referralSettings),
    },
  };
}

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../web/dist', import.meta.url));

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { db, config } = deps;
  const services = buildServices(db, config, deps.clock);
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Never log credentials, cookies or clinical content: only the method, the path without its
      // query (a search for a surname is patient data) and ids.
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    bodyLimit: config.bodyLimit,
    trustProxy: process.env.SECUREPATH_TRUST_PROXY === 'true',
    requestIdHeader: false,
    genReqId: () => crypto.randomUUID(),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    schemaController: { compilersFactory: { buildSerializer } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandler(app);
  // Every API route and the access it declared, for the deny-by-default check and the policy matrix test.
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addSchema(ErrorBody);

  registerSecurityHeaders(app, { secureCookies: config.secureCookies });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: Number(process.env.SECUREPATH_RATE_LIMIT_PER_MINUTE ?? 3000),
    timeWindow: '1 minute',
    // Per signed-in session, so colleagues behind one hospital proxy do not share a limit; otherwise
    // per address. The session is the one the sign-in check found (it runs first, in the API's scope),
    // never the cookie as sent: a made-up cookie on the public sign-in route would otherwise be a
    // fresh limit for every guess.
    keyGenerator: (req) => (req.caller ? `session:${req.caller.sessionId}` : `address:${req.ip}`),
    errorResponseBuilder: (_req, ctx) => ({ statusCode: ctx.statusCode, ...errorBody('rate_limited') }),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'SecurePath API',
        version: '0.1.0',
        description:
          'Register of secure mental health services, placements and live bed state. Sign in with POST /api/auth/login; send the returned csrfToken as x-csrf-token on every change.',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sp_session' } } },
      security: [{ session: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });

  await app.register(
    async (api) => {
      registerNoStore(api);
      registerAuthHook(api, services.auth, db);
      // A change made through this server shows in its bed state and referral board at once (others
      // recheck within 250 ms): a placement moves the bed state, a correction to a patient the board,
      // and the services that made them need not know who shows what.
      api.addHook('onSend', async (request, reply, payload) => {
        if (!SAFE_METHODS.has(request.method) && reply.statusCode < 400) {
          services.beds.invalidate();
          services.referrals.referrals.changed();
        }
        return payload;
      });
      api.addHook('onRoute', (route) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods) if (method !== 'HEAD') routeTable.push({ method, url: route.url, access: route.config?.access });
      });
      api.get(
        '/health',
        { config: { access: 'public' }, schema: { tags: ['system'], summary: 'Liveness and database check', response: { 200: Type.Object({ status: Type.String(), database: Type.String() }) } } },
        async () => {
          await sql`SELECT 1`.execute(db);
          return { status: 'ok', database: 'ok' };
        },
      );
      api.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
      await api.register(authRoutes(services.auth, config));
      await api.register(oidcRoutes(services.oidc, config));
      await api.register(directoryRoutes(services.directory));
      await api.register(patientsRoutes(services.patients, services.placements));
      await api.register(bedsRoutes(services.beds));
      await api.register(auditRoutes(services.audit));
      await api.register(accessRoutes(services.breakGlass));
      await api.register(referralsRoutes(services.referrals));
      await api.register(planningRoutes(services.planning.jobs, services.planning.calibration));
      await api.register(provisionRoutes(services.planning.provision));
      await api.register(usersRoutes(services.users));
      api.setNotFoundHandler((_req, reply) => reply.status(404).send(errorBody('not_found')));
    },
    { prefix: '/api' },
  );

  const webDist = deps.webDist ?? (existsSync(DEFAULT_WEB_DIST) ? DEFAULT_WEB_DIST : false);
  if (webDist) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false, index: ['index.html'] });
    // Client-side routes (/patients/12) load the app shell; the app then asks the API.
    app.setNotFoundHandler((request, reply) => {
      if (request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html')) {
        return reply.sendFile('index.html');
      }
      return reply.status(404).send(errorBody('not_found'));
    });
  }
  return app;
}
