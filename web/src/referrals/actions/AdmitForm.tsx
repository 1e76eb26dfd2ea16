import { useState } from 'react';
import { Textarea } from '@mantine/core';
import type { ReferralAdmitInput } from '../../../../src/referrals/referrals.schema.js';
import { ApiError } from '../../api/client';
import { useWhen, WhenInput } from '../../patients/WhenInput';
import { Notice } from '../../ui/Notice';
import { ActionFrame } from './ActionFrame';
import { referralStep, useStep, type Check, type StepProps } from './use-step';

const LABELS = { admittedAt: 'Date and time of arrival on the ward', overCapacityReason: 'Reason for admitting to this ward' };
/** The server's answers when the offered ward is full or does not fit: a recorded reason lets it go ahead. */
const NEEDS_REASON = new Set(['ward_full', 'ward_mismatch']);

/** Admit the person to the ward offered: this creates their placement and stops the transfer clock. */
export function AdmitForm({ referral, onDone, onCancel }: StepProps) {
  const when = useWhen();
  const [reason, setReason] = useState('');
  // A reason is only asked for once the server says the ward is full or does not fit; once given, it must be a real one.
  const checks: Check[] = [['overCapacityReason', reason === '' || reason.trim().length >= 10, 'Give the reason (at least 10 characters)']];
  const { errors, submit, frame } = useStep<ReferralAdmitInput>(referral, referralStep(referral, 'admit'), LABELS, onDone, checks);
  const askReason = (frame.error instanceof ApiError && NEEDS_REASON.has(frame.error.code)) || reason !== '';
  const ward = referral.offeredWard;

  const onSubmit = () =>
    submit(
      () => ({ ...(when.iso ? { admittedAt: when.iso } : {}), ...(reason.trim() ? { overCapacityReason: reason.trim() } : {}) }),
      'The person has been admitted and the clock stopped.',
    );

  return (
    <ActionFrame
      title="Admit"
      intro={ward ? `Admits the person to ${ward.name}, ${ward.unitName}. This records the placement and stops the transfer clock.` : 'Admits the person to the bed offered and stops the transfer clock.'}
      submitLabel="Admit and stop the clock"
      onSubmit={onSubmit}
      onCancel={onCancel}
      {...frame}
    >
      {referral.flags.includes('breach_reason_needed') && (
        <Notice tone="red" title="Give the reason for the delay first">
          The clock was breached: record the breach reason before admitting.
        </Notice>
      )}
      <WhenInput label={LABELS.admittedAt} when={when} error={errors.admittedAt} />
      {askReason && (
        <Textarea
          label={LABELS.overCapacityReason}
          description="Needed because the ward is full or does not fit the person. At least 10 characters; it is recorded on the placement."
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.overCapacityReason}
        />
      )}
    </ActionFrame>
  );
}
