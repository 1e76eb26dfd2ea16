import { audit, auditingRefusals } from '../audit/audit.service.js';
import type { Tx } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError, notFound } from '../http/errors.js';
import { checkIfMatch } from '../http/versioning.js';
import { REPLAYED, runIdempotent } from '../idempotency/idempotency.js';
import type { PatientsService } from '../patients/patients.service.js';
import { CONFERENCE_KIND_LABELS, HANDOVER_ITEMS, PROTOCOL_INVITEES } from '../shared/referral-vocabulary.js';
import { workingDaysNotice } from './calendars.js';
import * as liaison from './liaison.repo.js';
import { isOpen } from './referral-rules.js';
import * as repo from './referrals.repo.js';
import type { Conference, ConferenceInput, ConferenceRecordInput, PrisonReturn, PrisonReturnInput, ReferralDetail } from './referrals.schema.js';
import { toConference, type ReferralsService } from './referrals.service.js';
import { localDate } from './transfer-clock.js';

/** The liaison protocol (001 Annex D): case conferences with notice, and returns to prison. */
export class LiaisonService {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly patients: PatientsService,
  ) {}

  private get db() {
    return this.referrals.database;
  }

  /** Notice in clear working days of the chosen calendar; short notice needs a reason. */
  private checkNotice(input: ConferenceInput, noticeGivenAt: Date) {
    const scheduledFor = new Date(input.scheduledFor);
    if (scheduledFor <= noticeGivenAt) {
      throw new AppError('validation_failed', 'The conference must be after the notice is given.', { details: [{ field: 'scheduledFor', message: 'must be after the notice' }] });
    }
    const tz = this.referrals.settings.timeZone;
    const days = workingDaysNotice(input.calendar, localDate(noticeGivenAt, tz), localDate(scheduledFor, tz));
    if (days < 3 && !input.shortNoticeReason?.trim()) {
      throw new AppError('short_notice_unexplained', `Only ${days} working day${days === 1 ? '' : 's'} of notice: give the reason for short notice, or choose a later date.`, {
        details: [{ field: 'shortNoticeReason', message: `required with ${days} working days of notice` }],
      });
    }
    return { scheduledFor, days };
  }

  /** Schedule a transfer conference on a referral. */
  schedule(caller: Caller, referralId: number, ifMatch: string | undefined, input: ConferenceInput): Promise<ReferralDetail> {
    return this.referrals.change(caller, referralId, ifMatch, 'schedule', async (trx, row) => {
      if (!isOpen(row.state as never)) throw new AppError('referral_closed');
      const noticeGivenAt = await this.referrals.timelineTime(trx, row, input.noticeGivenAt, 'noticeGivenAt');
      const { scheduledFor, days } = this.checkNotice(input, noticeGivenAt);
      await liaison.insertConference(trx, this.conferenceRow(caller, row.patient_id, row.id, input, noticeGivenAt, scheduledFor, days));
      const missing = PROTOCOL_INVITEES[input.kind].filter((r) => !input.invited.includes(r));
      const note = missing.length > 0 ? ` (${missing.length} of the roles the protocol names not invited)` : '';
      await repo.insertEvent(trx, {
        referral_id: row.id,
        at: noticeGivenAt,
        kind: 'conference_scheduled',
        detail: { summary: `Case conference (${CONFERENCE_KIND_LABELS[input.kind].toLowerCase()}) called for ${this.readable(scheduledFor)} with ${days} working days' notice${note}` },
        user_id: caller.userId > 0 ? caller.userId : null,
      });
      return undefined;
    });
  }

  /** The first answer to a request, shown again to someone who may still see its record: a read of it. */
  private async auditReplay(trx: Tx, caller: Caller, patientId: number, recordType: string, recordId: number) {
    await audit(trx, caller, [{ action: 'read', patientId, recordType, recordId, basis: await this.patients.basisOf(trx, caller, patientId), reason: REPLAYED }]);
  }

  /** A date and time as people write it, in the service's time zone: "Mon 23 Nov 2026, 10:00". */
  private readable(at: Date): string {
    return new Intl.DateTimeFormat('en-GB', { timeZone: this.referrals.settings.timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(at);
  }

  /** Schedule a conference about a patient without a referral (a return to prison). */
  async scheduleForPatient(caller: Caller, patientId: number, input: ConferenceInput, idempotencyKey?: string): Promise<Conference> {
    const noticeGivenAt = this.referrals.eventTime(input.noticeGivenAt, 'noticeGivenAt');
    const { scheduledFor, days } = this.checkNotice(input, noticeGivenAt);
    // A replay shows the conference only to someone who may still see it, as a read.
    const replayed = async (trx: Tx, first: Conference) => {
      if (!(await liaison.lockConference(trx, first.id, { caller, now: this.referrals.now() }))) throw notFound('Case conference');
      await this.auditReplay(trx, caller, patientId, 'case_conference', first.id);
    };
    const request = { key: idempotencyKey, route: `POST /patients/${patientId}/conferences`, body: input, status: 201, replayed };
    return this.patients.guard(caller, patientId, 'schedule', async () =>
      (await runIdempotent(this.db, caller, request, async (trx) => {
        await this.patients.load(trx, patientId, caller);
        const { id } = await liaison.insertConference(trx, this.conferenceRow(caller, patientId, null, input, noticeGivenAt, scheduledFor, days));
        await audit(trx, caller, [{ action: 'schedule', patientId, recordType: 'case_conference', recordId: id, basis: await this.patients.basisOf(trx, caller, patientId) }]);
        const row = await liaison.lockConference(trx, id, { caller, now: this.referrals.now() });
        return toConference(row!);
      })).result,
    );
  }

  private conferenceRow(caller: Caller, patientId: number, referralId: number | null, input: ConferenceInput, noticeGivenAt: Date, scheduledFor: Date, days: number) {
    return {
      patient_id: patientId,
      referral_id: referralId,
      kind: input.kind,
      calendar: input.calendar,
      notice_given_at: noticeGivenAt,
      scheduled_for: scheduledFor,
      notice_working_days: days,
      short_notice_reason: days < 3 ? input.shortNoticeReason!.trim() : null,
      invited: input.invited,
      venue: input.venue?.trim() || null,
      created_by: caller.userId > 0 ? caller.userId : null,
    };
  }

  /** Record what the conference decided: a record the patient may read, and a separate gist. */
  async record(caller: Caller, id: number, ifMatch: string | undefined, input: ConferenceRecordInput): Promise<Conference> {
    const heldAt = this.referrals.eventTime(input.heldAt, 'heldAt');
    const conference = await auditingRefusals(this.db, caller, { recordType: 'case_conference', recordId: id, action: 'update' }, () =>
      this.db.transaction().execute(async (trx) => {
        const row = await liaison.lockConference(trx, id, { caller, now: this.referrals.now() });
        if (!row) throw notFound('Case conference');
        const basis = await this.patients.basisOf(trx, caller, row.patient_id);
        await checkIfMatch(ifMatch, row.version, () => toConference(row), { patientId: row.patient_id, recordType: 'case_conference', recordId: id, basis });
        if (row.held_at) throw new AppError('referral_wrong_stage', 'This conference has already been recorded.');
        if (heldAt < row.notice_given_at) throw new AppError('date_out_of_order', 'The conference cannot be held before notice of it was given.', { details: [{ field: 'heldAt', message: 'before the notice' }] });
        const updated = await liaison.recordConference(trx, id, {
          held_at: heldAt,
          attended: input.attended,
          disclosable_record: input.disclosableRecord.trim(),
          intelligence_gist: input.intelligenceGist?.trim() || null,
        });
        if (row.referral_id !== null) {
          await repo.insertEvent(trx, { referral_id: row.referral_id, at: heldAt, kind: 'conference_held', detail: { summary: `Case conference held; disclosable record written${input.intelligenceGist ? ', with an intelligence gist' : ''}` }, user_id: caller.userId > 0 ? caller.userId : null });
          await repo.updateReferral(trx, row.referral_id, {});
        }
        await audit(trx, caller, [{ action: 'update', patientId: row.patient_id, recordType: 'case_conference', recordId: id, basis }]);
        return toConference(updated);
      }),
    );
    this.referrals.changed(); // the referral's row moved with it
    return conference;
  }

  async createReturn(caller: Caller, patientId: number, input: PrisonReturnInput, idempotencyKey?: string): Promise<PrisonReturn> {
    // A replay shows the return only to someone who may still see it, as a read.
    const replayed = async (trx: Tx, first: PrisonReturn) => {
      await this.loadReturn(trx, caller, first.id);
      await this.auditReplay(trx, caller, patientId, 'prison_return', first.id);
    };
    const request = { key: idempotencyKey, route: `POST /patients/${patientId}/prison-returns`, body: input, status: 201, replayed };
    return this.patients.guard(caller, patientId, 'create', async () =>
      (await runIdempotent(this.db, caller, request, async (trx) => {
        await this.patients.load(trx, patientId, caller);
        const prison = await repo.selectUnitPanel(trx, input.prisonUnitId);
        if (!prison || prison.service_type !== 'prison') {
          throw new AppError('unknown_reference', 'That prison is not in the register.', { details: [{ field: 'prisonUnitId', message: 'not a prison' }] });
        }
        // The handover points at a conference about this person, one the user can see: the same answer
        // for one about someone else, one out of reach and one that does not exist.
        if (input.conferenceId !== undefined) {
          const conference = await liaison.lockConference(trx, input.conferenceId, { caller, now: this.referrals.now() });
          if (conference?.patient_id !== patientId) {
            throw new AppError('unknown_reference', 'That case conference is not one about this patient.', { details: [{ field: 'conferenceId', message: 'no such conference about this patient' }] });
          }
        }
        const { id } = await liaison.insertPrisonReturn(trx, {
          patient_id: patientId,
          prison_unit_id: input.prisonUnitId,
          conference_id: input.conferenceId ?? null,
          planned_for: input.plannedFor,
          handover_items: input.handoverItems,
          created_by: caller.userId > 0 ? caller.userId : null,
        });
        await audit(trx, caller, [{ action: 'create', patientId, recordType: 'prison_return', recordId: id, basis: await this.patients.basisOf(trx, caller, patientId) }]);
        return this.loadReturn(trx, caller, id);
      })).result,
    );
  }

  private async loadReturn(trx: Parameters<typeof liaison.selectReturn>[0], caller: Caller, id: number, lock = false) {
    const row = await liaison.selectReturn(trx, { caller, now: this.referrals.now() }, id, lock);
    if (!row) throw notFound('Return to prison');
    return toReturn(row, this.referrals.now());
  }

  async openReturns(caller: Caller): Promise<PrisonReturn[]> {
    return this.db.transaction().execute(async (trx) => {
      const rows = await liaison.selectOpenReturns(trx, { caller, now: this.referrals.now() });
      // One event for those shown through a relationship, one for those shown only through emergency access.
      const shown = (related: boolean) => rows.filter((r) => r.related === related);
      await audit(
        trx,
        caller,
        ([true, false] as const)
          .filter((related) => shown(related).length > 0)
          .map((related) => ({
            action: 'list' as const,
            patientId: null,
            patientIds: shown(related).map((r) => r.patient_id),
            recordType: 'prison_returns',
            recordId: shown(related).map((r) => r.id).join(','),
            basis: related ? ('relationship' as const) : ('break_glass' as const),
          })),
      );
      return rows.map((r) => toReturn(r, this.referrals.now()));
    });
  }

  /** Reception in prison starts the 48 hours within which the prison sets a supervision level. */
  async reception(caller: Caller, id: number, ifMatch: string | undefined, receivedAtText: string): Promise<PrisonReturn> {
    const receivedAt = this.referrals.eventTime(receivedAtText, 'receivedAt');
    return this.changeReturn(caller, id, ifMatch, async (trx, current) => {
      if (current.receivedAt) throw new AppError('referral_wrong_stage', 'Reception in prison is already recorded.');
      await liaison.updateReturn(trx, id, { received_at: receivedAt });
    });
  }

  async supervision(caller: Caller, id: number, ifMatch: string | undefined, level: string, setAtText: string): Promise<PrisonReturn> {
    const setAt = this.referrals.eventTime(setAtText, 'setAt');
    return this.changeReturn(caller, id, ifMatch, async (trx, current) => {
      if (!current.receivedAt) throw new AppError('referral_wrong_stage', 'Record reception in prison before the supervision level.');
      if (setAt < new Date(current.receivedAt)) throw new AppError('date_out_of_order', 'The supervision level cannot be set before reception.', { details: [{ field: 'setAt', message: 'before reception' }] });
      await liaison.updateReturn(trx, id, { supervision_level: level, supervision_set_at: setAt });
    });
  }

  private changeReturn(caller: Caller, id: number, ifMatch: string | undefined, work: (trx: Parameters<typeof liaison.updateReturn>[0], current: PrisonReturn) => Promise<void>): Promise<PrisonReturn> {
    return auditingRefusals(this.db, caller, { recordType: 'prison_return', recordId: id, action: 'update' }, () =>
      this.db.transaction().execute(async (trx) => {
        const current = await this.loadReturn(trx, caller, id, true);
        const basis = await this.patients.basisOf(trx, caller, current.patient.id);
        await checkIfMatch(ifMatch, current.version, () => current, { patientId: current.patient.id, recordType: 'prison_return', recordId: id, basis });
        await work(trx, current);
        await audit(trx, caller, [{ action: 'update', patientId: current.patient.id, recordType: 'prison_return', recordId: id, basis }]);
        return this.loadReturn(trx, caller, id);
      }),
    );
  }
}

export function toReturn(r: liaison.PrisonReturnRow, now: Date): PrisonReturn {
  const items = r.handover_items as PrisonReturn['handoverItems'];
  const due = r.supervision_due_at;
  const status = r.supervision_set_at ? 'complete' : !r.received_at ? 'awaiting_reception' : due && due < now ? 'supervision_overdue' : 'supervision_due';
  return {
    id: r.id,
    patient: { id: r.patient_id, name: `${r.given_name} ${r.family_name}` },
    prison: { id: r.prison_unit_id, name: r.prison_name },
    conferenceId: r.conference_id,
    plannedFor: r.planned_for,
    handoverItems: items,
    missingHandoverItems: HANDOVER_ITEMS.filter((i) => !items.includes(i)),
    receivedAt: r.received_at?.toISOString() ?? null,
    supervisionDueAt: due?.toISOString() ?? null,
    supervisionLevel: r.supervision_level as PrisonReturn['supervisionLevel'],
    supervisionSetAt: r.supervision_set_at?.toISOString() ?? null,
    status,
    version: r.version,
  };
}

