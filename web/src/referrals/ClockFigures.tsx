import type { CSSProperties } from 'react';
import { SimpleGrid } from '@mantine/core';
import { formatNumber } from '../ui/format';
import type { ClockFilter } from './board-query';
import type { Board } from './referrals.api';
import classes from './board.module.css';

const FIGURES: { clock: ClockFilter; label: string; hint: string; colour: string }[] = [
  { clock: 'on_track', label: 'On track', hint: 'More time left than the amber threshold', colour: '#007f3b' },
  { clock: 'amber', label: 'At risk (amber)', hint: 'Close to the 14-day limit', colour: '#ffb81c' },
  { clock: 'breached', label: 'Breached', hint: 'Past the 14-day limit', colour: '#d5281b' },
];

interface Props {
  byClock: Board['byClock'];
  selected: string;
  /** Show only that clock, or everything again when it was already selected. */
  onSelect(clock: ClockFilter | ''): void;
}

/** Open referrals by clock as three big figures; each filters the board to its referrals. */
export function ClockFigures({ byClock, selected, onSelect }: Props) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} className={classes.figures} role="group" aria-label="Open referrals by transfer clock">
      {FIGURES.map((f) => (
        <button
          key={f.clock}
          type="button"
          className={classes.figure}
          style={{ '--figure-colour': f.colour } as CSSProperties}
          aria-pressed={selected === f.clock}
          onClick={() => onSelect(selected === f.clock ? '' : f.clock)}
        >
          <span className={classes.figureLabel}>{f.label}</span>
          <span className={classes.figureValue} data-figure={f.clock}>
            {formatNumber(byClock[f.clock])}
          </span>
          <span className={classes.figureHint}>{selected === f.clock ? 'Showing only these. Select again to show all.' : f.hint}</span>
        </button>
      ))}
    </SimpleGrid>
  );
}
