import { Type, type Static } from 'typebox';
import { Id, StringEnum } from '../http/schema-kit.js';
import { SECTORS, SEXES, SPECIALISMS, TIERS } from '../shared/vocabulary.js';

const Counts = {
  commissioned: Type.Integer(),
  closed: Type.Integer(),
  /** commissioned − closed */
  available: Type.Integer(),
  occupied: Type.Integer(),
  /** available − occupied, never below zero (over-capacity admissions show as occupancy above 100%) */
  vacant: Type.Integer(),
  occupancyPct: Type.Number({ description: 'occupied ÷ available × 100, one decimal; 0 when nothing is available' }),
};
export const BedCounts = Type.Object(Counts);
export type BedCounts = Static<typeof BedCounts>;

export const SCOPE_LEVELS = ['all', 'nation', 'region', 'organisation', 'unit', 'ward'] as const;
export type ScopeLevel = (typeof SCOPE_LEVELS)[number];

/** A scope is a set of filters; each narrows the one before (a provider within a region, say). */
export const ScopeQuery = Type.Object({
  nationId: Type.Optional(Id),
  regionId: Type.Optional(Id),
  organisationId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  wardId: Type.Optional(Id),
});
export type ScopeQuery = Static<typeof ScopeQuery>;

export const BedState = Type.Object({
  scope: Type.Object({
    level: StringEnum(SCOPE_LEVELS),
    name: Type.String(),
    breadcrumb: Type.Array(Type.Object({ level: StringEnum(SCOPE_LEVELS), id: Type.Union([Id, Type.Null()]), name: Type.String() })),
  }),
  ...Counts,
  byTier: Type.Array(Type.Object({ tier: StringEnum(TIERS), ...Counts })),
  bySex: Type.Array(Type.Object({ sex: StringEnum(SEXES), ...Counts })),
  bySpecialism: Type.Array(Type.Object({ specialism: StringEnum(SPECIALISMS), ...Counts })),
  childLevel: Type.Union([StringEnum(SCOPE_LEVELS), Type.Null()]),
  children: Type.Array(Type.Object({ id: Id, name: Type.String(), ...Counts })),
  lengthOfStay: Type.Object({
    /** Current length of stay of the people in the scope's beds now, in days. */
    medianDays: Type.Union([Type.Number(), Type.Null()]),
    buckets: Type.Array(Type.Object({ label: Type.String(), minDays: Type.Integer(), count: Type.Integer() })),
  }),
  asOf: Type.String({ format: 'date-time' }),
});
export type BedState = Static<typeof BedState>;

export const WardBeds = Type.Object({
  wardId: Id,
  wardName: Type.String(),
  unitId: Id,
  unitName: Type.String(),
  organisationName: Type.String(),
  tier: StringEnum(TIERS),
  securityLevel: Type.Integer(),
  sex: StringEnum(SEXES),
  specialism: StringEnum(SPECIALISMS),
  ...Counts,
});
export type WardBeds = Static<typeof WardBeds>;

export const FindBedQuery = Type.Object({
  tier: StringEnum(TIERS),
  sex: StringEnum(SEXES),
  specialism: StringEnum(SPECIALISMS),
  homeRegionId: Type.Optional(Id),
  patientId: Type.Optional(Id),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
});
export type FindBedQuery = Static<typeof FindBedQuery>;

export const BedMatch = Type.Object({
  wardId: Id,
  wardName: Type.String(),
  unitId: Id,
  unitName: Type.String(),
  organisationName: Type.String(),
  sector: StringEnum(SECTORS),
  regionId: Id,
  regionName: Type.String(),
  distanceKm: Type.Integer(),
  vacant: Type.Integer(),
  securityLevel: Type.Integer(),
});
export type BedMatch = Static<typeof BedMatch>;
