import type { ScopeLevel, ScopeQuery } from '../../../src/beds/beds.schema.js';
import { toSearch } from '../api/client';

// The bed state board's scope lives in the URL (?nationId=…&regionId=…) so a drill-down can be
// linked to and the back button steps back up.

const SCOPE_PARAMS = ['nationId', 'regionId', 'organisationId', 'unitId', 'wardId'] as const satisfies readonly (keyof ScopeQuery)[];

export function scopeFromParams(params: URLSearchParams): ScopeQuery {
  const scope: ScopeQuery = {};
  for (const key of SCOPE_PARAMS) {
    const id = Number(params.get(key));
    if (Number.isInteger(id) && id > 0) scope[key] = id;
  }
  return scope;
}

/** The filter a level's id goes into: 'region' → 'regionId'; null for 'all'. */
export function paramOfLevel(level: ScopeLevel): keyof ScopeQuery | null {
  return level === 'all' ? null : `${level}Id`;
}

/** The ward-by-ward picture is drawn from a region down (a nation holds too many wards). */
export const showsWards = (scope: ScopeQuery) =>
  scope.regionId !== undefined || scope.organisationId !== undefined || scope.unitId !== undefined || scope.wardId !== undefined;

/** Link to the board at a scope. */
export const scopeHref = (scope: ScopeQuery) => `/${toSearch(scope)}`;
