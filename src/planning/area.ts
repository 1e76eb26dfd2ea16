import type { RegionRow } from './calibration.repo.js';

// The area a planner works on: one region, one nation (its regions together), or every nation.

export interface Area {
  level: 'all' | 'nation' | 'region';
  code: string | null;
  name: string;
  population: number;
  regionIds: number[];
}

/** The area with this region or nation code (none: everywhere); undefined if no such code. */
export function areaOf(regions: readonly RegionRow[], code?: string): Area | undefined {
  const total = (rs: readonly RegionRow[]) => rs.reduce((s, r) => s + r.population, 0);
  if (code === undefined || code === '') return { level: 'all', code: null, name: 'All nations', population: total(regions), regionIds: regions.map((r) => r.id) };
  const region = regions.find((r) => r.code === code);
  if (region) return { level: 'region', code, name: region.name, population: region.population, regionIds: [region.id] };
  const inNation = regions.filter((r) => r.nation_code === code);
  if (inNation.length > 0) return { level: 'nation', code, name: inNation[0]!.nation_name, population: total(inNation), regionIds: inNation.map((r) => r.id) };
  return undefined;
}
