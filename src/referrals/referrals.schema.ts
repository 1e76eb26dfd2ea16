import { Type, type Static } from 'typebox';
import { Id, IsoDate, IsoDateOf, IsoDateTime, Nullable, StringEnum } from '../http/schema-kit.js';
import { PatientInput } from '../patients/patients.schema.js';
import {
  BREACH_REASONS,
  CALENDARS,
  CLOCK_POLICIES,
  CONFERENCE_KINDS,
  CONFERENCE_ROLES,
  DISCIPLINES,
  HANDOVER_ITEMS,
  LEGAL_ROUTES,
  OFFENCE_CATEGORIES,
  PANEL_DECISIONS,
  REFERRAL_SOURCES,
  REFERRAL_STATES,
  REFERRAL_TIERS,
  URGENCIES,
} from '../shared/referral-vocabulary.js';
import { SPECIALISMS } from '../shared/vocabulary.js';

// The referral API's types: one TypeBox schema each for validation, TypeScript and OpenAPI.

const Text = (min: number, max: number, description?: string) => Type.String({ minLength: min, maxLength: max, ...(description ? { description } : {}) });
const RecommendedTier = StringEnum([...REFERRAL_TIERS, 'not_required'] as const, { description: "'not_required': does not need secure care" });
const When = (description: string) => Type.Optional(Type.String({ format: 'date-time', description: `${description}; defaults to now; never in the future` }));

export const ReferralInput = Type.Object(
  {
    patientId: Type.Optional(Id),
    newPatient: Type.Optional(PatientInput),
    source: StringEnum(REFERRAL_SOURCES),
    referringOrganisationId: Id,
    referringUnitId: Type.Optional(Id),
    referringClinician: Text(2, 120),
    legalRoute: StringEnum(LEGAL_ROUTES),
    urgency: StringEnum(URGENCIES),
    urgencyReason: Type.Optional(Text(5, 1000, 'required for emergency and urgent referrals')),
    requestedTier: StringEnum(REFERRAL_TIERS),
    requestedSpecialism: StringEnum(SPECIALISMS),
    homeRegionId: Id,
    offenceCategory: StringEnum(OFFENCE_CATEGORIES),
    targetUnitId: Type.Optional(Id),
    targetRegionId: Type.Optional(Id),
    receivedAt: When('When the referral was received'),
    clockPolicy: Type.Optional(StringEnum(CLOCK_POLICIES, { description: 'defaults to the SECUREPATH_CLOCK_POLICY setting' })),
  },
  { additionalProperties: false },
);
export type ReferralInput = Static<typeof ReferralInput>;

export const ClockStage = Type.Object({
  name: StringEnum(['referral_to_admission', 'referral_to_assessment', 'assessment_to_transfer'] as const),
  startedOn: IsoDate,
  dueOn: IsoDate,
  endedOn: Nullable(IsoDate),
  days: Type.Integer(),
  breached: Type.Boolean(),
});

export const Clock = Type.Object({
  policy: StringEnum(CLOCK_POLICIES),
  status: StringEnum(['on_track', 'amber', 'breached', 'met', 'stopped'] as const),
  current: ClockStage,
  stages: Type.Array(ClockStage),
  daysRemaining: Nullable(Type.Integer()),
  dueAt: IsoDateTime,
  breached: Type.Boolean(),
  stoppedOn: Nullable(IsoDate),
});

export const Direction = Type.Object({
  issuedOn: IsoDate,
  expiresOn: IsoDate,
  daysRemaining: Type.Integer(),
  status: StringEnum(['valid', 'expiring', 'lapsed'] as const),
});

const Named = Type.Object({ id: Id, name: Type.String() });

export const ReferralSummary = Type.Object({
  id: Id,
  patient: Type.Object({ id: Id, name: Type.String(), nhsNumber: Nullable(Type.String()), chiNumber: Nullable(Type.String()) }),
  source: StringEnum(REFERRAL_SOURCES),
  legalRoute: StringEnum(LEGAL_ROUTES),
  urgency: StringEnum(URGENCIES),
  requestedTier: StringEnum(REFERRAL_TIERS),
  requestedSpecialism: StringEnum(SPECIALISMS),
  homeRegion: Named,
  referringOrganisation: Named,
  referringUnit: Nullable(Named),
  /** The panel it sits with: a unit's (unit set) or the region's. */
  targetUnit: Nullable(Type.Object({ id: Id, name: Type.String(), organisationName: Type.String() })),
  targetRegion: Named,
  state: StringEnum(REFERRAL_STATES),
  receivedAt: IsoDateTime,
  clock: Clock,
  assessmentCount: Type.Integer(),
  validAssessmentUntil: Nullable(IsoDate),
  breachReason: Nullable(StringEnum(BREACH_REASONS)),
  direction: Nullable(Direction),
  /** Things to act on: breach_reason_needed, duplicate_assessment, direction_expiring, direction_lapsed. */
  flags: Type.Array(Type.String()),
  version: Type.Integer(),
});
export type ReferralSummary = Static<typeof ReferralSummary>;

export const Ratings = Type.Record(Type.String({ pattern: '^[A-Za-z0-9_-]{1,20}$' }), Type.Integer());

export const AssessmentInput = Type.Object(
  {
    assessedAt: When('When the assessment was made'),
    assessorName: Text(2, 120),
    assessorUnitId: Type.Optional(Id),
    disciplines: Type.Array(StringEnum(DISCIPLINES), { minItems: 1, uniqueItems: true }),
    recommendedTier: RecommendedTier,
    recommendedSpecialism: StringEnum(SPECIALISMS),
    rationale: Text(10, 4000),
    securityRatings: Ratings,
    urgencyRatings: Ratings,
    supervisionItems: Type.Array(Type.Integer(), { maxItems: 10, description: 'prison supervision criteria present, 1–10' }),
  },
  { additionalProperties: false },
);
export type AssessmentInput = Static<typeof AssessmentInput>;

export const Assessment = Type.Object({
  id: Id,
  assessedAt: IsoDateTime,
  assessorName: Type.String(),
  assessorUnit: Nullable(Named),
  disciplines: Type.Array(StringEnum(DISCIPLINES)),
  recommendedTier: RecommendedTier,
  recommendedSpecialism: StringEnum(SPECIALISMS),
  rationale: Type.String(),
  securityRatings: Ratings,
  securityTotal: Type.Integer(),
  urgencyRatings: Ratings,
  urgencyTotal: Type.Integer(),
  supervisionItems: Type.Array(Type.Integer()),
  supervisionIndication: StringEnum(REFERRAL_TIERS),
  validUntil: IsoDate,
  valid: Type.Boolean(),
  /** Made while another assessment of the patient was still valid (flagged duplicate_assessment). */
  isRepeat: Type.Boolean(),
  /** That earlier assessment, if it is this referral's own; one made for another referral is not named. */
  repeatsAssessmentId: Nullable(Id),
  recordedBy: Type.String(),
});

export const PanelMember = Type.Object(
  { name: Text(2, 120), discipline: StringEnum(DISCIPLINES), tier: StringEnum(REFERRAL_TIERS) },
  { additionalProperties: false },
);

export const DecisionInput = Type.Object(
  {
    decidedAt: When('When the panel decided'),
    decision: StringEnum(PANEL_DECISIONS),
    reason: Text(5, 2000),
    recommendedTier: Type.Optional(RecommendedTier),
    members: Type.Array(PanelMember, { minItems: 1, maxItems: 30 }),
  },
  { additionalProperties: false },
);
export type DecisionInput = Static<typeof DecisionInput>;

export const Decision = Type.Object({
  id: Id,
  panel: Type.String(),
  decidedAt: IsoDateTime,
  decision: StringEnum(PANEL_DECISIONS),
  reason: Type.String(),
  recommendedTier: Nullable(RecommendedTier),
  members: Type.Array(PanelMember),
  assessmentId: Id,
  recordedBy: Type.String(),
});

export const ForwardInput = Type.Object(
  { targetUnitId: Type.Optional(Id), targetRegionId: Type.Optional(Id), reason: Text(5, 1000), at: When('When it was forwarded') },
  { additionalProperties: false },
);
export type ForwardInput = Static<typeof ForwardInput>;

export const OfferInput = Type.Object({ wardId: Id, at: When('When the bed was offered') }, { additionalProperties: false });
export type OfferInput = Static<typeof OfferInput>;

export const ReferralAdmitInput = Type.Object(
  { admittedAt: When('When the person arrived on the ward'), overCapacityReason: Type.Optional(Text(10, 500)) },
  { additionalProperties: false },
);
export type ReferralAdmitInput = Static<typeof ReferralAdmitInput>;

export const CloseInput = Type.Object(
  { outcome: StringEnum(['withdrawn', 'not_needed'] as const), note: Text(5, 1000), at: When('When it was withdrawn') },
  { additionalProperties: false },
);
export type CloseInput = Static<typeof CloseInput>;

export const BreachReasonInput = Type.Object(
  { reason: StringEnum(BREACH_REASONS), note: Type.Optional(Text(3, 1000, "required when the reason is 'other'")) },
  { additionalProperties: false },
);
export type BreachReasonInput = Static<typeof BreachReasonInput>;

export const DirectionInput = Type.Object({ issuedOn: IsoDate }, { additionalProperties: false });
export type DirectionInput = Static<typeof DirectionInput>;

export const ConferenceInput = Type.Object(
  {
    kind: StringEnum(CONFERENCE_KINDS),
    calendar: StringEnum(CALENDARS),
    noticeGivenAt: When('When the invitations went out'),
    scheduledFor: IsoDateTime,
    invited: Type.Array(StringEnum(CONFERENCE_ROLES), { minItems: 1, uniqueItems: true }),
    venue: Type.Optional(Text(2, 200)),
    shortNoticeReason: Type.Optional(Text(10, 1000, 'required with fewer than 3 working days of notice')),
  },
  { additionalProperties: false },
);
export type ConferenceInput = Static<typeof ConferenceInput>;

export const ConferenceRecordInput = Type.Object(
  {
    heldAt: IsoDateTime,
    attended: Type.Array(StringEnum(CONFERENCE_ROLES), { minItems: 1, uniqueItems: true }),
    disclosableRecord: Text(10, 20000, 'written so it can be shown to the patient in full'),
    intelligenceGist: Type.Optional(Text(0, 4000, 'the gist of intelligence whose detail would prejudice third parties or security')),
  },
  { additionalProperties: false },
);
export type ConferenceRecordInput = Static<typeof ConferenceRecordInput>;

export const Conference = Type.Object({
  id: Id,
  patientId: Id,
  referralId: Nullable(Id),
  kind: StringEnum(CONFERENCE_KINDS),
  calendar: StringEnum(CALENDARS),
  noticeGivenAt: IsoDateTime,
  scheduledFor: IsoDateTime,
  noticeWorkingDays: Type.Integer(),
  shortNoticeReason: Nullable(Type.String()),
  invited: Type.Array(StringEnum(CONFERENCE_ROLES)),
  /** Roles the protocol names for this kind of conference that were not invited. */
  missingInvitees: Type.Array(StringEnum(CONFERENCE_ROLES)),
  venue: Nullable(Type.String()),
  heldAt: Nullable(IsoDateTime),
  attended: Type.Array(StringEnum(CONFERENCE_ROLES)),
  disclosableRecord: Nullable(Type.String()),
  intelligenceGist: Nullable(Type.String()),
  version: Type.Integer(),
});
export type Conference = Static<typeof Conference>;

export const NoticeQuery = Type.Object({ calendar: StringEnum(CALENDARS), noticeDate: IsoDate, conferenceDate: IsoDate }, { additionalProperties: false });
export const NoticeAnswer = Type.Object({ workingDays: Type.Integer(), enough: Type.Boolean(), earliestDate: IsoDate, bankHolidays: Type.Array(IsoDate) });

export const TimelineEvent = Type.Object({
  id: Type.String(),
  at: IsoDateTime,
  kind: Type.String(),
  summary: Type.String(),
  by: Nullable(Type.String()),
});

export const ReferralDetail = Type.Object({
    ...ReferralSummary.properties,
    referringClinician: Type.String(),
    urgencyReason: Nullable(Type.String()),
    offenceCategory: StringEnum(OFFENCE_CATEGORIES),
    breachNote: Nullable(Type.String()),
    offeredWard: Nullable(Type.Object({ id: Id, name: Type.String(), unitName: Type.String() })),
    placementId: Nullable(Type.String()),
    assessments: Type.Array(Assessment),
    decisions: Type.Array(Decision),
    conferences: Type.Array(Conference),
    events: Type.Array(TimelineEvent),
    /** What this caller may do next, so the screen offers only actions that can succeed. */
    actions: Type.Array(Type.String()),
});
export type ReferralDetail = Static<typeof ReferralDetail>;

export const BoardQuery = Type.Object(
  {
    regionId: Type.Optional(Id),
    organisationId: Type.Optional(Id),
    unitId: Type.Optional(Id),
    tier: Type.Optional(StringEnum(REFERRAL_TIERS)),
    urgency: Type.Optional(StringEnum(URGENCIES)),
    state: Type.Optional(StringEnum(REFERRAL_STATES)),
    clock: Type.Optional(StringEnum(['on_track', 'amber', 'breached'] as const)),
    prisonOnly: Type.Optional(Type.Boolean({ description: 'only prison transfers (s47/49, s48/49)' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
  },
  { additionalProperties: false },
);
export type BoardQuery = Static<typeof BoardQuery>;

export const Board = Type.Object({
  total: Type.Integer(),
  byState: Type.Record(Type.String(), Type.Integer()),
  byClock: Type.Object({ on_track: Type.Integer(), amber: Type.Integer(), breached: Type.Integer() }),
  items: Type.Array(ReferralSummary),
  asOf: IsoDateTime,
});

export const MeasuresQuery = Type.Object(
  {
    groupBy: Type.Optional(StringEnum(['region', 'provider', 'nation'] as const, { description: 'default region' })),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    regionId: Type.Optional(Id),
    prisonOnly: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type MeasuresQuery = Static<typeof MeasuresQuery>;

const Num = Nullable(Type.Number());
export const MeasurePoint = Type.Object({
  month: Type.String({ description: 'YYYY-MM, by month of referral' }),
  referrals: Nullable(Type.Integer()),
  admitted: Nullable(Type.Integer()),
  medianDaysToAdmission: Num,
  p90DaysToAdmission: Num,
  percentWithin14: Num,
  assessmentsPerReferral: Num,
  /** Small numbers withheld so no person can be recognised (aggregate roles). */
  suppressed: Type.Boolean(),
});
export const MeasureGroup = Type.Object({
  key: Type.String(),
  name: Type.String(),
  totals: MeasurePoint,
  months: Type.Array(MeasurePoint),
  breachReasons: Type.Record(Type.String(), Nullable(Type.Integer())),
});
export const Measures = Type.Object({
  from: IsoDateOf('the first day of the period used; under disclosure control, the first of its month'),
  to: IsoDateOf('the last day of the period used; under disclosure control, the last of its month'),
  groupBy: Type.String(),
  /** True when counts are rounded to 5 and small numbers withheld. */
  disclosureControlled: Type.Boolean(),
  groups: Type.Array(MeasureGroup),
});
export type Measures = Static<typeof Measures>;

export const PrisonReturnInput = Type.Object(
  {
    prisonUnitId: Id,
    plannedFor: IsoDate,
    conferenceId: Type.Optional(Id),
    handoverItems: Type.Array(StringEnum(HANDOVER_ITEMS), { uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type PrisonReturnInput = Static<typeof PrisonReturnInput>;
export const ReceptionInput = Type.Object({ receivedAt: IsoDateTime }, { additionalProperties: false });
export const SupervisionInput = Type.Object({ level: StringEnum(REFERRAL_TIERS), setAt: IsoDateTime }, { additionalProperties: false });

export const PrisonReturn = Type.Object({
  id: Id,
  patient: Type.Object({ id: Id, name: Type.String() }),
  prison: Named,
  conferenceId: Nullable(Id),
  plannedFor: IsoDate,
  handoverItems: Type.Array(StringEnum(HANDOVER_ITEMS)),
  missingHandoverItems: Type.Array(StringEnum(HANDOVER_ITEMS)),
  receivedAt: Nullable(IsoDateTime),
  supervisionDueAt: Nullable(IsoDateTime),
  supervisionLevel: Nullable(StringEnum(REFERRAL_TIERS)),
  supervisionSetAt: Nullable(IsoDateTime),
  /** 'awaiting_reception', 'supervision_due', 'supervision_overdue', 'complete'. */
  status: Type.String(),
  version: Type.Integer(),
});
export type PrisonReturn = Static<typeof PrisonReturn>;

export const Instrument = Type.Object({
  code: Type.String(),
  name: Type.String(),
  purpose: Type.String(),
  scale: Type.Object({ min: Type.Integer(), max: Type.Integer() }),
  items: Type.Array(Type.Object({ code: Type.String(), label: Type.String() })),
});

export const ReferralSettings = Type.Object({
  clockPolicy: StringEnum(CLOCK_POLICIES),
  amberDays: Type.Integer(),
  assessmentValidDays: Type.Integer(),
  directionWarnDays: Type.Integer(),
  timeZone: Type.String(),
  instruments: Type.Array(Instrument),
});
