import type { ComponentType } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Group, Text, Title } from '@mantine/core';
import type { ReferralAction, ReferralDetail } from '../referrals.api';
import { AdmitForm } from './AdmitForm';
import { AssessForm } from './AssessForm';
import { BreachReasonForm } from './BreachReasonForm';
import { CloseForm } from './CloseForm';
import { ConferenceForm } from './ConferenceForm';
import { DecisionForm } from './DecisionForm';
import { DirectionForm } from './DirectionForm';
import { ForwardForm } from './ForwardForm';
import { OfferBedForm } from './OfferBedForm';
import type { StepProps } from './use-step';

const STEPS: Record<ReferralAction, { label: string; form: ComponentType<StepProps> }> = {
  breach_reason: { label: 'Give the reason for delay', form: BreachReasonForm },
  assess: { label: 'Record an assessment', form: AssessForm },
  decide: { label: 'Record the panel decision', form: DecisionForm },
  forward: { label: 'Forward to another panel', form: ForwardForm },
  offer: { label: 'Offer a bed', form: OfferBedForm },
  admit: { label: 'Admit', form: AdmitForm },
  direction: { label: 'Transfer direction', form: DirectionForm },
  conference: { label: 'Arrange a case conference', form: ConferenceForm },
  close: { label: 'Withdraw or close', form: CloseForm },
};

/** The step a referral most likely needs next, shown as the main button. */
function nextStep(referral: ReferralDetail, actions: ReferralAction[]): ReferralAction | undefined {
  if (referral.flags.includes('breach_reason_needed') && actions.includes('breach_reason')) return 'breach_reason';
  const order: ReferralAction[] = referral.state === 'declined' ? ['forward'] : ['admit', 'offer', 'decide', 'assess'];
  return order.find((a) => actions.includes(a));
}

/** A reason for delay is taken once the clock is amber or breached (the server refuses it earlier). */
const applies = (action: ReferralAction, referral: ReferralDetail) => action !== 'breach_reason' || referral.clock.status === 'amber' || referral.clock.status === 'breached';

interface Props {
  referral: ReferralDetail;
  onDone(message: string): void;
  /** A step is opened or closed: the message about the last one no longer applies. */
  onOpen(): void;
}

/**
 * Only the steps the server says this user may take now, as buttons; the chosen one opens its form
 * below (kept in the URL as ?step=…, so Back closes it).
 */
export function ActionPanel({ referral, onDone, onOpen }: Props) {
  const [params, setParams] = useSearchParams();
  const actions = (Object.keys(STEPS) as ReferralAction[]).filter((a) => referral.actions.includes(a) && applies(a, referral));
  const open = actions.find((a) => a === params.get('step'));
  const next = nextStep(referral, actions);
  if (actions.length === 0) return null;

  const show = (step: ReferralAction | null) => {
    onOpen();
    setParams(step ? { step } : {}, { replace: step === null });
  };
  const Form = open ? STEPS[open].form : null;
  return (
    <section aria-labelledby="steps-heading">
      <Title order={2} id="steps-heading" mb="xs">
        What next
      </Title>
      {next && !open && (
        <Text mb="xs" size="sm">
          Next step: {STEPS[next].label.toLowerCase()}.
        </Text>
      )}
      <Group gap="sm">
        {actions.map((a) => (
          <Button key={a} variant={a === open ? 'filled' : a === next && !open ? 'filled' : 'outline'} color={a === 'close' ? 'red.9' : undefined} aria-pressed={a === open} onClick={() => show(a === open ? null : a)}>
            {STEPS[a].label}
          </Button>
        ))}
      </Group>
      {Form && (
        <Form
          key={open}
          referral={referral}
          onCancel={() => show(null)}
          onDone={(message) => {
            show(null);
            onDone(message);
          }}
        />
      )}
    </section>
  );
}
