import { useState } from 'react';
import { TextInput } from '@mantine/core';
import type { DirectionInput } from '../../../../src/referrals/referrals.schema.js';
import { formatDate } from '../../ui/format';
import { ActionFrame } from './ActionFrame';
import { referralStep, useStep, type Check, type StepProps } from './use-step';

const LABELS = { issuedOn: 'Date the direction was issued' };
const today = () => new Date().toLocaleDateString('en-CA');

/** The Ministry of Justice transfer direction: valid for 14 days including the day it is issued. */
export function DirectionForm({ referral, onDone, onCancel }: StepProps) {
  const [issuedOn, setIssuedOn] = useState(referral.direction?.issuedOn ?? '');
  const checks: Check[] = [['issuedOn', Boolean(issuedOn), 'Give the date of issue']];
  const { errors, submit, frame } = useStep<DirectionInput>(referral, referralStep(referral, 'direction', 'PUT'), LABELS, onDone, checks);
  const current = referral.direction;

  const onSubmit = () => submit(() => ({ issuedOn }), 'The transfer direction has been recorded.');

  return (
    <ActionFrame
      title="Ministry of Justice transfer direction"
      intro={
        current
          ? `The direction on record was issued on ${formatDate(current.issuedOn)} and lapses after ${formatDate(current.expiresOn)}. Record a new one if it was reissued.`
          : 'A transfer direction lapses at the end of 14 days beginning with the day it is issued. The referral warns before it does.'
      }
      submitLabel="Save the direction"
      onSubmit={onSubmit}
      onCancel={onCancel}
      {...frame}
    >
      <TextInput type="date" label={LABELS.issuedOn} value={issuedOn} max={today()} onChange={(e) => setIssuedOn(e.currentTarget.value)} error={errors.issuedOn} maw={260} />
    </ActionFrame>
  );
}
