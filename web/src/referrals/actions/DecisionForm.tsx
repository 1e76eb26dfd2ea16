import { useState } from 'react';
import { NativeSelect, Radio, Stack, Textarea } from '@mantine/core';
import type { DecisionInput } from '../../../../src/referrals/referrals.schema.js';
import { useWhen, WhenInput } from '../../patients/WhenInput';
import { withPrompt } from '../../ui/options';
import { panelName, RECOMMENDED_TIER_OPTIONS } from '../referral-text';
import { ActionFrame } from './ActionFrame';
import { EMPTY_MEMBER, memberChecks, PanelMembers, type Member } from './PanelMembers';
import { referralStep, useStep, type Check, type StepProps } from './use-step';

const LABELS = {
  decision: 'Decision',
  reason: 'Reason',
  recommendedTier: 'Tier recommended instead',
  decidedAt: 'Date and time of the decision',
  members: 'Panel members',
};

/** The admission panel's decision on the current assessment: accept, or decline naming the tier recommended instead. */
export function DecisionForm({ referral, onDone, onCancel }: StepProps) {
  const when = useWhen();
  const [decision, setDecision] = useState('');
  const [reason, setReason] = useState('');
  const [tier, setTier] = useState('');
  const [members, setMembers] = useState<Member[]>([EMPTY_MEMBER]);
  const declining = decision === 'decline';
  const checks: Check[] = [
    ['decision', Boolean(decision), 'Choose accept or decline'],
    ['reason', reason.trim().length >= 5, 'Give the reason (at least 5 characters)'],
    ['recommendedTier', !declining || Boolean(tier), 'A decline must name the tier recommended instead'],
    ...memberChecks(members),
  ];
  const { errors, submit, frame } = useStep<DecisionInput>(referral, referralStep(referral, 'decisions'), LABELS, onDone, checks);

  const onSubmit = () =>
    submit(
      () => ({
        ...(when.iso ? { decidedAt: when.iso } : {}),
        decision: decision as DecisionInput['decision'],
        reason: reason.trim(),
        ...(declining ? { recommendedTier: tier as DecisionInput['recommendedTier'] } : {}),
        members: members.map((m) => ({ name: m.name.trim(), discipline: m.discipline, tier: m.tier }) as DecisionInput['members'][number]),
      }),
      decision === 'accept' ? 'The panel’s acceptance has been recorded.' : 'The panel’s decline has been recorded. Forward the referral to the panel recommended.',
    );

  return (
    <ActionFrame title={`Decision of the ${panelName(referral)} panel`} intro="The panel decides on the current assessment; it is recorded with the decision." submitLabel="Record the decision" onSubmit={onSubmit} onCancel={onCancel} {...frame}>
      <Radio.Group label={LABELS.decision} value={decision} onChange={setDecision} error={errors.decision}>
        <Stack gap={6} mt={6}>
          <Radio value="accept" label="Accept: the unit will offer a bed" />
          <Radio value="decline" label="Decline, recommending another tier or no secure care" />
        </Stack>
      </Radio.Group>
      {declining && (
        <NativeSelect
          label={LABELS.recommendedTier}
          description="Required when declining"
          data={withPrompt('Choose', RECOMMENDED_TIER_OPTIONS)}
          value={tier}
          onChange={(e) => setTier(e.currentTarget.value)}
          error={errors.recommendedTier}
          maw={420}
        />
      )}
      <Textarea label={LABELS.reason} autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
      <PanelMembers members={members} onChange={setMembers} errors={errors} />
      <WhenInput label={LABELS.decidedAt} when={when} error={errors.decidedAt} />
    </ActionFrame>
  );
}
