import { Type, type Static } from 'typebox';
import { Id, IsoDate, IsoDateTime, Nullable, StringEnum } from '../http/schema-kit.js';
import {
  ADMISSION_SOURCES,
  DISCHARGE_DESTINATIONS,
  ETHNICITY_CODES,
  SECTORS,
  SEXES,
  SPECIALISMS,
  TIERS,
} from '../shared/vocabulary.js';

const PersonName = Type.String({ minLength: 1, maxLength: 80 });

export const PatientInput = Type.Object(
  {
    nhsNumber: Type.Optional(Type.String({ description: 'NHS number, 10 digits (spaces allowed); the check digit is verified' })),
    chiNumber: Type.Optional(Type.String({ description: 'Scottish CHI number, 10 digits starting with the date of birth (DDMMYY)' })),
    givenName: PersonName,
    familyName: PersonName,
    dateOfBirth: IsoDate,
    sex: StringEnum(SEXES),
    ethnicity: StringEnum(ETHNICITY_CODES),
    homeRegionId: Id,
  },
  { additionalProperties: false },
);
export type PatientInput = Static<typeof PatientInput>;

/** A correction to a patient's details: any of the fields, with the version being corrected (If-Match). */
export const PatientPatch = Type.Partial(PatientInput, { additionalProperties: false, minProperties: 1 });
export type PatientPatch = Static<typeof PatientPatch>;

export const Placement = Type.Object({
  id: Id,
  wardId: Id,
  wardName: Type.String(),
  unitId: Id,
  unitName: Type.String(),
  organisationName: Type.String(),
  sector: StringEnum(SECTORS),
  regionName: Type.String(),
  tier: StringEnum(TIERS),
  securityLevel: Type.Integer(),
  specialism: StringEnum(SPECIALISMS),
  admittedAt: IsoDateTime,
  endedAt: Nullable(IsoDateTime),
  startKind: StringEnum(['admission', 'transfer'] as const),
  source: Nullable(StringEnum(ADMISSION_SOURCES)),
  direction: Nullable(StringEnum(['up', 'down', 'sideways'] as const)),
  endReason: Nullable(StringEnum(['transfer', 'discharge'] as const)),
  destination: Nullable(StringEnum(DISCHARGE_DESTINATIONS)),
  overCapacityReason: Nullable(Type.String()),
  lengthOfStayDays: Type.Integer(),
});
export type Placement = Static<typeof Placement>;

/** Who the person is: shared by search results and the full record. */
const Identity = {
  id: Id,
  nhsNumber: Nullable(Type.String()),
  chiNumber: Nullable(Type.String()),
  givenName: Type.String(),
  familyName: Type.String(),
  dateOfBirth: IsoDate,
  sex: StringEnum(SEXES),
};

export const PatientSummary = Type.Object({
  ...Identity,
  currentWardName: Nullable(Type.String()),
  currentUnitName: Nullable(Type.String()),
  currentTier: Nullable(StringEnum(TIERS)),
});
export type PatientSummary = Static<typeof PatientSummary>;

export const PatientDetail = Type.Object({
  ...Identity,
  ethnicity: StringEnum(ETHNICITY_CODES),
  homeRegionId: Id,
  homeRegionName: Type.String(),
  version: Type.Integer(),
  currentPlacement: Nullable(Placement),
  /** Days in the secure system in the current continuous episode (all tiers), or null when not admitted. */
  currentEpisodeDays: Nullable(Type.Integer()),
  placements: Type.Array(Placement),
  /** Whether the reader may transfer or discharge the patient: the ward they are on now is in the reader's scope. */
  mayMove: Type.Boolean({ description: "whether the reader may transfer or discharge the patient: the ward they are on now is in the reader's scope" }),
  /** Set when the reader sees this record only through emergency (break-glass) access: until when. */
  emergencyAccessUntil: Type.Optional(Nullable(IsoDateTime)),
});
export type PatientDetail = Static<typeof PatientDetail>;

export const PatientSearchQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 80 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
});

export const PatientPage = Type.Object({ items: Type.Array(PatientSummary), total: Type.Integer() });

const OverCapacityReason = Type.String({
  minLength: 10,
  maxLength: 500,
  description: 'Required to place someone on a full ward or one that does not fit them (sex, age, specialism); recorded on the placement',
});
const NeededSpecialism = StringEnum(SPECIALISMS, { description: 'The specialism the patient needs; when given, the ward must provide it' });

export const AdmitInput = Type.Object(
  {
    wardId: Id,
    admittedAt: Type.Optional(IsoDateTime),
    source: StringEnum(ADMISSION_SOURCES),
    specialism: Type.Optional(NeededSpecialism),
    overCapacityReason: Type.Optional(OverCapacityReason),
  },
  { additionalProperties: false },
);
export type AdmitInput = Static<typeof AdmitInput>;

export const TransferInput = Type.Object(
  { wardId: Id, at: Type.Optional(IsoDateTime), specialism: Type.Optional(NeededSpecialism), overCapacityReason: Type.Optional(OverCapacityReason) },
  { additionalProperties: false },
);
export type TransferInput = Static<typeof TransferInput>;

export const DischargeInput = Type.Object(
  { at: Type.Optional(IsoDateTime), destination: StringEnum(DISCHARGE_DESTINATIONS) },
  { additionalProperties: false },
);
export type DischargeInput = Static<typeof DischargeInput>;
