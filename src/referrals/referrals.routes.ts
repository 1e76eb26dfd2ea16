import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { callerOf } from '../http/auth-hook.js';
import { idempotencyKey } from '../http/idempotency-key.js';
import { conferenceNotice } from './calendars.js';
import { ErrorBody, IdParams, IfMatchHeaders } from '../http/schema-kit.js';
import { etagOf } from '../http/versioning.js';
import type { LiaisonService } from './liaison.service.js';
import type { MeasuresService } from './measures.service.js';
import type { ReferralWorkflowService } from './referral-workflow.service.js';
import {
  AssessmentInput,
  Board,
  BoardQuery,
  BreachReasonInput,
  CloseInput,
  Conference,
  ConferenceInput,
  ConferenceRecordInput,
  DecisionInput,
  DirectionInput,
  ForwardInput,
  Measures,
  MeasuresQuery,
  NoticeAnswer,
  NoticeQuery,
  OfferInput,
  PrisonReturn,
  PrisonReturnInput,
  ReceptionInput,
  ReferralAdmitInput,
  ReferralDetail,
  ReferralInput,
  ReferralSettings,
  SupervisionInput,
} from './referrals.schema.js';
import type { ReferralsService } from './referrals.service.js';

const errors = { 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 412: ErrorBody, 422: ErrorBody };
const tags = ['referrals'];

export interface ReferralServices {
  referrals: ReferralsService;
  workflow: ReferralWorkflowService;
  liaison: LiaisonService;
  measures: MeasuresService;
}

export function referralsRoutes(s: ReferralServices): FastifyPluginAsyncTypebox {
  return async (app) => {
    const boardJson = new WeakMap<object, Buffer>();
    app.get(
      '/referrals',
      { config: { access: 'referrals:read' }, schema: { tags, summary: 'The referral board: open referrals in your scope, least time left first', querystring: BoardQuery, response: { 200: Board } } },
      async (request, reply) => {
        const page = await s.referrals.board(callerOf(request), request.query);
        // A page is the same object while its queue stands: serialise it (through the schema) and
        // encode it once. A page is some 60 KB; kept as a string, it was encoded again for every view.
        let json = boardJson.get(page);
        if (json === undefined) boardJson.set(page, (json = Buffer.from(String(reply.serialize(page)))));
        // Already JSON made through the response schema: sent as it is.
        return reply.type('application/json; charset=utf-8').send(json as never);
      },
    );
    app.post(
      '/referrals',
      { config: { access: 'referrals:write' }, schema: { tags, summary: 'Take a referral (starts its transfer clock)', body: ReferralInput, response: { 201: ReferralDetail, ...errors } } },
      async (request, reply) => reply.status(201).send(await s.referrals.create(callerOf(request), request.body, idempotencyKey(request))),
    );
    app.get(
      '/referrals/settings',
      { config: { access: 'referrals:read' }, schema: { tags, summary: 'Clock settings and the structured instruments (codes and short labels)', response: { 200: ReferralSettings } } },
      async () => s.referrals.publicSettings(),
    );
    app.get(
      '/referrals/measures',
      { config: { access: 'referrals:measures' }, schema: { tags, summary: 'Days to admission, % within 14 days, assessments per referral, breach reasons by month', querystring: MeasuresQuery, response: { 200: Measures, 400: ErrorBody } } },
      async (request) => s.measures.measures(callerOf(request), request.query),
    );
    app.get(
      '/referrals/notice',
      { config: { access: 'referrals:read' }, schema: { tags, summary: "Working days of notice for a case conference, and the earliest date with 3", querystring: NoticeQuery, response: { 200: NoticeAnswer } } },
      async (request) => conferenceNotice(request.query.calendar, request.query.noticeDate, request.query.conferenceDate),
    );
    app.get(
      '/referrals/:id',
      { config: { access: 'referrals:read' }, schema: { tags, summary: 'One referral with its clock, assessments, decisions and timeline', params: IdParams, response: { 200: ReferralDetail, 404: ErrorBody } } },
      async (request, reply) => {
        const detail = await s.referrals.detail(callerOf(request), request.params.id);
        return reply.header('etag', etagOf(detail.version)).send(detail);
      },
    );

    // Each step of the referral: If-Match (the version seen) is honoured when sent.
    const step = <B extends Parameters<typeof Type.Object>[0]>(path: string, summary: string, body: ReturnType<typeof Type.Object<B>>, status: 200 | 201, run: (caller: ReturnType<typeof callerOf>, id: number, ifMatch: string | undefined, body: never) => Promise<unknown>, method: 'post' | 'put' = 'post') =>
      app[method](
        `/referrals/:id/${path}`,
        { config: { access: 'referrals:write' }, schema: { tags, summary, params: IdParams, headers: IfMatchHeaders, body, response: { [status]: ReferralDetail, ...errors } } },
        async (request, reply) => {
          const detail = (await run(callerOf(request), (request.params as { id: number }).id, (request.headers as { 'if-match'?: string })['if-match'], request.body as never)) as { version: number };
          return reply.status(status).header('etag', etagOf(detail.version)).send(detail as never);
        },
      );
    step('assessments', 'Record the pre-admission multidisciplinary assessment', AssessmentInput, 201, (c, id, v, b) => s.workflow.assess(c, id, v, b));
    step('decisions', "Record an admission panel's decision (accept, or decline naming the tier instead)", DecisionInput, 201, (c, id, v, b) => s.workflow.decide(c, id, v, b));
    step('forward', 'Forward to another unit or regional panel, keeping the assessment', ForwardInput, 200, (c, id, v, b) => s.workflow.forward(c, id, v, b));
    step('offer', 'Offer a bed on a ward of the accepting unit', OfferInput, 200, (c, id, v, b) => s.workflow.offer(c, id, v, b));
    step('admit', 'Admit to the offered bed: creates the placement and stops the clock', ReferralAdmitInput, 201, (c, id, v, b) => s.workflow.admit(c, id, v, b));
    step('close', 'Withdraw the referral, or record that hospital is no longer needed (stops the clock)', CloseInput, 200, (c, id, v, b) => s.workflow.close(c, id, v, b));
    step('breach-reason', 'Record the reason for a delay past the clock', BreachReasonInput, 200, (c, id, v, b) => s.workflow.breachReason(c, id, v, b), 'put');
    step('direction', 'Record the date of the Ministry of Justice transfer direction', DirectionInput, 200, (c, id, v, b) => s.workflow.direction(c, id, v, b), 'put');
    step('conferences', 'Call a case conference (3 working days of notice, or a reason)', ConferenceInput, 201, (c, id, v, b) => s.liaison.schedule(c, id, v, b));

    app.post(
      '/conferences/:id/record',
      { config: { access: 'referrals:write' }, schema: { tags, summary: 'Record a case conference: a record disclosable to the patient and any intelligence gist', params: IdParams, headers: IfMatchHeaders, body: ConferenceRecordInput, response: { 200: Conference, ...errors } } },
      async (request) => s.liaison.record(callerOf(request), request.params.id, request.headers['if-match'], request.body),
    );
    app.post(
      '/patients/:id/conferences',
      { config: { access: 'referrals:write' }, schema: { tags, summary: 'Call a case conference about a patient (e.g. before a return to prison)', params: IdParams, body: ConferenceInput, response: { 201: Conference, ...errors } } },
      async (request, reply) => reply.status(201).send(await s.liaison.scheduleForPatient(callerOf(request), request.params.id, request.body, idempotencyKey(request))),
    );
    app.get(
      '/prison-returns',
      { config: { access: 'referrals:read' }, schema: { tags, summary: 'Returns to prison still open: reception, and the supervision level due within 48 hours', response: { 200: Type.Array(PrisonReturn) } } },
      async (request) => s.liaison.openReturns(callerOf(request)),
    );
    app.post(
      '/patients/:id/prison-returns',
      { config: { access: 'referrals:write' }, schema: { tags, summary: 'Plan a return to prison with its handover pack', params: IdParams, body: PrisonReturnInput, response: { 201: PrisonReturn, ...errors } } },
      async (request, reply) => reply.status(201).send(await s.liaison.createReturn(callerOf(request), request.params.id, request.body, idempotencyKey(request))),
    );
    app.post(
      '/prison-returns/:id/reception',
      { config: { access: 'referrals:write' }, schema: { tags, summary: 'Record reception in prison (the 48 hours start)', params: IdParams, headers: IfMatchHeaders, body: ReceptionInput, response: { 200: PrisonReturn, ...errors } } },
      async (request) => s.liaison.reception(callerOf(request), request.params.id, request.headers['if-match'], request.body.receivedAt),
    );
    app.post(
      '/prison-returns/:id/supervision',
      { config: { access: 'referrals:write' }, schema: { tags, summary: 'Record the supervision level the prison set', params: IdParams, headers: IfMatchHeaders, body: SupervisionInput, response: { 200: PrisonReturn, ...errors } } },
      async (request) => s.liaison.supervision(callerOf(request), request.params.id, request.headers['if-match'], request.body.level, request.body.setAt),
    );
  };
}
