import { Type, type Static } from 'typebox';
import { Id, Nullable, StringEnum } from '../http/schema-kit.js';
import { SECTORS, SEXES, SPECIALISMS, TIERS } from '../shared/vocabulary.js';

// Bed figures describe beds (commissioned, closed, available: exact for everyone) or the people in
// them (occupied, and vacant and occupancy, which are worked out from occupied). For roles that see
// aggregates only, the people figures are disclosure-controlled (src/shared/disclosure.ts): rounded
// to the nearest 5, or withheld (null, with `withheld: true`) for 1–7 people or to stop a withheld
// figure being worked out from the others.
const Counts = {
  commissioned: Type.Integer(),
  closed: Type.Integer(),
  /** commissioned − closed */
  available: Type.Integer(),
  occupied: Nullable(Type.Integer({ description: 'People in these beds now; null when withheld' })),
  vacant: Nullable(
    Type.Integer({
      description:
        'Free beds, ward by ward (available − occupied, never below zero, so an over-full ward does not cancel free beds elsewhere). Under disclosure control: available − the rounded occupied count; null when withheld',
    }),
  ),
  occupancyPct: Nullable(Type.Number({ description: 'occupied ÷ available × 100, one decimal; 0 when nothing is available; null when withheld' })),
  withheld: Type.Boolean({ description: 'Occupied, vacant and occupancy are withheld (disclosure control)' }),
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
    /** Current length of stay of the people in the scope's beds now, in days; null when nobody is, or when withheld. */
    medianDays: Nullable(Type.Number()),
    /** The median describes 1–7 people, so is withheld (disclosure control). */
    medianWithheld: Type.Boolean(),
    buckets: Type.Array(Type.Object({ label: Type.String(), minDays: Type.Integer(), count: Nullable(Type.Integer()), withheld: Type.Boolean() })),
  }),
  /** People figures are rounded to 5 and small ones withheld: the caller sees aggregates only. */
  disclosureControlled: Type.Boolean(),
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
  disclosureControlled: Type.Boolean(),
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
  /** Free beds; under disclosure control worked out from the rounded occupied count, and null when withheld. */
  vacant: Nullable(Type.Integer()),
  withheld: Type.Boolean(),
  securityLevel: Type.Integer(),
  disclosureControlled: Type.Boolean(),
});
export type BedMatch = Static<typeof BedMatch>;
