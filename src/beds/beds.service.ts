import type { Clock } from '../clock.js';
import type { Db } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError, notFound } from '../http/errors.js';
import { can } from '../http/policy.js';
import type { BedMatch, BedState, FindBedQuery, ScopeLevel, ScopeQuery, WardBeds } from './beds.schema.js';
import * as repo from './beds.repo.js';
import { bedState, filterWards, findBeds, toWardBeds, type WardSnapshot } from './beds.rules.js';

interface Snapshot {
  key: string;
  wards: WardSnapshot[];
  names: Map<string, string>;
  national?: BedState;
}

const MAX_WARDS_LISTED = 600;

/**
 * Bed state is read far more often than it changes. Each request checks the generation counter
 * (one indexed row, bumped by triggers in the same transaction as any change), and only when it has
 * moved, or the day has changed, is the ward snapshot read again. Every app server stays current
 * without talking to the others.
 */
export class BedsService {
  private snapshot: Snapshot | undefined;
  private loading: Promise<Snapshot> | undefined;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  private async current(): Promise<Snapshot> {
    const now = this.clock.now();
    const key = `${await repo.bedStateGeneration(this.db)}@${now.toISOString().slice(0, 10)}`;
    if (this.snapshot?.key === key) return this.snapshot;
    if (!this.loading) {
      this.loading = this.load(key, now).finally(() => {
        this.loading = undefined;
      });
    }
    const loaded = await this.loading;
    // A load started for an older generation is not good enough: read again.
    return loaded.key === key ? loaded : this.current();
  }

  private async load(key: string, now: Date): Promise<Snapshot> {
    const rows = await repo.selectWardSnapshots(this.db, now);
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
    this.snapshot = { key, wards, names };
    return this.snapshot;
  }

  async state(_caller: Caller, scope: ScopeQuery): Promise<BedState> {
    const snap = await this.current();
    const national = Object.values(scope).every((v) => v === undefined);
    if (national && snap.national) return snap.national;
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
    if (national) snap.national = state;
    return state;
  }

  async wards(_caller: Caller, scope: ScopeQuery): Promise<WardBeds[]> {
    const snap = await this.current();
    const wards = filterWards(snap.wards, scope);
    if (wards.length > MAX_WARDS_LISTED) {
      throw new AppError('validation_failed', `That would list ${wards.length} wards; narrow it to a region, provider or unit.`);
    }
    return wards.map(toWardBeds);
  }

  async find(caller: Caller, q: FindBedQuery): Promise<BedMatch[]> {
    let home: { latitude: number; longitude: number } | null = null;
    if (q.patientId !== undefined) {
      // Searching from a patient reads where they live: only for roles that may see patients.
      if (!can(caller.role, 'patients:read')) throw notFound('Patient');
      home = (await repo.selectPatientHome(this.db, q.patientId)) ?? null;
      if (!home) throw notFound('Patient');
    } else if (q.homeRegionId !== undefined) {
      home = (await repo.selectRegionLocation(this.db, q.homeRegionId)) ?? null;
      if (!home) throw notFound('Region');
    }
    const snap = await this.current();
    return findBeds(snap.wards, { tier: q.tier, sex: q.sex, specialism: q.specialism, home, limit: q.limit ?? 20 });
  }
}
