import type { Db } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError, notFound, type ErrorDetail } from '../http/errors.js';
import type { Sex, Specialism } from '../shared/vocabulary.js';
import type { CalibrationService } from './calibration.service.js';
import { selectRegions } from './calibration.repo.js';
import { EXAMPLE_COMPARATORS } from './comparators-2006.js';
import { SECURE_TIERS, type SecureTier } from './places.js';
import * as repo from './provision.repo.js';
import { compareProvision, PROVISION_RISKS, type CellBeds, type ComparatorSet as RuleSet } from './provision.rules.js';
import { toComparatorSet } from './planning.map.js';
import type { ComparatorSet, ComparatorSetInput, Provision, ProvisionQuery } from './provision.schema.js';

// Beds per 100,000 by region, tier, sex and specialism from the directory, against a comparator set:
// a shipped example (HDL 2006 Appendix V) or one of the user's own, kept per user in the database so
// a planner enters a benchmark once and reuses it (docs/planning.md).

export class ProvisionService {
  constructor(
    private readonly db: Db,
    private readonly areas: CalibrationService,
  ) {}

  examples() {
    return Object.entries(EXAMPLE_COMPARATORS).map(([key, set]) => ({ key, name: set.name, description: set.description ?? '', source: set.source ?? '', entries: set.entries }));
  }

  async provision(caller: Caller, q: ProvisionQuery): Promise<Provision> {
    if (q.comparatorId !== undefined && q.example !== undefined)
      throw new AppError('validation_failed', 'Choose one comparator: one of yours or an example, not both.', { details: [{ field: 'comparatorId', message: 'choose one comparator, not both' }] });
    const area = await this.areas.area(q.area);
    const comparator = await this.comparator(caller, q);
    const [regions, beds] = await Promise.all([selectRegions(this.db), repo.selectCommissionedBeds(this.db)]);
    const cells = (regionIds: number[]): CellBeds[] =>
      beds.filter((b) => regionIds.includes(b.region_id)).map((b) => ({ tier: b.tier as SecureTier, sex: b.sex as Sex, specialism: b.specialism as Specialism, beds: b.beds }));
    const rate = (n: number, population: number) => ({ beds: n, per100k: population > 0 ? (n * 100_000) / population : 0 });
    return {
      area: { level: area.level, code: area.code, name: area.name, population: area.population },
      comparator: comparator ? { name: comparator.name, description: comparator.description ?? null, source: comparator.source ?? null } : null,
      rows: compareProvision(cells(area.regionIds), area.population, comparator),
      regions: regions.map((r) => {
        const mine = cells([r.id]);
        const at = (tier: SecureTier) => rate(mine.filter((c) => c.tier === tier).reduce((s, c) => s + c.beds, 0), r.population);
        return { code: r.code, name: r.name, nationName: r.nation_name, population: r.population, ...(Object.fromEntries(SECURE_TIERS.map((t) => [t, at(t)])) as Record<SecureTier, ReturnType<typeof rate>>) };
      }),
      risks: { under: [...PROVISION_RISKS.under], over: [...PROVISION_RISKS.over] },
    };
  }

  private async comparator(caller: Caller, q: ProvisionQuery): Promise<RuleSet | null> {
    if (q.example !== undefined) return EXAMPLE_COMPARATORS[q.example] ?? null;
    if (q.comparatorId === undefined) return null;
    const row = await repo.selectSet(this.db, q.comparatorId, caller.userId);
    if (!row) throw notFound('Comparator set');
    const set = toComparatorSet(row);
    return { name: set.name, ...(set.description ? { description: set.description } : {}), entries: set.entries };
  }

  async listSets(caller: Caller): Promise<ComparatorSet[]> {
    return (await repo.selectSets(this.db, caller.userId)).map(toComparatorSet);
  }

  async createSet(caller: Caller, input: ComparatorSetInput): Promise<ComparatorSet> {
    checkEntries(input);
    return toComparatorSet(await named(repo.insertSet(this.db, caller.userId, { name: input.name, description: input.description ?? null, entries: input.entries })));
  }

  async updateSet(caller: Caller, id: number, version: number, input: ComparatorSetInput): Promise<ComparatorSet> {
    checkEntries(input);
    const row = await named(repo.updateSet(this.db, id, caller.userId, version, { name: input.name, description: input.description ?? null, entries: input.entries }));
    if (row) return toComparatorSet(row);
    const current = await repo.selectSet(this.db, id, caller.userId);
    if (!current) throw notFound('Comparator set');
    throw new AppError('version_conflict', undefined, { current: toComparatorSet(current) });
  }

  /** Deletes the set the planner saw (its version): one changed since, say in another tab, gets 412 and stays. */
  async deleteSet(caller: Caller, id: number, version: number): Promise<void> {
    if (await repo.deleteSet(this.db, id, caller.userId, version)) return;
    const current = await repo.selectSet(this.db, id, caller.userId);
    if (!current) throw notFound('Comparator set');
    throw new AppError('version_conflict', undefined, { current: toComparatorSet(current) });
  }
}

/** One rate per area and cell, and a range's top not below its bottom. */
function checkEntries(input: ComparatorSetInput): void {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  input.entries.forEach((e, i) => {
    const key = `${e.area}|${e.tier}|${e.sex}|${e.specialism}`;
    if (seen.has(key)) details.push({ field: `entries[${i}]`, message: `${e.area} already has a rate for this tier, sex and specialism` });
    seen.add(key);
    if (e.per100kUpper !== undefined && (e.per100k === null || e.per100kUpper < e.per100k))
      details.push({ field: `entries[${i}].per100kUpper`, message: 'must not be below per100k (the bottom of the range)' });
  });
  if (details.length > 0) throw new AppError('validation_failed', `${details[0]!.field}: ${details[0]!.message}`, { details });
}

/** A second set with the same name, said plainly. */
async function named<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (e) {
    if ((e as { constraint?: string }).constraint === 'planning_comparator_set_name')
      throw new AppError('duplicate', 'You already have a comparator set with that name.', { details: [{ field: 'name', message: 'is the name of another of your sets' }] });
    throw e;
  }
}
