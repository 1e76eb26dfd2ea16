import { Text } from '@mantine/core';
import { formatDateTime } from '../ui/format';
import type { ReferralDetail } from './referrals.api';
import classes from './timeline.module.css';

/** Every event on the referral, oldest first, as an ordered list. */
export function Timeline({ events }: { events: ReferralDetail['events'] }) {
  const ordered = [...events].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <ol className={classes.timeline} aria-label="Timeline of the referral">
      {ordered.map((e) => (
        <li key={e.id} className={classes.event} data-kind={e.kind}>
          <Text size="sm" c="dimmed" component="span" className={classes.when}>
            {formatDateTime(e.at)}
          </Text>
          <Text component="span" className={classes.summary}>
            {e.summary}
          </Text>
          {e.by && (
            <Text size="sm" c="dimmed" component="span" className={classes.by}>
              {e.by}
            </Text>
          )}
        </li>
      ))}
    </ol>
  );
}
