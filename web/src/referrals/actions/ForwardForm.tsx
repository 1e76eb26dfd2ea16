import { useState } from 'react';
import { Alert, Textarea } from '@mantine/core';
import type { ForwardInput } from '../../../../src/referrals/referrals.schema.js';
import { useWhen, WhenInput } from '../../patients/WhenInput';
import { formatDate } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import { PanelPicker, panelTarget, type PanelChoice } from '../PanelPicker';
import { tierLabel } from '../referral-text';
import { ActionFrame } from './ActionFrame';
import { referralStep, useStep, type Check, type StepProps } from './use-step';

const LABELS = { targetUnitId: 'Unit', targetRegionId: 'Region of the panel', reason: 'Reason for forwarding', at: 'Date and time forwarded' };

/** Send the referral to another unit's or region's panel; a valid assessment goes with it, so nobody assesses again. */
export function ForwardForm({ referral, onDone, onCancel }: StepProps) {
  const when = useWhen();
  const [panel, setPanel] = useState<PanelChoice>({ kind: 'unit', regionId: String(referral.targetRegion.id), unitId: '' });
  const [reason, setReason] = useState('');
  const checks: Check[] = [
    panel.kind === 'unit' ? ['targetUnitId', Boolean(panel.unitId), 'Choose the unit to forward to'] : ['targetRegionId', Boolean(panel.regionId), 'Choose the region'],
    ['reason', reason.trim().length >= 5, 'Give the reason (at least 5 characters)'],
  ];
  const { errors, submit, frame } = useStep<ForwardInput>(referral, referralStep(referral, 'forward'), LABELS, onDone, checks);
  const declined = [...referral.decisions].reverse().find((d) => d.decision === 'decline');
  const valid = referral.assessments.find((a) => a.valid);

  const onSubmit = () =>
    submit(
      () => ({ ...panelTarget(panel), reason: reason.trim(), ...(when.iso ? { at: when.iso } : {}) }),
      'The referral has been forwarded.',
    );

  return (
    <ActionFrame title="Forward to another panel" submitLabel="Forward the referral" onSubmit={onSubmit} onCancel={onCancel} {...frame}>
      {valid ? (
        <Alert color="nhsBlue" title="The assessment goes with it">
          {valid.assessorName}’s assessment of {formatDate(valid.assessedAt)} (valid until {formatDate(valid.validUntil)}) travels with the referral: the next panel decides on it without assessing
          again.
        </Alert>
      ) : (
        <Notice tone="orange" title="No valid assessment">
          There is no valid assessment to send with the referral: the next panel will need one.
        </Notice>
      )}
      {declined?.recommendedTier && (
        <Notice tone="gray" title="What the last panel recommended">
          {declined.panel} declined on {formatDate(declined.decidedAt)} and recommended {tierLabel(declined.recommendedTier)}.
        </Notice>
      )}
      <PanelPicker
        legend="Forward to"
        value={panel}
        onChange={setPanel}
        errors={{ regionId: errors.targetRegionId, unitId: errors.targetUnitId }}
        excludeUnitId={referral.targetUnit?.id}
      />
      <Textarea label={LABELS.reason} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
      <WhenInput label={LABELS.at} when={when} error={errors.at} />
    </ActionFrame>
  );
}
