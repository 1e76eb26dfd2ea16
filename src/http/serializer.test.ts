import fastJsonStringify from 'fast-json-stringify';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { PatientDetail, type Placement } from '../patients/patients.schema.js';
import { nullableForSerializer } from './serializer.js';
import { Nullable, StringEnum } from './schema-kit.js';

const placement = (id: number, ended: boolean): Placement => ({
  id,
  wardId: 3,
  wardName: 'Ash Ward "North"',
  unitId: 2,
  unitName: 'Oak Unit',
  organisationName: 'North Trust',
  sector: 'nhs',
  regionName: 'North East',
  tier: 'medium',
  securityLevel: 2,
  specialism: 'mental_illness',
  admittedAt: '2024-01-02T00:00:00.000Z',
  endedAt: ended ? '2025-01-02T00:00:00.000Z' : null,
  startKind: 'admission',
  source: ended ? 'court' : null,
  direction: null,
  endReason: ended ? 'transfer' : null,
  destination: null,
  overCapacityReason: ended ? null : 'No bed on a ward of the right specialism',
  lengthOfStayDays: 300,
});

const record = (admitted: boolean): PatientDetail => ({
  id: 1,
  nhsNumber: admitted ? '9434765919' : null,
  chiNumber: admitted ? null : '0101801234',
  givenName: 'Nathan',
  familyName: 'Brown',
  dateOfBirth: '1980-01-01',
  sex: 'male',
  ethnicity: 'A',
  homeRegionId: 1,
  homeRegionName: 'North East',
  version: 4,
  currentPlacement: admitted ? placement(2, false) : null,
  currentEpisodeDays: admitted ? 300 : null,
  placements: admitted ? [placement(1, true), placement(2, false)] : [placement(1, true)],
  mayMove: admitted,
});

describe('response serialiser', () => {
  const serialise = fastJsonStringify(nullableForSerializer(PatientDetail) as object);

  it('writes a record with and without its nullable fields exactly as JSON.stringify would', () => {
    for (const r of [record(true), record(false), { ...record(true), emergencyAccessUntil: '2026-12-01T18:00:00.000Z' }]) {
      expect(JSON.parse(serialise(r))).toEqual(r);
      expect(serialise(r)).toBe(JSON.stringify(r));
    }
  });

  it('leaves out any field the schema does not name, even inside a nullable object', () => {
    const leaky = { ...record(true), password_hash: 'x' } as PatientDetail;
    (leaky.currentPlacement as unknown as Record<string, unknown>).created_by = 42;
    const out = serialise(leaky);
    expect(out).not.toContain('password_hash');
    expect(out).not.toContain('created_by');
  });

  it('still tells the branches of another choice apart when a nullable enum inside one of them is null', () => {
    const result = Type.Union([
      Type.Object({ kind: StringEnum(['simulation'] as const), source: Nullable(StringEnum(['court', 'prison'] as const)) }),
      Type.Object({ kind: StringEnum(['search'] as const), beds: Type.Integer() }),
    ]);
    const serialiseResult = fastJsonStringify(nullableForSerializer(Type.Object({ result })) as object);
    expect(JSON.parse(serialiseResult({ result: { kind: 'simulation', source: null } }))).toEqual({ result: { kind: 'simulation', source: null } });
    expect(JSON.parse(serialiseResult({ result: { kind: 'search', beds: 3 } }))).toEqual({ result: { kind: 'search', beds: 3 } });
  });

  it('marks a value-or-null as nullable and keeps every other choice as written', () => {
    const either = Type.Union([Type.Object({ a: Type.String() }), Type.Object({ b: Type.Integer() })]);
    const schema = nullableForSerializer(Type.Object({ when: Nullable(Type.String({ format: 'date-time' })), either }));
    expect(schema.properties.when).toEqual({ type: 'string', format: 'date-time', nullable: true });
    expect(schema.properties.either.anyOf).toHaveLength(2);
  });
});
