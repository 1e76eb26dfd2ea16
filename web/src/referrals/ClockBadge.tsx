import { clockSummary, CLOCK_TONE, countdown, isUrgentClock } from './clock-text';
import type { Clock } from './referrals.api';
import classes from './clock.module.css';
import { useNow } from './use-now';

/** A live "time left" under a badge; its own component so only it re-renders every second. */
export function Countdown({ dueAt }: { dueAt: string }) {
  const now = useNow();
  // Announced once by the badge; a screen reader reading every second would be unbearable.
  return (
    <span className={classes.countdown} aria-hidden>
      {countdown(dueAt, now)}
    </span>
  );
}

/** The clock as a coloured badge ("3 days over"), with a live countdown when it is amber or red. */
export function ClockBadge({ clock, live = true }: { clock: Clock; live?: boolean }) {
  return (
    <span>
      <span className={`${classes.badge} ${classes[CLOCK_TONE[clock.status]]}`} data-clock={clock.status}>
        {clockSummary(clock)}
      </span>
      {live && isUrgentClock(clock) && <Countdown dueAt={clock.dueAt} />}
    </span>
  );
}
