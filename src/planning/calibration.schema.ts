import { Type, type Static } from 'typebox';
import { IsoDateOf, Nullable, StringEnum } from '../http/schema-kit.js';
import { NEXT_PLACES, SECURE_TIERS, SOURCES } from './places.js';
import { SEXES, SPECIALISMS } from '../shared/vocabulary.js';
import { STAY_FAMILIES } from './stay-fit.js';

// API schemas of calibration: the area and window asked for, and the calibrated scenario with the
// evidence behind it (fits against the observed stays, flows, beds), all aggregates.

export const AreaCode = Type.String({ pattern: '^[A-Za-z0-9-]{1,20}$', description: 'a region code (E-LON) or a nation code (ENG); none for every nation' });

export const CalibrationQuery = Type.Object(
  {
    area: Type.Optional(AreaCode),
    from: IsoDateOf('the first day of the window; under disclosure control, the first of its month'),
    to: IsoDateOf('the window ends at the start of this day; under disclosure control, at the nearest first of a month that is not after today'),
    pooling: Type.Optional(StringEnum(['sex-and-specialism', 'sex'] as const, { description: 'pools by sex and specialism (default) or by sex only' })),
  },
  { additionalProperties: false },
);
export type CalibrationQuery = Static<typeof CalibrationQuery>;

export const AreaOut = Type.Object({
  level: StringEnum(['all', 'nation', 'region'] as const),
  code: Nullable(Type.String()),
  name: Type.String(),
  population: Type.Integer(),
});

const Tier = StringEnum(SECURE_TIERS);
const Beds = Type.Object({ high: Type.Integer(), medium: Type.Integer(), low: Type.Integer() });

export const CalibrationReport = Type.Object({
  area: Type.String(),
  from: Type.String({ description: 'the first day of the window used' }),
  to: Type.String({ description: 'the window used ends at the start of this day' }),
  windowYears: Type.Number(),
  pooling: StringEnum(['sex-and-specialism', 'sex'] as const),
  tiers: Type.Array(
    Type.Object({
      tier: Tier,
      beds: Type.Integer(),
      meanOccupied: Type.Number({ description: 'mean beds occupied over the window, from the stays' }),
      staysSeen: Type.Integer(),
      staysEnded: Type.Integer(),
      lengthOfStay: Type.Object({
        distribution: Type.Unknown({ description: 'the chosen fit, as in a scenario file' }),
        meanDays: Type.Number(),
        fits: Type.Array(Type.Object({ family: StringEnum(STAY_FAMILIES), aic: Type.Number() })),
        observations: Type.Integer(),
        completed: Type.Integer(),
        quantiles: Type.Array(Type.Object({ p: Type.Number(), observedDays: Nullable(Type.Number()), fittedDays: Type.Number() })),
        survival: Type.Array(Type.Object({ days: Type.Number(), observed: Nullable(Type.Number()), fitted: Type.Number() })),
      }),
      next: Type.Array(Type.Object({ place: StringEnum(NEXT_PLACES), stays: Nullable(Type.Integer({ description: 'null: 1 to 7 people, withheld' })), share: Type.Number() })),
      wardMovesPerStay: Type.Number(),
    }),
  ),
  arrivals: Type.Array(Type.Object({ tier: Tier, source: StringEnum(SOURCES), count: Nullable(Type.Integer({ description: 'null: 1 to 7 people, withheld' })), perYear: Type.Number() })),
  pools: Type.Array(Type.Object({ name: Type.String(), sex: StringEnum(SEXES), specialism: StringEnum(SPECIALISMS), beds: Beds, arrivalsPerYear: Type.Number() })),
  notes: Type.Array(Type.String()),
  disclosureControlled: Type.Boolean({ description: 'counts rounded to 5, 1 to 7 withheld (null), rates and shares from the rounded counts' }),
});

export const CalibrationResponse = Type.Object({
  area: AreaOut,
  scenario: Type.Unknown({ description: 'the calibrated scenario (docs/scenario.schema.json), ready to run or download' }),
  report: CalibrationReport,
});
export type CalibrationResponse = Static<typeof CalibrationResponse>;
