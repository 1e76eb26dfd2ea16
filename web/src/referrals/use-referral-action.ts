import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api/client';
import { useIdempotencyKeys } from '../api/idempotency';
import { referralPath, type ReferralDetail } from './referrals.api';

export interface ActionTarget {
  /** API path of the change, e.g. `/referrals/12/assessments` or `/conferences/3/record`. */
  path: string;
  method?: 'POST' | 'PUT';
  /** The version of the record on screen (the referral's; the conference's for its record), sent as If-Match. */
  version: number;
}

/** The message shown when someone else changed the referral first: the page now shows their change. */
export const CONFLICT_MESSAGE = 'Someone else changed this referral while you were working on it. It has been reloaded below: check what changed, then try again.';

export const isConflict = (error: unknown) => error instanceof ApiError && (error.status === 412 || error.code === 'version_conflict');

const isReferral = (answer: unknown): answer is ReferralDetail => typeof answer === 'object' && answer !== null && 'events' in answer && 'actions' in answer;

/**
 * Record one step on a referral. Every step answers with the whole updated referral, which replaces the
 * one on screen; lists that count it (board, measures, prison returns, beds) are refreshed. A stale
 * version (412) reloads the referral so the user sees what changed before trying again.
 */
export function useReferralAction<Input>(referralId: number, target: ActionTarget) {
  const queryClient = useQueryClient();
  const keyFor = useIdempotencyKeys();
  const key = [referralPath(referralId), {}];
  return useMutation({
    mutationFn: (input: Input) =>
      api<unknown>(target.path, {
        method: target.method ?? 'POST',
        json: input,
        ifMatch: target.version,
        // Creating clinical events twice must not happen: a retried POST carries the same key.
        ...(target.method === 'PUT' ? {} : { idempotencyKey: keyFor(input) }),
      }),
    onSuccess: (answer) => {
      // Most steps answer with the referral; a conference record answers with the conference, so reload.
      if (isReferral(answer)) queryClient.setQueryData(key, answer);
      void queryClient.invalidateQueries({ predicate: (q) => (q.queryKey[0] !== key[0] || !isReferral(answer)) && q.queryKey[0] !== '/auth/me' && q.queryKey[0] !== '/referrals/settings' });
    },
    onError: (error) => {
      if (isConflict(error)) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
