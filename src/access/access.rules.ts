/**
 * How long after a placement ends its ward's team keeps sight of the patient (discharge letters,
 * follow-up, incident reviews). A setting: SECUREPATH_RELATIONSHIP_DAYS.
 */
export const DEFAULT_RELATIONSHIP_DAYS = 30;

export const SCOPE_LEVELS = ['ward', 'unit', 'organisation', 'region', 'nation'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

export interface Scope {
  level: ScopeLevel;
  refId: number;
}

/** Where a ward sits, level by level. */
export interface WardPlace {
  wardId: number;
  unitId: number;
  organisationId: number;
  regionId: number;
  nationId: number;
}

const PLACE_ID: Record<ScopeLevel, keyof WardPlace> = { ward: 'wardId', unit: 'unitId', organisation: 'organisationId', region: 'regionId', nation: 'nationId' };

/**
 * Whether a ward lies in one of these scopes: the rule wardInScope (access.repo.ts) applies in SQL,
 * here for telling the web app what to offer. The database's answer is the one that decides.
 */
export function wardInScopes(scopes: readonly Scope[], ward: WardPlace): boolean {
  return scopes.some((s) => ward[PLACE_ID[s.level]] === s.refId);
}

export function relationshipDays(): number {
  const raw = process.env.SECUREPATH_RELATIONSHIP_DAYS;
  const n = raw === undefined || raw === '' ? DEFAULT_RELATIONSHIP_DAYS : Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 3650) throw new Error(`SECUREPATH_RELATIONSHIP_DAYS must be a whole number from 0 to 3650; got "${raw}"`);
  return n;
}
