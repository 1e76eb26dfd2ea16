import { useState } from 'react';
import { fieldErrors } from '../../ui/field-errors';
import type { ReferralDetail } from '../referrals.api';
import { referralPath } from '../referrals.api';
import { useReferralAction, type ActionTarget } from '../use-referral-action';

/** What every step's form is given by the referral page. */
export interface StepProps {
  referral: ReferralDetail;
  /** Called after the server has recorded the step, with what to tell the user. */
  onDone(message: string): void;
  onCancel(): void;
}

/** [API field, is it given?, what to tell the user when not] */
export type Check = [field: string, ok: boolean, message: string];

/** The checks that failed, by field: shown beside the fields before the server is asked. */
export const gapsOf = (checks: Check[]): Record<string, string> => Object.fromEntries(checks.filter(([, ok]) => !ok).map(([field, , message]) => [field, message]));

/** A step on the referral (`/referrals/:id/<step>` unless another path is given), sent with the referral's version. */
export const referralStep = (referral: ReferralDetail, step: string, method: 'POST' | 'PUT' = 'POST'): ActionTarget => ({
  path: `${referralPath(referral.id)}/${step}`,
  method,
  version: referral.version,
});

/**
 * One step's form state shared by every step: client checks first, then the server; the server's
 * field problems and the missing details both land beside the fields they concern.
 */
export function useStep<Input>(referral: ReferralDetail, target: ActionTarget, labels: Record<string, string>, onDone: (message: string) => void) {
  const action = useReferralAction<Input>(referral.id, target);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const errors: Record<string, string> = { ...fieldErrors(action.error, labels), ...missing };

  const submit = (checks: Check[], input: () => Input, done: string) => {
    const gaps = gapsOf(checks);
    setMissing(gaps);
    action.reset();
    if (Object.keys(gaps).length === 0) action.mutate(input(), { onSuccess: () => onDone(done) });
  };

  const frame = { pending: action.isPending, error: action.error, labels, missing: Object.keys(missing).length };
  return { errors, submit, frame };
}
