import { Type, type Static } from 'typebox';
import { Id, IsoDateTime, Nullable, StringEnum } from '../http/schema-kit.js';
import { COMMISSIONING_LEVELS, SECTORS, SERVICE_TYPES, SEXES, SPECIALISMS } from '../shared/vocabulary.js';

const Code = Type.String({ minLength: 2, maxLength: 20, pattern: '^[A-Z0-9][A-Z0-9-]*$', description: 'Short code in capitals, e.g. RXT or RXT-ARDEN' });
const Name = Type.String({ minLength: 2, maxLength: 120 });

export const Nation = Type.Object({ id: Id, code: Type.String(), name: Type.String(), population: Type.Integer() });
export type Nation = Static<typeof Nation>;

export const Region = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  nationId: Id,
  nationName: Type.String(),
  population: Type.Integer(),
});
export type Region = Static<typeof Region>;

const Lifecycle = { retiredAt: Nullable(IsoDateTime), version: Type.Integer() };

export const Organisation = Type.Object({ id: Id, code: Type.String(), name: Type.String(), sector: StringEnum(SECTORS), regionId: Id, ...Lifecycle });
export type Organisation = Static<typeof Organisation>;
export const OrganisationInput = Type.Object({ code: Code, name: Name, sector: StringEnum(SECTORS), regionId: Id }, { additionalProperties: false });
export type OrganisationInput = Static<typeof OrganisationInput>;
export const OrganisationPatch = Type.Partial(OrganisationInput, { additionalProperties: false, minProperties: 1 });

export const Unit = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  organisationId: Id,
  organisationName: Type.String(),
  regionId: Id,
  serviceType: StringEnum(SERVICE_TYPES),
  commissioningLevel: StringEnum(COMMISSIONING_LEVELS),
  ...Lifecycle,
});
export type Unit = Static<typeof Unit>;
export const UnitInput = Type.Object(
  {
    code: Code,
    name: Name,
    organisationId: Id,
    regionId: Id,
    serviceType: StringEnum(SERVICE_TYPES),
    commissioningLevel: StringEnum(COMMISSIONING_LEVELS),
  },
  { additionalProperties: false },
);
export type UnitInput = Static<typeof UnitInput>;
export const UnitPatch = Type.Partial(UnitInput, { additionalProperties: false, minProperties: 1 });

export const Ward = Type.Object({
  id: Id,
  code: Type.String(),
  name: Type.String(),
  unitId: Id,
  unitName: Type.String(),
  securityLevel: Type.Integer({ minimum: 0, maximum: 3 }),
  sex: StringEnum(SEXES),
  specialism: StringEnum(SPECIALISMS),
  commissionedBeds: Type.Integer(),
  closedBeds: Type.Integer(),
  ...Lifecycle,
});
export type Ward = Static<typeof Ward>;
export const WardInput = Type.Object(
  {
    code: Code,
    name: Name,
    unitId: Id,
    securityLevel: Type.Integer({ minimum: 0, maximum: 3, description: 'MHSDS ward security level: 0 general, 1 low, 2 medium, 3 high' }),
    sex: StringEnum(SEXES),
    specialism: StringEnum(SPECIALISMS),
    commissionedBeds: Type.Integer({ minimum: 0, maximum: 500 }),
    closedBeds: Type.Integer({ minimum: 0, maximum: 500 }),
  },
  { additionalProperties: false },
);
export type WardInput = Static<typeof WardInput>;
export const WardPatch = Type.Partial(WardInput, { additionalProperties: false, minProperties: 1 });

export const DIRECTORY_KINDS = ['organisations', 'units', 'wards'] as const;
export type DirectoryKind = (typeof DIRECTORY_KINDS)[number];

export const ListQuery = Type.Object({
  includeRetired: Type.Optional(Type.Boolean()),
  organisationId: Type.Optional(Id),
  unitId: Type.Optional(Id),
  regionId: Type.Optional(Id),
});

export const CsvKindQuery = Type.Object({ kind: StringEnum(DIRECTORY_KINDS), dryRun: Type.Optional(Type.Boolean()) });

export const ImportReport = Type.Object({
  kind: StringEnum(DIRECTORY_KINDS),
  dryRun: Type.Boolean(),
  rows: Type.Integer(),
  created: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
});
export type ImportReport = Static<typeof ImportReport>;
