import { formatDate } from '../ui/format';
import type { ReferralSummary } from './referrals.api';
import classes from './board.module.css';

/** The server's flags on a referral: things someone has to act on. */
const FLAG_LABELS: Record<string, (r: ReferralSummary) => string> = {
  breach_reason_needed: () => 'Breach reason needed',
  duplicate_assessment: () => 'Repeat assessment',
  direction_expiring: (r) => (r.direction ? `Direction lapses ${formatDate(r.direction.expiresOn)}` : 'Direction expiring'),
  direction_lapsed: () => 'Direction lapsed',
};

export const flagLabel = (flag: string, referral: ReferralSummary) => FLAG_LABELS[flag]?.(referral) ?? flag.replace(/_/g, ' ');

export function Flags({ referral }: { referral: ReferralSummary }) {
  if (referral.flags.length === 0) return null;
  return (
    <span>
      {referral.flags.map((flag) => (
        <span key={flag} className={classes.flag}>
          {flagLabel(flag, referral)}
        </span>
      ))}
    </span>
  );
}
