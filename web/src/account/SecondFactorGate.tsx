import { SECOND_FACTOR_PERMISSIONS } from '../../../src/http/policy.js';
import { useAuth } from '../app/auth';
import { Notice } from '../ui/Notice';
import { SecondFactor } from './SecondFactor';

/**
 * Above every page for a role that changes who can see what (administrators): until this session
 * has proved a second factor, a prompt for it. Reading works meanwhile; changes are refused.
 */
export function SecondFactorGate() {
  const { me, can } = useAuth();
  if (!me || me.secondFactorVerified || !SECOND_FACTOR_PERMISSIONS.some((p) => can(p))) return null;
  return (
    <Notice tone="orange" title={me.totpEnrolled ? 'Confirm it is you to make changes' : 'Set up two-step sign-in to make changes'} mb="lg">
      <SecondFactor purpose="Changes to the directory and to user accounts affect who can see patient records." />
    </Notice>
  );
}
