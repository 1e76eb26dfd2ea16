import { useState } from 'react';
import { NativeSelect, Textarea } from '@mantine/core';
import type { BreachReasonInput } from '../../../../src/referrals/referrals.schema.js';
import { BREACH_REASON_LABELS } from '../../../../src/shared/referral-vocabulary.js';
import { optionsOf, withPrompt } from '../../ui/options';
import { ActionFrame } from './ActionFrame';
import { referralStep, useStep, type Check, type StepProps } from './use-step';

const LABELS = { reason: 'Reason for the delay', note: 'Details' };

/** Why the clock is (or is about to be) breached, from the taxonomy the measures count. */
export function BreachReasonForm({ referral, onDone, onCancel }: StepProps) {
  const [reason, setReason] = useState<string>(referral.breachReason ?? '');
  const [note, setNote] = useState(referral.breachNote ?? '');
  const other = reason === 'other';
  const checks: Check[] = [
    ['reason', Boolean(reason), 'Choose the main reason for the delay'],
    ['note', !other || note.trim().length >= 3, 'Describe the reason when choosing Other'],
  ];
  const { errors, submit, frame } = useStep<BreachReasonInput>(referral, referralStep(referral, 'breach-reason', 'PUT'), LABELS, onDone, checks);

  const onSubmit = () =>
    submit(
      () => ({ reason: reason as BreachReasonInput['reason'], ...(note.trim() ? { note: note.trim() } : {}) }),
      'The reason for the delay has been recorded.',
    );

  return (
    <ActionFrame title="Reason for the delay" intro="Every breach of the 14-day clock needs a reason: the transfer measures count them." submitLabel="Save the reason" onSubmit={onSubmit} onCancel={onCancel} {...frame}>
      <NativeSelect label={LABELS.reason} data={withPrompt('Choose', optionsOf(BREACH_REASON_LABELS))} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} maw={420} />
      <Textarea label={LABELS.note} description={other ? 'Required for Other' : 'Optional'} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
    </ActionFrame>
  );
}
