import type { Updateable } from 'kysely';
import { audit, auditingRefusals, type AuditAction } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import type { Db, DbOrTx, Tx } from '../db/connection.js';
import type { ReferralTable } from '../db/schema-referrals.js';
import type { Caller } from '../http/caller.js';
import { AppError, notFound } from '../http/errors.js';
import { checkIfMatch } from '../http/versioning.js';
import { REPLAYED, runIdempotent } from '../idempotency/idempotency.js';
import type { PatientsService } from '../patients/patients.service.js';
import { CONFERENCE_ROLES, PROTOCOL_INVITEES, type ConferenceKind, type ReferralState } from '../shared/referral-vocabulary.js';
import { loadInstruments, type Instrument } from './instruments.js';
import * as liaison from './liaison.repo.js';
import * as records from './referral-records.repo.js';
import { availableActions, onBoard, queueOrder, stateOnArrival, type BoardFields } from './referral-rules.js';
import type { ReferralSettings } from './referral-settings.js';
import { clockOf, detailExtras, toAssessment, toDecision, toSummary } from './referrals.map.js';
import * as repo from './referrals.repo.js';
import type { BoardQuery, Conference, ReferralDetail, ReferralInput, ReferralSummary } from './referrals.schema.js';
import { localDate } from './transfer-clock.js';
import { GenerationCheck } from '../shared/generation-check.js';
import { mapInTurns } from '../shared/in-turns.js';
import { LruMap } from '../shared/lru-map.js';
import { SingleFlight } from '../shared/single-flight.js';

const BOARD_CACHE_MS = 60_000;
/**
 * For this long past its minute a kept queue, unchanged and of the same day, still answers while a
 * fresh one is made: long enough that a busy board never waits for one, short enough that the minute
 * still bounds how old a board may be. Only time moves a board without a change to the generation
 * (its clocks count days), so this is how stale a clock may be, never a referral, a patient or a name.
 */
const BOARD_STALE_MS = BOARD_CACHE_MS + 10_000;
export const GENERATION_RECHECK_MS = 250;
/** Callers whose open referrals are kept; a national scope is some 1,800 light rows (about 200 kB). */
const BOARD_CACHE_ENTRIES = 200;
/** Filtered queues kept per caller's load: each is a list of ids and two counts. */
const QUEUES_PER_SCOPE = 20;
/**
 * Board pages kept, across every caller and queue, the most recently made first. A page is some 60 kB
 * of JSON at 50 referrals (up to 240 kB at 200), so this bounds them at about 30-120 MB.
 */
const PAGES_KEPT = 500;

/** An open referral as the queue needs it: what the filters look at, and its clock today. */
interface QueuedReferral extends BoardFields {
  id: number;
  state: string;
  status: string;
  daysRemaining: number;
  receivedAt: Date;
}

let queueNumber = 0;

/**
 * Every open referral a caller may see, with its clock, as of one generation and time: loaded once
 * and shared by every filter of that caller's board (the whole queue, breaches only, one unit's
 * panel, prison transfers...), so a busy board remakes one load a minute, not one per filter.
 */
interface ScopeSnapshot {
  generation: string;
  at: number;
  /** The local day the clocks were worked out for. */
  day: string;
  referrals: QueuedReferral[];
  queues: Map<string, QueueSnapshot>;
}

/** One filtered queue of a caller's board, in order. */
interface QueueSnapshot {
  /** Names the queue's kept pages. */
  id: number;
  generation: string;
  at: number;
  ids: number[];
  byClock: { on_track: number; amber: number; breached: number };
  byState: Record<string, number>;
}

/** One page of the board, as shown; the same object for every view of it while the queue stands. */
export interface BoardPage {
  total: number;
  byState: Record<string, number>;
  byClock: QueueSnapshot['byClock'];
  items: ReferralSummary[];
  /** When the figures were read: the queue snapshot's time. */
  asOf: string;
}

/** The columns an action changes on the referral row (its version is bumped for it). */
export type ReferralChange = Omit<Updateable<ReferralTable>, 'version' | 'id'>;

/**
 * Referral intake, the queue and the record of one referral. Every look at a named referral is
 * audited against its patient; a referral outside the caller's scope answers exactly as a missing one.
 */
export class ReferralsService {
  readonly instruments: Map<string, Instrument>;
  /** Callers' loads, the oldest load first to go: a load is not refreshed by being read. */
  private readonly boardCache = new LruMap<string, ScopeSnapshot>(BOARD_CACHE_ENTRIES);
  /** Kept board pages by queue, offset and limit (see PAGES_KEPT); a page of a queue no longer kept is never asked for again and soon goes. */
  private readonly boardPages = new LruMap<string, Promise<BoardPage>>(PAGES_KEPT);
  private readonly scopeLoads = new SingleFlight<string, ScopeSnapshot>();
  /** The referral generation (with the directory's version), read again at most every 250 ms; a change through this server clears it at once. */
  private readonly generation: GenerationCheck;
  private summaryCache: { generation: string; today: string; at: number; rows: Map<number, ReferralSummary> } = { generation: '', today: '', at: 0, rows: new Map() };

  constructor(
    readonly database: Db,
    private readonly clock: Clock,
    readonly settings: ReferralSettings,
    private readonly patients: PatientsService,
  ) {
    this.instruments = loadInstruments();
    this.generation = new GenerationCheck(() => repo.selectGeneration(database), GENERATION_RECHECK_MS);
  }

  now = () => this.clock.now();
  today = () => localDate(this.clock.now(), this.settings.timeZone);

  publicSettings() {
    return { ...this.settings, instruments: [...this.instruments.values()].map(({ code, name, purpose, scale, items }) => ({ code, name, purpose, scale, items })) };
  }

  async create(caller: Caller, input: ReferralInput, idempotencyKey?: string): Promise<ReferralDetail> {
    if ((input.patientId === undefined) === (input.newPatient === undefined)) {
      throw new AppError('validation_failed', 'Choose the patient: an existing record, or the details of someone new (not both).', {
        details: [{ field: 'patientId', message: 'give either patientId or newPatient' }],
      });
    }
    if (input.urgency !== 'routine' && !input.urgencyReason) {
      throw new AppError('validation_failed', 'Say why the referral is urgent.', { details: [{ field: 'urgencyReason', message: `required for ${input.urgency} referrals` }] });
    }
    const receivedAt = this.eventTime(input.receivedAt, 'receivedAt');
    // A replayed referral: only to a referrer who may see it now, and audited as a look at it.
    const replayed = async (trx: Tx, first: ReferralDetail) => {
      await this.loadDetail(trx, caller, first.id);
      await audit(trx, caller, [{ action: 'read', patientId: first.patient.id, recordType: 'referral', recordId: first.id, basis: 'relationship', reason: REPLAYED }]);
    };
    // A referral of someone already registered whom the referrer cannot see is refused as not found,
    // and the attempt audited as denied.
    const refer = <T>(work: () => Promise<T>) => (input.patientId === undefined ? work() : this.patients.guard(caller, input.patientId, 'refer', work));
    const { result } = await refer(() => this.patients.auditingDuplicates(caller, input.newPatient ?? {}, () => runIdempotent(this.database, caller, { key: idempotencyKey, route: 'POST /referrals', body: input, status: 201, replayed }, async (trx) => {
      const patientId = input.newPatient ? await this.patients.registerWithin(trx, caller, input.newPatient) : input.patientId!;
      // An existing patient must be one the referrer can see: otherwise, as if they did not exist. And
      // through a relationship: a referral is itself one from then on (its referrer keeps sight of the
      // patient while it runs), so one made under emergency access alone would outlast that hour.
      if (input.patientId !== undefined && (await this.patients.loadReached(trx, patientId, caller)).basis === 'break_glass') {
        throw new AppError('not_permitted', 'Emergency access lets you read this record for a short time; it does not let you refer the patient. Ask their care team or a bed manager to make the referral.');
      }
      const panel = await this.panel(trx, input.targetUnitId, input.targetRegionId);
      const referrer = await repo.selectOrganisation(trx, input.referringOrganisationId);
      if (!referrer) throw new AppError('unknown_reference', 'That referring organisation does not exist.', { details: [{ field: 'referringOrganisationId', message: 'no such organisation' }] });
      const { id } = await repo.insertReferral(trx, {
        patient_id: patientId,
        source: input.source,
        referring_organisation_id: input.referringOrganisationId,
        referring_unit_id: input.referringUnitId ?? null,
        referring_clinician: input.referringClinician.trim(),
        legal_route: input.legalRoute,
        urgency: input.urgency,
        urgency_reason: input.urgencyReason?.trim() || null,
        requested_tier: input.requestedTier,
        requested_specialism: input.requestedSpecialism,
        home_region_id: input.homeRegionId,
        offence_category: input.offenceCategory,
        target_unit_id: panel.unitId,
        target_region_id: panel.regionId,
        received_at: receivedAt,
        received_on: localDate(receivedAt, this.settings.timeZone),
        clock_policy: input.clockPolicy ?? this.settings.clockPolicy,
        created_by: caller.userId > 0 ? caller.userId : null,
      });
      await repo.insertEvent(trx, { referral_id: id, at: receivedAt, kind: 'received', detail: { summary: `Referral received for the ${panel.name}` }, user_id: caller.userId || null });
      await audit(trx, caller, [{ action: 'refer', patientId, recordType: 'referral', recordId: id, basis: 'relationship' }]);
      return this.loadDetail(trx, caller, id);
    })));
    this.changed();
    return result;
  }

  /**
   * After a commit that changed referrals, here or in a service built on this one (case conferences):
   * this server's next board reads the generation again.
   */
  changed() {
    this.generation.invalidate();
  }

  /** The panel a referral goes to: a unit that holds secure beds, or a region's panel. */
  async panel(db: DbOrTx, unitId: number | undefined, regionId: number | undefined): Promise<{ unitId: number | null; regionId: number; name: string }> {
    if ((unitId === undefined) === (regionId === undefined)) {
      throw new AppError('validation_failed', "Send the referral to one panel: a unit's, or a region's.", { details: [{ field: 'targetUnitId', message: 'give either targetUnitId or targetRegionId' }] });
    }
    if (unitId !== undefined) {
      const unit = await repo.selectUnitPanel(db, unitId);
      if (!unit || unit.retired_at) throw new AppError('unknown_reference', 'That unit does not exist or has been retired.', { details: [{ field: 'targetUnitId', message: 'no such unit' }] });
      if (!['high_secure', 'medium_secure', 'low_secure'].includes(unit.service_type)) {
        throw new AppError('validation_failed', 'Referrals go to a secure unit (high, medium or low) or a regional panel.', { details: [{ field: 'targetUnitId', message: 'not a secure unit' }] });
      }
      return { unitId: unit.id, regionId: unit.region_id, name: `${unit.name} admission panel` };
    }
    if (!(await repo.regionExists(db, regionId!))) throw new AppError('unknown_reference', 'That region does not exist.', { details: [{ field: 'targetRegionId', message: 'no such region' }] });
    return { unitId: null, regionId: regionId!, name: 'regional admission panel' };
  }

  /** An event's time: now when not given; never in the future. */
  eventTime(at: string | undefined, field: string): Date {
    const now = this.clock.now();
    if (at === undefined) return now;
    const when = new Date(at);
    if (when.getTime() > now.getTime() + 60_000) {
      throw new AppError('date_in_future', 'The date and time cannot be in the future.', { details: [{ field, message: 'is in the future' }] });
    }
    return when;
  }

  /**
   * When a step on a referral happened, as eventTime, and not before the last event on its
   * timeline (or its receipt): the timeline reads in the order things happened.
   */
  async timelineTime(trx: Tx, referral: { id: number; received_at: Date }, at: string | undefined, field: string): Promise<Date> {
    const when = this.eventTime(at, field);
    const last = (await repo.selectLastEventAt(trx, referral.id)) ?? referral.received_at;
    if (when < last) {
      throw new AppError('date_out_of_order', `This cannot be dated before the referral's last recorded event (${last.toISOString()}).`, {
        details: [{ field, message: `must be on or after ${last.toISOString()}` }],
      });
    }
    return when;
  }

  /**
   * The queue in order, before paging: the caller's open referrals that pass the filters, with
   * counts by state and clock. Worked out from the caller's kept load (see ScopeSnapshot), and kept
   * with it.
   */
  private async queue(caller: Caller, q: BoardQuery, now: Date): Promise<QueueSnapshot> {
    const scope = await this.scope(caller, now);
    const { limit: _limit, offset: _offset, ...filters } = q;
    const key = JSON.stringify(filters);
    let queue = scope.queues.get(key);
    if (!queue) {
      queue = filteredQueue(scope, filters);
      if (scope.queues.size < QUEUES_PER_SCOPE) scope.queues.set(key, queue);
    }
    return queue;
  }

  /**
   * The caller's open referrals with their clocks worked out. Kept per caller while nothing has
   * changed (the generation) and for at most a minute, since clocks move by calendar day; a busy
   * board then costs one cheap read. When the minute is up, a busy board keeps answering with it
   * for a few seconds while it is remade.
   */
  private async scope(caller: Caller, now: Date): Promise<ScopeSnapshot> {
    const generation = await this.generation.current();
    const key = `${caller.userId}|${caller.role}`;
    // Requests that miss together share one load of the same scope and generation.
    const load = () => this.scopeLoads.run(`${key}|${generation}`, () => this.loadScope(caller, now, key, generation));
    const hit = this.boardCache.peek(key);
    if (hit && hit.generation !== generation) this.dropLoadsBefore(generation);
    if (!hit || hit.generation !== generation) return load();
    const age = now.getTime() - hit.at;
    if (age >= 0 && age < BOARD_CACHE_MS) return hit;
    // Just past its minute, but nothing has changed and its clocks are today's: it answers at once
    // while a fresh one is made behind it, so a busy board does not stall every viewer once a minute.
    if (age >= 0 && age < BOARD_STALE_MS && hit.day === localDate(now, this.settings.timeZone)) {
      load().catch(() => undefined); // a failed refresh leaves the load to the next viewer
      return hit;
    }
    return load();
  }

  /** Every caller's load from before a change is of no more use: it goes at once, not when its caller next looks. */
  private dropLoadsBefore(generation: string) {
    for (const [key, scope] of this.boardCache) if (scope.generation !== generation) this.boardCache.delete(key);
  }

  private async loadScope(caller: Caller, now: Date, key: string, generation: string): Promise<ScopeSnapshot> {
    const rows = await repo.selectOpenForBoard(this.database, caller, now);
    // Only what the filters and the order need is kept.
    const referrals = await mapInTurns(rows, (r): QueuedReferral => {
      const clock = clockOf({ ...r, stopped_at: null }, now, this.settings);
      return {
        id: r.id,
        state: r.state,
        status: clock.status,
        daysRemaining: clock.daysRemaining ?? 0,
        receivedAt: r.received_at,
        urgency: r.urgency,
        target_region_id: r.target_region_id,
        target_unit_id: r.target_unit_id,
        target_organisation_id: r.target_organisation_id,
        referring_organisation_id: r.referring_organisation_id,
        requested_tier: r.requested_tier,
        legal_route: r.legal_route,
      };
    });
    const snapshot: ScopeSnapshot = { generation, at: now.getTime(), day: localDate(now, this.settings.timeZone), referrals, queues: new Map() };
    this.boardCache.set(key, snapshot);
    return snapshot;
  }

  /**
   * Queue entries for a page, from memory while the generation and the day are unchanged and for
   * at most a minute (clocks move by calendar day; the minute bounds any drift).
   */
  private async boardEntries(db: DbOrTx, ids: number[], generation: string, now: Date): Promise<Map<number, ReferralSummary>> {
    const today = this.today();
    const c = this.summaryCache;
    const fresh = c.generation === generation && c.today === today && now.getTime() - c.at < BOARD_CACHE_MS && now.getTime() >= c.at;
    if (!fresh || c.rows.size > 20_000) this.summaryCache = { generation, today, at: now.getTime(), rows: new Map() };
    const cache = this.summaryCache.rows;
    const missing = ids.filter((id) => !cache.has(id));
    for (const row of await repo.selectSummaries(db, missing, today)) cache.set(row.id, toSummary(row, now, this.settings));
    return cache;
  }

  /**
   * A page of the board. Pages are kept by queue snapshot, so a busy board costs a lookup
   * and its audit event; the page object is the same for each view, so the route can send the JSON
   * it made the first time.
   */
  async board(caller: Caller, q: BoardQuery): Promise<BoardPage> {
    const now = this.clock.now();
    const db = this.database;
    const queue = await this.queue(caller, q, now);
    const offset = q.offset ?? 0;
    const limit = q.limit ?? 50;
    const pages = this.boardPages;
    const pageKey = `${queue.id}|${offset}|${limit}`;
    let pending = pages.get(pageKey);
    if (!pending) {
      // Kept as the promise, so viewers who ask while the page is being made wait for that one.
      pending = this.boardPage(queue, offset, limit, now);
      pages.set(pageKey, pending);
      pending.catch(() => pages.delete(pageKey));
    }
    const page = await pending;
    // Every named referral on the screen is a look at that patient: one event naming them all. It is
    // one statement, so the board is shown only if its audit event was written.
    const items = page.items;
    if (items.length > 0) {
      await audit(db, caller, [{ action: 'list', patientId: null, patientIds: items.map((i) => i.patient.id), recordType: 'referral_board', recordId: items.map((i) => i.id).join(','), basis: 'relationship' }]);
    }
    return page;
  }

  private async boardPage(queue: QueueSnapshot, offset: number, limit: number, now: Date): Promise<BoardPage> {
    const ids = queue.ids.slice(offset, offset + limit);
    const byId = await this.boardEntries(this.database, ids, queue.generation, now);
    const items = ids.flatMap((id) => {
      const summary = byId.get(id);
      return summary ? [summary] : [];
    });
    return { total: queue.ids.length, byState: queue.byState, byClock: queue.byClock, items, asOf: new Date(queue.at).toISOString() };
  }

  async detail(caller: Caller, id: number): Promise<ReferralDetail> {
    return this.guard(caller, id, 'read', () =>
      this.database.transaction().execute(async (trx) => {
        const detail = await this.loadDetail(trx, caller, id);
        await audit(trx, caller, [{ action: 'read', patientId: detail.patient.id, recordType: 'referral', recordId: id, basis: 'relationship' }]);
        return detail;
      }),
    );
  }

  /** A refused or missing referral is audited as a denied attempt, outside the failed transaction. */
  guard<T>(caller: Caller, id: number, action: AuditAction, work: () => Promise<T>): Promise<T> {
    return auditingRefusals(this.database, caller, { recordType: 'referral', recordId: id, action }, work);
  }

  /** The whole referral, without auditing (the caller audits the action it took). */
  /**
   * A referral as the caller sees it, if they reach it; `checked` false only for the answer to a
   * change they were allowed to make (their reach was checked as the row was locked, and the change
   * may itself end it: a panel forwarding a referral to a unit outside its scope).
   */
  async loadDetail(db: DbOrTx, caller: Caller, id: number, checked = true): Promise<ReferralDetail> {
    const now = this.clock.now();
    if (checked && !(await repo.selectReferral(db, caller, now, id, false))) throw notFound('Referral');
    const today = this.today();
    const [[row], assessments, decisions, conferences, events] = await Promise.all([
      repo.selectSummaries(db, [id], today),
      records.selectAssessments(db, id),
      records.selectDecisions(db, id),
      liaison.selectConferences(db, id),
      repo.selectEvents(db, id),
    ]);
    const summary = toSummary(row!, now, this.settings);
    const offered = row!.offered_ward_id ? await repo.selectWardForOffer(db, row!.offered_ward_id) : undefined;
    const own = new Set(assessments.map((a) => a.id));
    return {
      ...summary,
      ...detailExtras(row!),
      offeredWard: offered ? { id: offered.id, name: offered.name, unitName: offered.unit_name } : null,
      assessments: assessments.map((a) => toAssessment(a, today, own)),
      decisions: decisions.map(toDecision),
      conferences: conferences.map(toConference),
      events: events.map((e) => ({ id: e.id, at: e.at.toISOString(), kind: e.kind, summary: String(e.detail.summary ?? e.kind), by: e.display_name })),
      actions: caller.permissions.includes('referrals:write') ? availableActions(summary.state, summary.legalRoute, summary.clock.status) : [],
    };
  }

  /**
   * One change to a referral: locked, checked against the version the user saw (If-Match, when
   * sent), bumped, audited, and answered with the referral as it now stands — all in one commit.
   */
  async change(
    caller: Caller,
    id: number,
    ifMatch: string | undefined,
    action: AuditAction,
    work: (trx: Tx, row: repo.ReferralRow) => Promise<ReferralChange | undefined>,
  ): Promise<ReferralDetail> {
    const detail = await this.guard(caller, id, action, () =>
      this.database.transaction().execute(async (trx) => {
        const row = await repo.selectReferral(trx, caller, this.clock.now(), id, true);
        if (!row) throw notFound('Referral');
        await checkIfMatch(ifMatch, row.version, () => this.loadDetail(trx, caller, id), { patientId: row.patient_id, recordType: 'referral', recordId: id });
        await repo.updateReferral(trx, id, (await work(trx, row)) ?? {});
        await audit(trx, caller, [{ action, patientId: row.patient_id, recordType: 'referral', recordId: id, basis: 'relationship' }]);
        return this.loadDetail(trx, caller, id, false);
      }),
    );
    this.changed();
    return detail;
  }

  /** Whether the referral has an assessment valid today: a forwarded referral arrives assessed if so. */
  async arrivalState(db: DbOrTx, referralId: number): Promise<ReferralState> {
    return stateOnArrival((await records.selectValidAssessment(db, referralId, this.today())) !== undefined);
  }
}

export function toConference(c: liaison.ConferenceRow): Conference {
  const kind = c.kind as ConferenceKind;
  const invited = c.invited as Conference['invited'];
  return {
    id: c.id,
    patientId: c.patient_id,
    referralId: c.referral_id,
    kind,
    calendar: c.calendar as Conference['calendar'],
    noticeGivenAt: c.notice_given_at.toISOString(),
    scheduledFor: c.scheduled_for.toISOString(),
    noticeWorkingDays: c.notice_working_days,
    shortNoticeReason: c.short_notice_reason,
    invited,
    missingInvitees: PROTOCOL_INVITEES[kind].filter((r) => !invited.includes(r)),
    venue: c.venue,
    heldAt: c.held_at?.toISOString() ?? null,
    attended: (c.attended ?? []).filter((r): r is Conference['attended'][number] => (CONFERENCE_ROLES as readonly string[]).includes(r)),
    disclosableRecord: c.disclosable_record,
    intelligenceGist: c.intelligence_gist,
    version: c.version,
  };
}

/** A caller's queue under one set of filters: counts by state and clock, then the ids in queue order. */
function filteredQueue(scope: ScopeSnapshot, f: Omit<BoardQuery, 'limit' | 'offset'>): QueueSnapshot {
  const shown = scope.referrals.filter((r) => onBoard(r, f));
  const byClock = { on_track: 0, amber: 0, breached: 0 };
  const byState: Record<string, number> = {};
  for (const r of shown) {
    byState[r.state] = (byState[r.state] ?? 0) + 1;
    if (r.status in byClock) byClock[r.status as keyof typeof byClock]++;
  }
  const ids = shown
    .filter((r) => (f.state === undefined || r.state === f.state) && (f.clock === undefined || r.status === f.clock))
    .sort(queueOrder)
    .map((r) => r.id);
  return { id: ++queueNumber, generation: scope.generation, at: scope.at, ids, byClock, byState };
}
