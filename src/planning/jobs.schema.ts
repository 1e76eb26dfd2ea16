import { Type, type Static, type TSchema } from 'typebox';
import { Id, Nullable, StringEnum } from '../http/schema-kit.js';
import { EXITS, SECURE_TIERS, SOURCES } from './places.js';
import { SYSTEM_METRIC_KEYS, TIER_METRIC_KEYS } from './result.js';
import { LIMITS } from './settings.js';

// API schemas of planning jobs: what a planner sends (a scenario, variants, the run's size) and what
// comes back (progress, and results with 95% intervals). The scenario itself is checked by
// validate() in scenario.ts, whose messages name the field at fault, so here it is only "an object".

const Tier = StringEnum(SECURE_TIERS);
const perTier = <T extends TSchema>(schema: T) => Type.Object({ high: schema, medium: schema, low: schema });

export const Interval = Type.Object(
  {
    n: Type.Integer({ description: 'replications in which the figure was defined' }),
    mean: Nullable(Type.Number()),
    sd: Nullable(Type.Number()),
    ciLow: Nullable(Type.Number({ description: "95% confidence interval of the mean (Student's t)" })),
    ciHigh: Nullable(Type.Number()),
    p025: Nullable(Type.Number({ description: '2.5th percentile of the replication values' })),
    p975: Nullable(Type.Number()),
  },
);
export type Interval = Static<typeof Interval>;
const intervalsOf = <const K extends readonly string[]>(keys: K) =>
  Type.Object(Object.fromEntries(keys.map((k) => [k, Interval])) as { [P in K[number]]: typeof Interval });

export const TierIntervals = intervalsOf(TIER_METRIC_KEYS);
export const SystemIntervals = intervalsOf(SYSTEM_METRIC_KEYS);

/** One change of a variant. Flat rather than a union so a mistake gets a plain message. */
export const VariantChangeInput = Type.Object(
  {
    kind: StringEnum(['beds', 'stays', 'arrivals'] as const, { description: 'beds: add or remove beds; stays: multiply lengths of stay; arrivals: multiply arrival rates' }),
    tier: Type.Optional(Tier),
    change: Type.Optional(Type.Integer({ minimum: -LIMITS.totalBeds, maximum: LIMITS.totalBeds, description: 'beds: how many to add (negative removes)' })),
    pool: Type.Optional(Type.Integer({ minimum: 0, description: 'beds: the pool (index in scenario.pools) to change; default all, in proportion' })),
    factor: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 10, description: 'stays, arrivals: the multiplier' })),
    source: Type.Optional(StringEnum(SOURCES, { description: 'arrivals: only this source' })),
  },
  { additionalProperties: false },
);
export type VariantChangeInput = Static<typeof VariantChangeInput>;

export const VariantInput = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 80 }), changes: Type.Array(VariantChangeInput, { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false },
);
export type VariantInput = Static<typeof VariantInput>;

const RunSize = {
  replications: Type.Integer({ minimum: 1, maximum: LIMITS.replications, description: 'independent replications (the server may allow fewer: SECUREPATH_PLANNING_MAX_REPLICATIONS)' }),
  years: Type.Number({ exclusiveMinimum: 0, maximum: LIMITS.years, description: 'years measured after the warm-up' }),
  warmupYears: Type.Optional(Type.Number({ minimum: 0, maximum: LIMITS.years, description: "years simulated first and not measured; default the scenario's" })),
  seed: Type.Integer({ minimum: 0, maximum: 0xffffffff }),
};
const ScenarioInput = Type.Unknown({ description: 'A scenario as published in docs/scenario.schema.json' });

export const SimulationRequest = Type.Object(
  { scenario: ScenarioInput, variants: Type.Optional(Type.Array(VariantInput, { maxItems: 20 })), ...RunSize },
  { additionalProperties: false },
);
export type SimulationRequest = Static<typeof SimulationRequest>;

export const Targets = Type.Object(
  {
    prisonWithinLimitShare: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: 'at least this share of prison referrals admitted within the transfer limit' })),
    medianWaitDays: Type.Optional(Type.Number({ exclusiveMinimum: 0, description: 'median wait for admission below this' })),
  },
  { additionalProperties: false },
);

export const CapacitySearchRequest = Type.Object(
  {
    scenario: ScenarioInput,
    tier: Tier,
    pool: Type.Optional(Type.Integer({ minimum: 0, description: 'vary one pool (index in scenario.pools); default the whole tier, in proportion' })),
    targets: Type.Optional(Targets),
    judgeBy: Type.Optional(StringEnum(['mean', 'interval'] as const, { description: 'mean: the mean meets each target; interval: its whole 95% interval does' })),
    minBeds: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.totalBeds })),
    maxBeds: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.totalBeds })),
    ...RunSize,
  },
  { additionalProperties: false },
);
export type CapacitySearchRequest = Static<typeof CapacitySearchRequest>;

const Fan = Type.Object({ median: Type.Array(Type.Number()), p025: Type.Array(Type.Number()), p975: Type.Array(Type.Number()) });

export const RunSummary = Type.Object({
  beds: perTier(Type.Integer()),
  tiers: perTier(TierIntervals),
  system: SystemIntervals,
  dischargesByDestinationPerYear: intervalsOf(EXITS),
  waitProfile: Type.Object({ days: Type.Array(Type.Number()), tiers: perTier(Type.Array(Interval)) }, { description: 'share of admissions that waited at most each number of days' }),
  series: Type.Object({ periodDays: Type.Number(), occupied: perTier(Fan) }, { description: 'mean occupied beds per period from the start of the run, warm-up included' }),
  events: Type.Integer(),
  seconds: Type.Number(),
});

const ChangeOut = Type.Object({
  kind: StringEnum(['beds', 'stays', 'arrivals'] as const),
  tier: Type.Optional(Tier),
  change: Type.Optional(Type.Integer()),
  pool: Type.Optional(Type.Integer()),
  factor: Type.Optional(Type.Number()),
  source: Type.Optional(StringEnum(SOURCES)),
});

export const SimulationResult = Type.Object({
  kind: Type.Literal('simulation'),
  scenario: Type.String(),
  replications: Type.Integer(),
  years: Type.Number(),
  warmupYears: Type.Number(),
  seed: Type.Integer(),
  intervalMethod: Type.String(),
  baseline: RunSummary,
  variants: Type.Array(
    Type.Object({
      name: Type.String(),
      changes: Type.Array(ChangeOut),
      described: Type.Array(Type.String()),
      summary: RunSummary,
      difference: Type.Object({ tiers: perTier(TierIntervals), system: SystemIntervals }, { description: 'variant − baseline, paired by replication (common random numbers)' }),
    }),
  ),
  events: Type.Integer(),
  seconds: Type.Number(),
});
export type SimulationResult = Static<typeof SimulationResult>;

export const CapacityEvaluation = Type.Object({
  beds: Type.Integer(),
  meets: Type.Boolean(),
  shortfalls: Type.Array(Type.String()),
  prisonWithinLimitShare: Interval,
  medianWaitDays: Interval,
  occupancy: Interval,
});

export const CapacitySearchResult = Type.Object({
  kind: Type.Literal('capacity_search'),
  scenario: Type.String(),
  tier: Tier,
  pool: Nullable(Type.Integer()),
  poolName: Nullable(Type.String()),
  targets: Targets,
  judgeBy: StringEnum(['mean', 'interval'] as const),
  startBeds: Type.Integer(),
  beds: Nullable(Type.Integer({ description: 'the fewest beds meeting the targets; null if even maxBeds falls short' })),
  maxBeds: Type.Integer(),
  evaluations: Type.Array(CapacityEvaluation),
  replications: Type.Integer(),
  years: Type.Number(),
  warmupYears: Type.Number(),
  seed: Type.Integer(),
  seconds: Type.Number(),
});
export type CapacitySearchResult = Static<typeof CapacitySearchResult>;

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const JOB_KINDS = ['simulation', 'capacity_search'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

const JobFields = {
  id: Id,
  kind: StringEnum(JOB_KINDS),
  status: StringEnum(JOB_STATUSES),
  progress: Type.Number({ minimum: 0, maximum: 1, description: 'share of the replications done' }),
  replicationsDone: Type.Integer(),
  replicationsTotal: Type.Integer(),
  scenarioName: Type.String(),
  /** Jobs queued ahead of this one (null unless queued). */
  queuePosition: Nullable(Type.Integer()),
  createdAt: Type.String({ format: 'date-time' }),
  startedAt: Nullable(Type.String({ format: 'date-time' })),
  finishedAt: Nullable(Type.String({ format: 'date-time' })),
  error: Nullable(Type.String()),
};

/** A job in a list: its state without the (large) request and result. */
export const JobSummary = Type.Object(JobFields);
export type JobSummary = Static<typeof JobSummary>;

export const Job = Type.Object({
  ...JobFields,
  request: Type.Unknown({ description: 'what was asked, as sent' }),
  result: Nullable(Type.Union([SimulationResult, CapacitySearchResult])),
});
export type Job = Static<typeof Job>;

export const JobCreated = Type.Object({ id: Id, status: StringEnum(JOB_STATUSES) });
