import { accessBasis } from '../access/access.repo.js';
import { audit, auditingRefusals } from '../audit/audit.service.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError, notFound } from '../http/errors.js';
import { can, seesAggregatesOnly } from '../http/policy.js';
import { GenerationCheck } from '../shared/generation-check.js';
import { SingleFlight } from '../shared/single-flight.js';
import { controlledBedState, controlledVacancy, controlledWardList, withheldWards } from './beds.disclosure.js';
import type { BedMatch, BedState, FindBedQuery, ScopeLevel, ScopeQuery, WardBeds } from './beds.schema.js';
import * as repo from './beds.repo.js';
import { bedState, filterWards, findBeds, poolsOf, toWardBeds, type WardSnapshot } from './beds.rules.js';

interface Snapshot {
  generation: string;
  day: string;
  wards: WardSnapshot[];
  pools: Map<string, WardSnapshot[]>;
  regions: Map<number, { latitude: number; longitude: number }>;
  names: Map<string, string>;
  /** The national bed state, exact and disclosure-controlled, each worked out once per snapshot. */
  national?: BedState;
  nationalControlled?: BedState;
  /** Wards whose figures are withheld from aggregate-only roles (decided per unit), once per snapshot. */
  withheldWards?: Set<number>;
}

/**
 * How long a snapshot is trusted before the generation counter is read again. Changes made through
 * this server invalidate it at once; changes made through another server show within this time.
 */
export const BED_STATE_RECHECK_MS = 250;

const MAX_WARDS_LISTED = 600;

/**
 * Bed state is read far more often than it changes. The ward snapshot is kept in memory and checked
 * against the generation counter (one row, bumped by triggers in the same transaction as any change
 * to beds or placements) at most every BED_STATE_RECHECK_MS; it is read again only when the counter
 * has moved or the day has changed. App servers stay current without talking to each other.
 */
export class BedsService {
  private snapshot: Snapshot | undefined;
  private readonly loads = new SingleFlight<string, Snapshot>();
  private readonly generation: GenerationCheck;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.generation = new GenerationCheck(() => repo.bedStateGeneration(db), BED_STATE_RECHECK_MS);
  }

  /** Called after a change made through this server, so its own users see it at once. */
  invalidate(): void {
    this.generation.invalidate();
  }

  private async current(): Promise<Snapshot> {
    const now = this.clock.now();
    const day = now.toISOString().slice(0, 10);
    const generation = await this.generation.current();
    if (this.snapshot?.generation === generation && this.snapshot.day === day) return this.snapshot;
    // Requests that find the snapshot out of date together share one load, labelled with the
    // counter as they read it before the wards: a change landing meanwhile makes a later check load again.
    return this.loads.run(`${generation}|${day}`, () => this.load(now, generation));
  }

  private async load(now: Date, generation: string): Promise<Snapshot> {
    const [rows, regionRows] = await Promise.all([repo.selectWardSnapshots(this.db, now), repo.selectRegionLocations(this.db)]);
    const names = new Map<string, string>();
    const wards = rows.map((r): WardSnapshot => {
      names.set(`nation:${r.nation_id}`, r.nation_name);
      names.set(`region:${r.region_id}`, r.region_name);
      names.set(`organisation:${r.organisation_id}`, r.organisation_name);
      names.set(`unit:${r.unit_id}`, r.unit_name);
      names.set(`ward:${r.ward_id}`, r.ward_name);
      return {
        wardId: r.ward_id,
        wardName: r.ward_name,
        unitId: r.unit_id,
        unitName: r.unit_name,
        organisationId: r.organisation_id,
        organisationName: r.organisation_name,
        sector: r.sector as WardSnapshot['sector'],
        regionId: r.region_id,
        regionName: r.region_name,
        nationId: r.nation_id,
        nationName: r.nation_name,
        latitude: r.latitude,
        longitude: r.longitude,
        tier: r.tier as WardSnapshot['tier'],
        securityLevel: r.security_level,
        sex: r.sex as WardSnapshot['sex'],
        specialism: r.specialism as WardSnapshot['specialism'],
        commissioned: r.commissioned_beds,
        closed: r.closed_beds,
        occupied: r.occupied,
        stayDays: r.stay_days ?? [],
      };
    });
    const regions = new Map(regionRows.map((r) => [r.id, { latitude: r.latitude, longitude: r.longitude }]));
    this.snapshot = { generation, day: now.toISOString().slice(0, 10), wards, pools: poolsOf(wards), regions, names };
    return this.snapshot;
  }

  async state(caller: Caller, scope: ScopeQuery): Promise<BedState> {
    const snap = await this.current();
    const controlled = seesAggregatesOnly(caller.role);
    const national = Object.values(scope).every((v) => v === undefined);
    if (national && controlled && snap.nationalControlled) return snap.nationalControlled;
    if (national && !controlled && snap.national) return snap.national;
    const exact = national && snap.national ? snap.national : await this.exactState(snap, scope);
    if (national) snap.national = exact;
    if (!controlled) return exact;
    // A ward withheld beside a small one in its unit's table stays withheld on its own page.
    const shown = controlledBedState(exact, scope.wardId !== undefined && this.withheld(snap).has(scope.wardId));
    if (national) snap.nationalControlled = shown;
    return shown;
  }

  private async exactState(snap: Snapshot, scope: ScopeQuery): Promise<BedState> {
    const lookups: [ScopeLevel, number][] = [];
    const names = (level: ScopeLevel, id: number) => {
      const name = snap.names.get(`${level}:${id}`);
      if (name === undefined) lookups.push([level, id]);
      return name;
    };
    const state = bedState(snap.wards, scope, this.clock.now(), names);
    if (lookups.length > 0) {
      // A scope with no beds in service: real but empty, or not there at all (404).
      for (const [level, id] of lookups) {
        const name = level === 'all' ? 'All nations' : await repo.scopeName(this.db, level, id);
        if (name === undefined) throw notFound('Place');
        const crumb = state.scope.breadcrumb.find((c) => c.level === level && c.id === id);
        if (crumb) crumb.name = name;
      }
      state.scope.name = state.scope.breadcrumb.at(-1)!.name;
    }
    return state;
  }

  /** Wards withheld from aggregate-only roles, worked out once per snapshot. */
  private withheld(snap: Snapshot): Set<number> {
    return (snap.withheldWards ??= withheldWards(snap.wards));
  }

  async wards(caller: Caller, scope: ScopeQuery): Promise<WardBeds[]> {
    const snap = await this.current();
    const wards = filterWards(snap.wards, scope);
    if (wards.length > MAX_WARDS_LISTED) {
      throw new AppError('validation_failed', `That would list ${wards.length} wards; narrow it to a region, provider or unit.`);
    }
    return seesAggregatesOnly(caller.role) ? controlledWardList(wards, this.withheld(snap)) : wards.map(toWardBeds);
  }

  async find(caller: Caller, q: FindBedQuery): Promise<BedMatch[]> {
    let home: { latitude: number; longitude: number } | null = null;
    if (q.patientId !== undefined) {
      const patientId = q.patientId;
      // Searching from a patient reads where they live: only for roles that may see patients, and
      // only a patient they may see (a look audited on its basis; a refusal audited as denied).
      home = await auditingRefusals(this.db, caller, { recordType: 'patient', recordId: patientId, action: 'read' }, async () => {
        if (!can(caller.role, 'patients:read')) throw notFound('Patient');
        const found = await this.db.transaction().execute(async (trx) => {
          const visibility = { caller, now: this.clock.now() };
          const row = await repo.selectPatientHome(trx, patientId, visibility);
          if (row) await audit(trx, caller, [{ action: 'read', patientId, recordType: 'patient_home_region', recordId: patientId, basis: await accessBasis(trx, visibility, patientId) }]);
          return row;
        });
        if (!found) throw notFound('Patient');
        return found;
      });
    }
    const snap = await this.current();
    if (q.patientId === undefined && q.homeRegionId !== undefined) {
      home = snap.regions.get(q.homeRegionId) ?? null;
      if (!home) throw notFound('Region');
    }
    const control = seesAggregatesOnly(caller.role) ? controlledVacancy(this.withheld(snap)) : undefined;
    return findBeds(snap.pools, { tier: q.tier, sex: q.sex, specialism: q.specialism, home, limit: q.limit ?? 20 }, control);
  }
}
