import { Alert, Tooltip } from '@mantine/core';
import { formatNumber, formatPercent } from '../ui/format';

// Figures about people, as roles that see aggregates only get them (src/shared/disclosure.ts):
// rounded to the nearest 5, and withheld (null) where they describe 1–7 people or would let such a
// number be worked out from the others.

export const WITHHELD_NOTE = 'Fewer than 8 people — withheld to protect privacy; other figures rounded to 5.';

/** "Withheld" in place of a figure ("withheld" inside a sentence), with the reason on hover. */
export function Withheld({ inSentence = false }: { inSentence?: boolean }) {
  return (
    <Tooltip label={WITHHELD_NOTE} withArrow multiline w={260}>
      <span style={{ fontStyle: 'italic', textDecoration: 'underline dotted' }}>{inSentence ? 'withheld' : 'Withheld'}</span>
    </Tooltip>
  );
}

/** A count of people or beds, or "Withheld". */
export function Count({ value }: { value: number | null }) {
  return value === null ? <Withheld /> : <>{formatNumber(value)}</>;
}

/** A percentage, or "Withheld". */
export function Percent({ value }: { value: number | null }) {
  return value === null ? <Withheld /> : <>{formatPercent(value)}</>;
}

/** For sentences and labels: "12" or "withheld". */
export const countText = (value: number | null) => (value === null ? 'withheld' : formatNumber(value));

/** Said once on a page whose figures are disclosure-controlled. */
export function RoundingNote() {
  return (
    <Alert color="nhsBlue" title="Small numbers are withheld" mb="md">
      So that no person can be recognised, counts of people are rounded to the nearest 5, and a figure about fewer than 8 people (or one that would let
      such a number be worked out from the others) is shown as “Withheld”. Vacant beds and occupancy are worked out from the rounded counts;
      commissioned and closed beds are exact.
    </Alert>
  );
}
