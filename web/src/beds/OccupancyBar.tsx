import { formatPercent } from '../ui/format';
import classes from './occupancy.module.css';

/** Occupancy as a bar (decoration) with the percentage written beside it (the information). */
export function OccupancyBar({ pct }: { pct: number }) {
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
