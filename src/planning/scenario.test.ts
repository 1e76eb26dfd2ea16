import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import Schema from 'typebox/schema';
import { describe, expect, it } from 'vitest';
import { mmcScenario } from './mmc.js';
import { parseScenario, validate, type Scenario } from './scenario.js';

// The validator and the published JSON Schema describe one structure: the shipped example and a
// scenario using every optional field pass both; what either refuses for structure, the other refuses
// too; and every error names the field at fault.

const readJson = (relative: string): unknown => JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8'));
const schema = readJson('../../docs/scenario.schema.json') as Record<string, unknown>;
const example = readJson('../../docs/planning-example.scenario.json') as Record<string, unknown>;
const schemaAccepts = (value: unknown) => Schema.Check(schema as never, value);

/** Every optional field and every kind of stay distribution. */
function full(): Record<string, unknown> {
  return {
    $schema: './scenario.schema.json',
    name: 'everything',
    description: 'uses every field',
    tariffs: { high: 800, medium: 500, low: 400 },
    prisonTransferLimitDays: 28,
    run: { replications: 3, years: 2, warmupYears: 1, seed: 9, initialOccupancy: 0.5 },
    targets: { prisonWithinLimitShare: 0.9, medianWaitDays: 7 },
    tiers: {
      high: { lengthOfStay: { kind: 'weibull', scaleDays: 900, shape: 1.4 }, next: { medium: 0.8, high: 0.1, prison_court: 0.1 } },
      medium: { lengthOfStay: { kind: 'empirical', days: [100, 400, 900] }, next: { low: 0.5, community: 0.3, picu: 0.2 } },
      low: {
        lengthOfStay: { kind: 'quantiles', points: [ { p: 0, days: 20 }, { p: 0.5, days: 300 }, { p: 1, days: 2000 } ] },
        next: { community: 0.9, died: 0.05, general_hospital: 0.05 },
      },
    },
    pools: [
      {
        name: 'women',
        sex: 'female',
        specialism: 'personality_disorder',
        beds: { high: 2, medium: 10, low: 12 },
        arrivals: [
          { source: 'prison', tier: 'high', perYear: 2, pattern: 'regular' },
          { source: 'police_custody', tier: 'medium', perYear: 5, pattern: 'poisson' },
          { source: 'picu', tier: 'low', perYear: 4 },
        ],
      },
    ],
  };
}

const kinds = [
  { kind: 'exponential', meanDays: 5 },
  { kind: 'lognormal', medianDays: 500, sigma: 0.8 },
  { kind: 'fixed', days: 30 },
];

describe('scenario files', () => {
  it('accepts the shipped England example, and so does the schema', () => {
    const v = validate(example);
    expect(v.ok ? [] : v.errors).toEqual([]);
    expect(schemaAccepts(example)).toBe(true);
    if (!v.ok) return;
    const beds = v.scenario.pools.reduce((s, p) => s + p.beds.high + p.beds.medium + p.beds.low, 0);
    expect(beds).toBeGreaterThan(7000);
    expect(beds).toBeLessThan(9000);
  });

  it('accepts every optional field and every distribution, in both', () => {
    const json = full();
    expect(validate(json).ok).toBe(true);
    expect(schemaAccepts(json)).toBe(true);
    for (const lengthOfStay of kinds) {
      const j = full() as { tiers: { medium: { lengthOfStay: unknown } } };
      j.tiers.medium.lengthOfStay = lengthOfStay;
      expect(validate(j).ok).toBe(true);
      expect(schemaAccepts(j)).toBe(true);
    }
  });

  it('fills defaults: 2008/09 tariffs, the 14-day clock, the run block, poisson arrivals, pool names', () => {
    const json = full() as Record<string, unknown>;
    delete json.tariffs;
    delete json.prisonTransferLimitDays;
    delete json.run;
    const pools = json.pools as { name?: string }[];
    delete pools[0]!.name;
    const v = validate(json);
    if (!v.ok) throw new Error(JSON.stringify(v.errors));
    expect(v.scenario.tariffs).toEqual({ high: 749, medium: 482, low: 416 });
    expect(v.scenario.prisonTransferLimitDays).toBe(14);
    expect(v.scenario.run).toEqual({ replications: 100, years: 10, warmupYears: 5, seed: 1, initialOccupancy: 0 });
    expect(v.scenario.pools[0]!.arrivals[2]!.pattern).toBe('poisson');
    expect(v.scenario.pools[0]!.name).toBe('female personality_disorder');
  });

  it('round-trips a built scenario through JSON', () => {
    const s: Scenario = mmcScenario(1, 5, 6);
    const v = validate(JSON.parse(JSON.stringify(s)));
    expect(v.ok && v.scenario).toEqual(s);
    expect(schemaAccepts(s)).toBe(true);
  });

  it('requires every field the schema requires, at every level', () => {
    // Walk the example beside the schema; deleting each required field must fail both, naming it.
    const resolve = (node: Record<string, unknown>, value: unknown): Record<string, unknown> => {
      if (typeof node.$ref === 'string') return resolve((schema.$defs as Record<string, Record<string, unknown>>)[node.$ref.split('/').pop()!]!, value);
      if (Array.isArray(node.oneOf)) {
        const kind = (value as { kind?: string }).kind;
        return (node.oneOf as Record<string, unknown>[]).find((o) => (o.properties as Record<string, { const?: string }>).kind!.const === kind)!;
      }
      return node;
    };
    let checked = 0;
    const walk = (node: Record<string, unknown>, value: unknown, path: string[]) => {
      const s = resolve(node, value);
      if (Array.isArray(value)) return walk(s.items as Record<string, unknown>, value[0], [...path, '0']);
      if (typeof value !== 'object' || value === null) return;
      const props = (s.properties ?? {}) as Record<string, Record<string, unknown>>;
      for (const key of (s.required ?? []) as string[]) {
        const copy = structuredClone(example);
        let at: Record<string, unknown> = copy;
        for (const p of path) at = at[p] as Record<string, unknown>;
        Reflect.deleteProperty(at, key);
        const v = validate(copy);
        const shown = [...path, key].join('.').replace(/\.(\d+)/g, '[$1]');
        expect(v.ok, `${shown} is required by the schema`).toBe(false);
        if (!v.ok) expect(v.errors.map((e) => e.path)).toContain(shown);
        expect(schemaAccepts(copy)).toBe(false);
        checked++;
      }
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) if (props[key]) walk(props[key], child, [...path, key]);
    };
    walk(schema, example, []);
    expect(checked).toBeGreaterThan(15);
  });

  it('rejects unknown fields in both, naming them', () => {
    const json = full() as { pools: Record<string, unknown>[]; run: Record<string, unknown> };
    json.pools[0]!.bed = 3;
    json.run.replicatons = 5;
    const v = validate(json);
    expect(v.ok ? [] : v.errors.map((e) => e.path)).toEqual(['run.replicatons', 'pools[0].bed']);
    expect(schemaAccepts(json)).toBe(false);
  });
});

describe('validation errors name the field', () => {
  const errorsOf = (mutate: (j: ReturnType<typeof full> & Record<string, never>) => void) => {
    const json = full() as ReturnType<typeof full> & Record<string, never>;
    mutate(json);
    const v = validate(json);
    return v.ok ? [] : v.errors;
  };
  type J = {
    pools: { beds: Record<string, number>; arrivals: Record<string, unknown>[] }[];
    run: Record<string, number>;
    tiers: Record<string, { next: Record<string, number>; lengthOfStay: Record<string, unknown> }>;
  };
  const as = (j: unknown) => j as J;

  it('a file that is not JSON', () => {
    const v = parseScenario('{ "name": ');
    expect(v.ok ? [] : v.errors.map((e) => e.path)).toEqual(['(file)']);
    expect(parseScenario(JSON.stringify(full())).ok).toBe(true);
  });

  it('negative capacity', () => {
    const e = errorsOf((j) => (as(j).pools[0]!.beds.medium = -3));
    expect(e).toContainEqual({ path: 'pools[0].beds.medium', message: 'must not be negative (got -3)' });
  });

  it('probabilities that do not sum to 1', () => {
    const e = errorsOf((j) => (as(j).tiers.medium!.next.low = 0.45));
    expect(e).toEqual([{ path: 'tiers.medium.next', message: 'probabilities must sum to 1 (within 0.000001); they sum to 0.95' }]);
  });

  it('tolerates rounding within 1e-6 but not beyond', () => {
    expect(errorsOf((j) => (as(j).tiers.medium!.next.low = 0.5 + 9e-7))).toEqual([]);
    expect(errorsOf((j) => (as(j).tiers.medium!.next.low = 0.5 + 2e-6))[0]?.path).toBe('tiers.medium.next');
  });

  it('zero replications', () => {
    expect(errorsOf((j) => (as(j).run.replications = 0))).toEqual([{ path: 'run.replications', message: 'must be at least 1 (got 0)' }]);
  });

  it('absurd sizes, with the limit stated', () => {
    expect(errorsOf((j) => (as(j).run.replications = 20_000))).toEqual([
      { path: 'run.replications', message: 'at most 10,000 replications are allowed; this asks for 20,000' },
    ]);
    expect(errorsOf((j) => (as(j).run.years = 150))).toEqual([{ path: 'run.years', message: 'years + warmupYears may be at most 100; this asks for 151' }]);
    expect(errorsOf((j) => (as(j).pools[0]!.beds.low = 250_000))).toEqual([
      { path: 'pools[0].beds.low', message: 'at most 200,000 beds are allowed; this asks for 250,000' },
      { path: 'pools', message: 'at most 200,000 beds are allowed in total; this scenario has 250,012' },
    ]);
  });

  it('wrong types, unknown codes, missing fields', () => {
    const e = errorsOf((j) => {
      as(j).pools[0]!.arrivals[0]!.source = 'jail';
      as(j).pools[0]!.arrivals[1]!.perYear = '5' as never;
      delete as(j).tiers.low!.lengthOfStay.points;
    });
    expect(e.map((x) => x.path)).toEqual(['tiers.low.lengthOfStay.points', 'pools[0].arrivals[0].source', 'pools[0].arrivals[1].perYear']);
    expect(e[1]!.message).toMatch(/must be one of prison, court/);
  });

  it('a tier people can reach but that has no beds or no rules', () => {
    const e = errorsOf((j) => (as(j).pools[0]!.beds.low = 0));
    expect(e).toEqual([
      { path: 'pools[0].beds.low', message: "women can reach low secure (arrivals[2] admits to it) but has 0 beds there, so they would wait for ever" },
    ]);
    const f = errorsOf((j) => delete as(j).tiers.low);
    expect(f.map((x) => x.path)).toContain('tiers.medium.next.low');
  });

  it('quantile points out of order, a stay that never ends, a tier nobody leaves', () => {
    const e = errorsOf((j) => {
      (as(j).tiers.low!.lengthOfStay.points as { p: number }[])[1]!.p = 0;
      as(j).tiers.high!.next = { high: 1 };
    });
    expect(e.map((x) => x.path)).toEqual(['tiers.high.next.high', 'tiers.low.lengthOfStay.points[1].p']);
    const f = errorsOf((j) => {
      as(j).tiers.medium!.next = { high: 1 };
      as(j).tiers.high!.next = { medium: 1 };
    });
    expect(f.map((x) => x.path)).toEqual(['tiers.high.next', 'tiers.medium.next']);
  });

  it('never throws on arbitrary input, and every error has a path and a message', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.constant(full()).map((j) => ({ ...j, pools: [fc.sample(fc.anything(), 1)[0]] }))), (value) => {
        const v = validate(value);
        if (!v.ok) for (const e of v.errors) expect(e.path.length * e.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 3 },
    );
  });
});
