import { audit, auditFields, auditingRefusals, type AuditAction } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import { REPLAYED, runIdempotent } from '../idempotency/idempotency.js';
import { Coalescer } from '../db/coalescer.js';
import { refusedStatement } from '../db/refused-statement.js';
import type { Db, DbOrTx, Tx } from '../db/connection.js';
import { accessBasis } from '../access/access.repo.js';
import type { Caller } from '../http/caller.js';
import { AppError, notFound } from '../http/errors.js';
import { isValidChiNumber, isValidNhsNumber, normaliseIdentifier } from './identifiers.js';
import { KnownPlacementsCache } from './known-placements.js';
import { toPatientDetail } from './patients.map.js';
import * as repo from './patients.repo.js';
import type { PatientDetail, PatientInput, PatientPatch, PatientSummary } from './patients.schema.js';

/**
 * Record reads in flight at once, each one statement for the reads waiting when it starts: two, so
 * reads under load share statements (and the audit chain's lock and commits) while the rest of the
 * pool stays free for other work, and one batch is answered while the other runs. A third batch in
 * flight only added a backend competing for the same cores and the chain's lock: measured at 50
 * clients on two cores, alternating 3 and 2 four times at 1-5% steal, two gave more reads a second in
 * every pair (3,090-3,570 against 2,510-3,320), p99 30-33 ms against 36-76, and less
 * CPU a read (about 15 µs less in the database and in the server: batches of 14-15 reads, not 12).
 */
const READ_BATCHES_IN_FLIGHT = 2;
/**
 * At most this many reads a statement. Twenty already spread the statement's fixed half-millisecond
 * thin, and keep batches small enough to overlap: with a cap of 64 (none, in effect, for fifty
 * clients) fifty busy clients fell into one batch, so the database and the server took turns
 * instead of working at once (answering a batch holds the event loop for about 150 µs a read).
 * Measured, alternating settings in one process at 50 clients: about 15% more reads a second and a
 * lower p99 than a cap of 64.
 */
const READS_PER_BATCH = 20;
/**
 * Patients whose placements this server keeps between reads (see KnownPlacementsCache): about a
 * kilobyte a placement, so some 10-30 MB when full. More than there are people in secure care in
 * the whole of the UK; past it the least recently read is built afresh on its next read.
 */
const KNOWN_PLACEMENTS = 10_000;
/** How long kept placements serve before they are read afresh, changed or not. */
const KNOWN_PLACEMENTS_MAX_AGE_MS = 10 * 60_000;

export class PatientsService {
  private readonly reads: Coalescer<repo.RecordRead, repo.StampedRecord | undefined>;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly knownPlacements = new KnownPlacementsCache(KNOWN_PLACEMENTS, KNOWN_PLACEMENTS_MAX_AGE_MS),
  ) {
    this.reads = new Coalescer((batch) => repo.selectRecordsAudited(this.db, batch), { concurrency: READ_BATCHES_IN_FLIGHT, maxBatch: READS_PER_BATCH, mayRetryAlone: refusedStatement });
  }

  async create(caller: Caller, input: PatientInput, idempotencyKey?: string): Promise<PatientDetail> {
    const { nhs, chi } = this.checkIdentity(input);
    return this.auditingDuplicates(caller, input, () => this.saveNew(caller, input, nhs, chi, idempotencyKey));
  }

  /**
   * Registering someone whose NHS or CHI number is already on the register is refused, saying so:
   * the clinician needs to know, to reach the record the proper way (a relationship, or emergency
   * access). But the answer tells that the person is in secure care, so the attempt is audited as
   * denied against that person, outside the failed transaction: their trail and the privacy
   * officer's denied attempts show who asked. For a registration, a correction, or a referral of
   * someone new.
   */
  async auditingDuplicates<T>(caller: Caller, identity: Partial<Pick<PatientInput, 'nhsNumber' | 'chiNumber'>>, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (e) {
      const { code, constraint } = (e ?? {}) as { code?: string; constraint?: string };
      const column = code !== '23505' ? undefined : constraint === 'patient_nhs_number_key' ? 'nhs_number' : constraint === 'patient_chi_number_key' ? 'chi_number' : undefined;
      const value = column === 'nhs_number' ? identity.nhsNumber : identity.chiNumber;
      if (column && value) {
        const existing = await repo.selectPatientIdByIdentifier(this.db, column, normaliseIdentifier(value));
        const number = column === 'nhs_number' ? 'NHS' : 'CHI';
        await audit(this.db, caller, [{ action: 'denied', patientId: existing ?? null, recordType: 'patient', recordId: existing ?? null, reason: `registered or corrected with the ${number} number of someone already on the register` }]);
      }
      throw e;
    }
  }

  /** The identity rules shared by registering and correcting: identifiers and a real, past date of birth. */
  private checkIdentity(input: Pick<PatientInput, 'nhsNumber' | 'chiNumber' | 'dateOfBirth'>) {
    const nhs = input.nhsNumber ? normaliseIdentifier(input.nhsNumber) : null;
    const chi = input.chiNumber ? normaliseIdentifier(input.chiNumber) : null;
    if (!nhs && !chi) {
      throw new AppError('validation_failed', 'Enter an NHS number or a CHI number.', { details: [{ field: 'nhsNumber', message: 'Enter an NHS number or a CHI number' }] });
    }
    if (nhs && !isValidNhsNumber(nhs)) {
      throw new AppError('invalid_nhs_number', undefined, { details: [{ field: 'nhsNumber', message: 'check digit does not match: re-check the number' }] });
    }
    if (chi && !isValidChiNumber(chi, input.dateOfBirth)) {
      throw new AppError('invalid_chi_number', 'The CHI number is not valid: it must start with the date of birth (DDMMYY) and end in a matching check digit.', {
        details: [{ field: 'chiNumber', message: 'must start with the date of birth and have a valid check digit' }],
      });
    }
    const dob = new Date(`${input.dateOfBirth}T00:00:00Z`);
    if (Number.isNaN(dob.getTime()) || dob.toISOString().slice(0, 10) !== input.dateOfBirth) {
      throw new AppError('invalid_date', 'The date of birth is not a real date.', { details: [{ field: 'dateOfBirth', message: 'is not a real date' }] });
    }
    if (dob > this.clock.now()) throw new AppError('date_in_future', 'The date of birth cannot be in the future.', { details: [{ field: 'dateOfBirth', message: 'is in the future' }] });
    return { nhs, chi };
  }

  private async saveNew(caller: Caller, input: PatientInput, nhs: string | null, chi: string | null, idempotencyKey?: string): Promise<PatientDetail> {
    return (
      await runIdempotent<PatientDetail>(this.db, caller, { key: idempotencyKey, route: 'POST /patients', body: input, status: 201, replayed: (trx, first) => this.replayed(trx, caller, first.id) }, async (trx) => {
        const id = await this.insert(trx, caller, input, nhs, chi);
        return this.shownTo(trx, id, caller);
      })
    ).result;
  }

  /**
   * A replayed answer showing this patient's record (registration, admission, transfer, discharge):
   * only to a caller who may see the record now, and audited as a look at it.
   */
  async replayed(trx: Tx, caller: Caller, patientId: number): Promise<void> {
    const { basis } = await this.loadReached(trx, patientId, caller);
    await audit(trx, caller, [{ action: 'read', patientId, recordType: 'patient', recordId: patientId, basis, reason: REPLAYED }]);
  }

  /**
   * On what the caller reaches a patient they have been shown, for the audit of what they do with
   * the record: a relationship, or only their emergency access (which its review must then see).
   */
  basisOf(db: DbOrTx, caller: Caller, patientId: number): Promise<'relationship' | 'break_glass'> {
    return accessBasis(db, { caller, now: this.clock.now() }, patientId);
  }

  /** Register a person inside the caller's transaction (a referral for someone new); returns the id. */
  async registerWithin(trx: Tx, caller: Caller, input: PatientInput): Promise<number> {
    const { nhs, chi } = this.checkIdentity(input);
    return this.insert(trx, caller, input, nhs, chi);
  }

  private async insert(trx: Tx, caller: Caller, input: PatientInput, nhs: string | null, chi: string | null): Promise<number> {
    const { id } = await repo.insertPatient(trx, {
      nhs_number: nhs,
      chi_number: chi,
      given_name: input.givenName.trim(),
      family_name: input.familyName.trim(),
      date_of_birth: input.dateOfBirth,
      sex: input.sex,
      ethnicity: input.ethnicity,
      home_region_id: input.homeRegionId,
      created_by: caller.userId > 0 ? caller.userId : null,
    });
    await audit(trx, caller, [{ action: 'create', patientId: id, recordType: 'patient', recordId: id }]);
    return id;
  }

  /**
   * Corrects a patient's details against the version the clinician saw: a stale version gets 412
   * with the record as it now stands, so nobody's correction silently overwrites another's.
   */
  async update(caller: Caller, id: number, version: number, patch: PatientPatch): Promise<PatientDetail> {
    return this.guard(caller, id, 'update', () =>
      this.auditingDuplicates(caller, patch, () => this.db.transaction().execute(async (trx) => {
        const { detail: current, basis } = await this.loadReached(trx, id, caller);
        const merged = {
          nhsNumber: current.nhsNumber ?? undefined,
          chiNumber: current.chiNumber ?? undefined,
          dateOfBirth: current.dateOfBirth,
          ...patch,
        };
        const { nhs, chi } = this.checkIdentity(merged);
        const values: Record<string, unknown> = { nhs_number: nhs, chi_number: chi, date_of_birth: merged.dateOfBirth };
        if (patch.givenName !== undefined) values.given_name = patch.givenName.trim();
        if (patch.familyName !== undefined) values.family_name = patch.familyName.trim();
        if (patch.sex !== undefined) values.sex = patch.sex;
        if (patch.ethnicity !== undefined) values.ethnicity = patch.ethnicity;
        if (patch.homeRegionId !== undefined) values.home_region_id = patch.homeRegionId;
        // Read the record again for the 412: `current` was read before a colleague's change committed.
        if (!(await repo.updatePatientIfVersion(trx, id, version, values))) {
          throw new AppError('version_conflict', undefined, { current: await this.shownTo(trx, id, caller), shows: { patientId: id, recordType: 'patient', recordId: id, basis } });
        }
        await audit(trx, caller, [{ action: 'update', patientId: id, recordType: 'patient', recordId: id, basis, reason: `changed: ${Object.keys(patch).join(', ')}` }]);
        return this.shownTo(trx, id, caller);
      })),
    );
  }

  /**
   * The whole record, without auditing: for services that audit the action they took. Only a patient
   * the caller reaches (otherwise: not found).
   */
  async load(db: DbOrTx, id: number, caller: Caller): Promise<PatientDetail> {
    return (await this.loadReached(db, id, caller)).detail;
  }

  /**
   * The record after a change the caller was allowed to make, as they see it (what they may do next
   * included); not checked again: their reach was checked when the record was locked, and a change
   * (a discharge, say) may itself end it.
   */
  async shownTo(db: DbOrTx, id: number, caller: Caller): Promise<PatientDetail> {
    const now = this.clock.now();
    const record = await repo.selectRecord(db, id, { caller, now }, false);
    if (!record) throw notFound('Patient');
    return toPatientDetail(record.patient, record.placements, now, caller);
  }

  /**
   * As load, with the basis on which the caller reaches the record (a relationship, or only their
   * emergency access), which the same statement works out: for auditing what they then do with it.
   */
  async loadReached(db: DbOrTx, id: number, caller: Caller): Promise<{ detail: PatientDetail; basis: 'relationship' | 'break_glass' }> {
    const now = this.clock.now();
    const record = await repo.selectRecord(db, id, { caller, now });
    if (!record) throw notFound('Patient');
    return { detail: toPatientDetail(record.patient, record.placements, now, caller), basis: record.patient.related ? 'relationship' : 'break_glass' };
  }

  /**
   * Read a patient's record. The relationship check, the record, its placements and the audit event
   * saying who looked and on what basis (a relationship, or emergency access: bannered) are one
   * statement, so one transaction: if the audit write fails, nothing is returned. Reads that arrive
   * together share that statement, each checked and audited as its own caller. The placements this
   * server already holds for the patient are reused when the database says they are unchanged.
   */
  async detail(caller: Caller, id: number): Promise<PatientDetail> {
    return this.guard(caller, id, 'read', async () => {
      const now = this.clock.now();
      const known = this.knownPlacements.get(id);
      const record = await this.reads.submit({ id, visibleTo: { caller, now }, audit: auditFields(caller, { action: 'read', recordType: 'patient' }), known });
      if (!record) throw notFound('Patient');
      // Kept only when built afresh: kept placements that matched are already there, or were dropped
      // (full, or too old) while this read was in flight and must not come back younger.
      if (record.placementsStamp !== null && record.placements !== known?.placements) this.knownPlacements.remember(id, record.placementsStamp, record.placements);
      return toPatientDetail(record.patient, record.placements, now, caller);
    });
  }

  /**
   * Runs work on one patient's record; if the record is not there (or, with scoping, not the
   * caller's), the attempt is itself audited as denied, outside the failed transaction.
   */
  guard<T>(caller: Caller, patientId: number, action: AuditAction, work: () => Promise<T>): Promise<T> {
    return auditingRefusals(this.db, caller, { recordType: 'patient', recordId: patientId, action }, work);
  }

  async search(caller: Caller, q: string | undefined, limit = 25, offset = 0): Promise<{ items: PatientSummary[]; total: number }> {
    const text = (q ?? '').trim();
    const compact = normaliseIdentifier(text);
    const digits = /^\d+$/.test(compact) ? compact : null;
    const words = digits ? [] : text.split(/\s+/).filter((w) => w.length > 0).slice(0, 4);
    const { items, total } = await repo.searchPatients(this.db, { visibleTo: { caller, now: this.clock.now() }, digits, words, limit, offset });
    // Every record a search shows is a look at that patient: audited, as a read is (see detail),
    // in one statement before the results are returned.
    await audit(this.db, caller, items.map((r) => ({ action: 'search' as const, patientId: r.id, recordType: 'patient', recordId: r.id, basis: r.related ? ('relationship' as const) : ('break_glass' as const) })));
    return {
      total,
      items: items.map((r) => ({
        id: r.id,
        nhsNumber: r.nhs_number,
        chiNumber: r.chi_number,
        givenName: r.given_name,
        familyName: r.family_name,
        dateOfBirth: r.date_of_birth,
        sex: r.sex as PatientSummary['sex'],
        currentWardName: r.ward_name,
        currentUnitName: r.unit_name,
        currentTier: r.tier as PatientSummary['currentTier'],
      })),
    };
  }
}
