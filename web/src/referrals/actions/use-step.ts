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
 * One step's form state shared by every step: its own checks first (worked out on every render, so a
 * problem disappears as soon as it is put right), then the server's; both land beside their fields.
 */
export function useStep<Input>(referral: ReferralDetail, target: ActionTarget, labels: Record<string, string>, onDone: (message: string) => void, checks: Check[]) {
  const action = useReferralAction<Input>(referral.id, target);
  // The checks are shown once the user has tried to save, not while they are still filling in.
  const [tried, setTried] = useState(false);
  const gaps = tried ? gapsOf(checks) : {};
  const errors: Record<string, string> = { ...fieldErrors(action.error, labels), ...gaps };

  const submit = (input: () => Input, done: string) => {
    setTried(true);
    action.reset();
    if (Object.keys(gapsOf(checks)).length === 0) action.mutate(input(), { onSuccess: () => onDone(done) });
  };

  const frame = { pending: action.isPending, error: action.error, labels, missing: Object.keys(gaps).length };
  return { errors, submit, frame };
}
