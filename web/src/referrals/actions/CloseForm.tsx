import { useState } from 'react';
import { Radio, Stack, Textarea } from '@mantine/core';
import type { CloseInput } from '../../../../src/referrals/referrals.schema.js';
import { REFERRAL_STATE_LABELS } from '../../../../src/shared/referral-vocabulary.js';
import { useWhen, WhenInput } from '../../patients/WhenInput';
import { ActionFrame } from './ActionFrame';
import { referralStep, useStep, type Check, type StepProps } from './use-step';

const LABELS = { outcome: 'Outcome', note: 'Note', at: 'Date and time' };

/** Close the referral without admission: withdrawn, or the person no longer needs hospital. Stops the clock. */
export function CloseForm({ referral, onDone, onCancel }: StepProps) {
  const when = useWhen();
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  const checks: Check[] = [
    ['outcome', Boolean(outcome), 'Choose why the referral is closing'],
    ['note', note.trim().length >= 5, 'Say what happened (at least 5 characters)'],
  ];
  const { errors, submit, frame } = useStep<CloseInput>(referral, referralStep(referral, 'close'), LABELS, onDone, checks);

  const onSubmit = () =>
    submit(
      () => ({ outcome: outcome as CloseInput['outcome'], note: note.trim(), ...(when.iso ? { at: when.iso } : {}) }),
      'The referral has been closed and the clock stopped.',
    );

  return (
    <ActionFrame title="Withdraw or close the referral" intro="This stops the clock. Nothing more can be recorded on the referral afterwards." submitLabel="Close the referral" danger onSubmit={onSubmit} onCancel={onCancel} {...frame}>
      <Radio.Group label={LABELS.outcome} value={outcome} onChange={setOutcome} error={errors.outcome}>
        <Stack gap={6} mt={6}>
          <Radio value="withdrawn" label={REFERRAL_STATE_LABELS.withdrawn} />
          <Radio value="not_needed" label={REFERRAL_STATE_LABELS.not_needed} />
        </Stack>
      </Radio.Group>
      <Textarea label={LABELS.note} autosize minRows={2} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={errors.note} />
      <WhenInput label={LABELS.at} when={when} error={errors.at} />
    </ActionFrame>
  );
}
