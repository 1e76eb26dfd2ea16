import { formatPercent } from '../ui/format';
import classes from './occupancy.module.css';
import { Withheld } from './Withheld';

/** Occupancy as a bar (decoration) with the percentage written beside it (the information); "Withheld" when it is. */
export function OccupancyBar({ pct }: { pct: number | null }) {
  if (pct === null) return <Withheld />;
  const level = pct > 100 ? classes.over : pct >= 90 ? classes.high : classes.normal;
  return (
    <span className={classes.wrap}>
      <span className={classes.track} aria-hidden>
        <span className={`${classes.fill} ${level}`} style={{ width: `${Math.min(pct, 100)}%` }} />
      </span>
      <span className="numeric">{formatPercent(pct)}</span>
    </span>
  );
}
