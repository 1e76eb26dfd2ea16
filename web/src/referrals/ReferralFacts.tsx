import type { ReactNode } from 'react';
import {
  BREACH_REASON_LABELS,
  LEGAL_ROUTE_LABELS,
  OFFENCE_CATEGORY_LABELS,
  REFERRAL_SOURCE_LABELS,
  REFERRAL_STATE_LABELS,
  URGENCY_LABELS,
} from '../../../src/shared/referral-vocabulary.js';
import { SPECIALISM_LABELS, TIER_LABELS } from '../../../src/shared/vocabulary.js';
import { patientIdentifier } from '../patients/patient-format';
import { formatDate, formatDateTime, plural } from '../ui/format';
import { FactList } from '../ui/FactList';
import { panelName } from './referral-text';
import type { ReferralDetail } from './referrals.api';

/** The referral's particulars as a definition list. */
export function ReferralFacts({ referral: r }: { referral: ReferralDetail }) {
  const facts: [string, ReactNode][] = [
    ['Patient', `${r.patient.name}, ${patientIdentifier(r.patient)}`],
    ['State', REFERRAL_STATE_LABELS[r.state]],
    ['Urgency', r.urgencyReason ? `${URGENCY_LABELS[r.urgency]}: ${r.urgencyReason}` : URGENCY_LABELS[r.urgency]],
    ['Needs', `${TIER_LABELS[r.requestedTier]}, ${SPECIALISM_LABELS[r.requestedSpecialism]}`],
    ['Panel', panelName(r)],
    ['Legal route', LEGAL_ROUTE_LABELS[r.legalRoute]],
    ['Referred by', `${r.referringClinician}, ${r.referringUnit ? `${r.referringUnit.name}, ` : ''}${r.referringOrganisation.name} (${REFERRAL_SOURCE_LABELS[r.source]})`],
    ['Received', formatDateTime(r.receivedAt)],
    ['Home region', r.homeRegion.name],
    ['Index offence', OFFENCE_CATEGORY_LABELS[r.offenceCategory]],
    ['Assessments', `${plural(r.assessmentCount, 'assessment')}${r.validAssessmentUntil ? `, valid until ${formatDate(r.validAssessmentUntil)}` : ''}`],
  ];
  if (r.offeredWard) facts.push(['Bed offered', `${r.offeredWard.name}, ${r.offeredWard.unitName}`]);
  if (r.direction) facts.push(['Transfer direction', `Issued ${formatDate(r.direction.issuedOn)}, lapses after ${formatDate(r.direction.expiresOn)}`]);
  if (r.breachReason) facts.push(['Reason for delay', `${BREACH_REASON_LABELS[r.breachReason]}${r.breachNote ? `: ${r.breachNote}` : ''}`]);
  return <FactList facts={facts} />;
}
