import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, Nullable, StringEnum } from '../http/schema-kit.js';
import { AreaCode, AreaOut } from './calibration.schema.js';
import { EXAMPLE_COMPARATORS } from './comparators-2006.js';
import { SECURE_TIERS } from './places.js';
import { SEX_OR_ALL, SPECIALISM_OR_ALL } from './provision.rules.js';

// API schemas of beds per 100,000 and comparator sets.

const Tier = StringEnum(SECURE_TIERS);
const Rate = Type.Number({ minimum: 0, maximum: 1000 });

export const ComparatorEntryInput = Type.Object(
  {
    area: Type.String({ minLength: 1, maxLength: 80, description: 'the area the rate is for, e.g. Trent' }),
    population: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_000_000_000 })),
    tier: Tier,
    sex: StringEnum(SEX_OR_ALL),
    specialism: StringEnum(SPECIALISM_OR_ALL),
    per100k: Nullable(Rate),
    per100kUpper: Type.Optional(Rate),
    note: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ComparatorSetInput = Type.Object(
  {
    name: Type.String({ minLength: 2, maxLength: 120 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    entries: Type.Array(ComparatorEntryInput, { minItems: 1, maxItems: 500 }),
  },
  { additionalProperties: false },
);
export type ComparatorSetInput = Static<typeof ComparatorSetInput>;

export const ComparatorSet = Type.Object({
  id: Id,
  name: Type.String(),
  description: Nullable(Type.String()),
  entries: Type.Array(ComparatorEntryInput),
  version: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type ComparatorSet = Static<typeof ComparatorSet>;

export const EXAMPLE_KEYS = Object.keys(EXAMPLE_COMPARATORS);

export const ExampleComparatorSet = Type.Object({
  key: Type.String(),
  name: Type.String(),
  description: Type.String(),
  source: Type.String(),
  entries: Type.Array(ComparatorEntryInput),
});

export const ProvisionQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    comparatorId: Type.Optional(Id),
    example: Type.Optional(StringEnum(EXAMPLE_KEYS, { description: 'a shipped comparator set (HDL 2006 Appendix V)' })),
  },
  { additionalProperties: false },
);
export type ProvisionQuery = Static<typeof ProvisionQuery>;

const RateOut = Type.Object({ beds: Type.Integer(), per100k: Type.Number() });

export const Provision = Type.Object({
  area: AreaOut,
  comparator: Nullable(Type.Object({ name: Type.String(), description: Nullable(Type.String()), source: Nullable(Type.String()) })),
  rows: Type.Array(
    Type.Object({
      tier: Tier,
      sex: StringEnum(SEX_OR_ALL),
      specialism: StringEnum(SPECIALISM_OR_ALL),
      beds: Type.Integer(),
      per100k: Type.Number(),
      comparator: Nullable(
        Type.Object({
          min: Type.Number(),
          median: Type.Number(),
          max: Type.Number(),
          areas: Type.Array(Type.Object({ area: Type.String(), per100k: Nullable(Type.Number()), per100kUpper: Type.Optional(Type.Number()), note: Type.Optional(Type.String()) })),
        }),
      ),
      reading: StringEnum(['below', 'within', 'above', 'not-compared'] as const),
    }),
  ),
  regions: Type.Array(
    Type.Object({ code: Type.String(), name: Type.String(), nationName: Type.String(), population: Type.Integer(), high: RateOut, medium: RateOut, low: RateOut }),
  ),
  risks: Type.Object({ under: Type.Array(Type.String()), over: Type.Array(Type.String()) }, { description: 'of too few and too many beds (HDL 2006 §38)' }),
});
export type Provision = Static<typeof Provision>;
