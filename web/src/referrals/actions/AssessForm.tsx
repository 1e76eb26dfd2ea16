import { useState } from 'react';
import { Checkbox, NativeSelect, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import type { AssessmentInput } from '../../../../src/referrals/referrals.schema.js';
import { DISCIPLINE_LABELS } from '../../../../src/shared/referral-vocabulary.js';
import { SPECIALISM_LABELS } from '../../../../src/shared/vocabulary.js';
import { useWhen, WhenInput } from '../../patients/WhenInput';
import { formatDate } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { optionsOf, withPrompt } from '../../ui/options';
import { RECOMMENDED_TIER_OPTIONS } from '../referral-text';
import { useReferralSettings } from '../referrals.api';
import { ActionFrame } from './ActionFrame';
import { completeRatings, RatingGrid, type RatingsForm } from './RatingGrid';
import { SupervisionCriteria } from './SupervisionCriteria';
import { referralStep, useStep, type Check, type StepProps } from './use-step';

const LABELS = {
  assessedAt: 'Date and time of the assessment',
  assessorName: 'Lead assessor',
  disciplines: 'Disciplines present',
  recommendedTier: 'Recommended tier',
  recommendedSpecialism: 'Recommended specialism',
  rationale: 'Rationale',
  securityRatings: 'Security need ratings',
  urgencyRatings: 'Urgency ratings',
  supervisionItems: 'Prison supervision criteria',
};

/** The single pre-admission multidisciplinary assessment that every panel the referral reaches can use. */
export function AssessForm({ referral, onDone, onCancel }: StepProps) {
  const settings = useReferralSettings();
  const security = settings.data?.instruments.find((i) => i.purpose === 'security_need');
  const urgency = settings.data?.instruments.find((i) => i.purpose === 'urgency');
  const when = useWhen();
  const [assessorName, setAssessorName] = useState('');
  const [disciplines, setDisciplines] = useState<string[]>([]);
  const [tier, setTier] = useState('');
  const [specialism, setSpecialism] = useState<string>(referral.requestedSpecialism);
  const [rationale, setRationale] = useState('');
  const [securityRatings, setSecurityRatings] = useState<RatingsForm>({});
  const [urgencyRatings, setUrgencyRatings] = useState<RatingsForm>({});
  const [supervision, setSupervision] = useState<number[]>([]);
  const sec = completeRatings(security, securityRatings);
  const urg = completeRatings(urgency, urgencyRatings);
  const checks: Check[] = [
    ['assessorName', assessorName.trim().length >= 2, 'Give the name of the lead assessor'],
    ['disciplines', disciplines.length > 0, 'Tick at least one discipline present'],
    ['recommendedTier', Boolean(tier), 'Choose the tier the team recommends'],
    ['rationale', rationale.trim().length >= 10, 'Give the rationale (at least 10 characters)'],
    ['securityRatings', sec !== null, 'Rate every item'],
    ['urgencyRatings', urg !== null, 'Rate every item'],
  ];
  const { errors, submit, frame } = useStep<AssessmentInput>(referral, referralStep(referral, 'assessments'), LABELS, onDone, checks);

  // A valid assessment already travels with this referral: a second one is allowed but flagged.
  const valid = referral.assessments.find((a) => a.valid);
  const onSubmit = () =>
    submit(
      () => ({
        ...(when.iso ? { assessedAt: when.iso } : {}),
        assessorName: assessorName.trim(),
        disciplines: disciplines as AssessmentInput['disciplines'],
        recommendedTier: tier as AssessmentInput['recommendedTier'],
        recommendedSpecialism: specialism as AssessmentInput['recommendedSpecialism'],
        rationale: rationale.trim(),
        securityRatings: sec ?? {},
        urgencyRatings: urg ?? {},
        supervisionItems: supervision,
      }),
      'The assessment has been recorded.',
    );

  return (
    <ActionFrame title="Record the pre-admission assessment" submitLabel="Record the assessment" onSubmit={onSubmit} onCancel={onCancel} {...frame}>
      {valid && (
        <Notice tone="orange" title="A valid assessment already exists">
          {valid.assessorName} assessed on {formatDate(valid.assessedAt)}, valid until {formatDate(valid.validUntil)}. Every panel can use it. Record another only if the
          person’s needs have changed: it will be flagged as a repeat assessment, with your name.
        </Notice>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={LABELS.assessorName} value={assessorName} onChange={(e) => setAssessorName(e.currentTarget.value)} error={errors.assessorName} autoComplete="off" />
        <WhenInput label={LABELS.assessedAt} when={when} error={errors.assessedAt} />
      </SimpleGrid>
      <Checkbox.Group label={LABELS.disciplines} value={disciplines} onChange={setDisciplines} error={errors.disciplines}>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" mt={6}>
          {Object.entries(DISCIPLINE_LABELS).map(([value, label]) => (
            <Checkbox key={value} value={value} label={label} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
      {security && <RatingGrid instrument={security} ratings={securityRatings} onChange={setSecurityRatings} error={errors.securityRatings} />}
      {urgency && <RatingGrid instrument={urgency} ratings={urgencyRatings} onChange={setUrgencyRatings} error={errors.urgencyRatings} />}
      <SupervisionCriteria items={supervision} onChange={setSupervision} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect label={LABELS.recommendedTier} data={withPrompt('Choose', RECOMMENDED_TIER_OPTIONS)} value={tier} onChange={(e) => setTier(e.currentTarget.value)} error={errors.recommendedTier} />
        <NativeSelect
          label={LABELS.recommendedSpecialism}
          data={optionsOf(SPECIALISM_LABELS)}
          value={specialism}
          onChange={(e) => setSpecialism(e.currentTarget.value)}
          error={errors.recommendedSpecialism}
        />
      </SimpleGrid>
      <Textarea label={LABELS.rationale} autosize minRows={3} value={rationale} onChange={(e) => setRationale(e.currentTarget.value)} error={errors.rationale} />
    </ActionFrame>
  );
}
