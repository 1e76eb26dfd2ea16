import type { CSSProperties } from 'react';
import { Link } from 'react-router';
import { Anchor, Text } from '@mantine/core';
import type { ScopeQuery, WardBeds } from '../../../src/beds/beds.schema.js';
import { SPECIALISM_LABELS, TIER_LABELS } from '../../../src/shared/vocabulary.js';
import { BED_COLOURS } from '../ui/colours';
import { formatNumber } from '../ui/format';
import { codeLabel } from '../ui/options';
import { scopeHref } from './bed-scope';
import classes from './bed-map.module.css';
import { Withheld } from './Withheld';

type BedKind = keyof typeof BED_COLOURS | 'withheld';

const KEY: [BedKind, string][] = [
  ['occupied', 'Occupied'],
  ['vacant', 'Vacant'],
  ['closed', 'Closed'],
  ['over', 'Over capacity (more people than available beds)'],
];
const WITHHELD_KEY: [BedKind, string] = ['withheld', 'Available, occupancy withheld'];

const colourVariables = {
  '--bed-occupied': BED_COLOURS.occupied,
  '--bed-vacant': BED_COLOURS.vacant,
  '--bed-closed': BED_COLOURS.closed,
  '--bed-over': BED_COLOURS.over,
} as CSSProperties;

function bedsOf(ward: WardBeds): Record<BedKind, number> {
  // Occupancy withheld: the available beds are drawn without saying which are taken.
  if (ward.occupied === null) return { occupied: 0, over: 0, vacant: 0, closed: ward.closed, withheld: ward.available };
  // A rounded count above the beds available does not say the ward is over capacity.
  if (ward.disclosureControlled) return { occupied: Math.min(ward.occupied, ward.available), over: 0, vacant: ward.vacant ?? 0, closed: ward.closed, withheld: 0 };
  const over = Math.max(0, ward.occupied - ward.available);
  return { occupied: ward.occupied - over, over, vacant: ward.vacant ?? 0, closed: ward.closed, withheld: 0 };
}

/** "Ash Ward: 14 of 15 beds occupied, 1 vacant, 0 closed" (+ ", 2 over capacity" when there are). */
export function wardSummary(ward: WardBeds): string {
  const n = formatNumber;
  if (ward.occupied === null) return `${ward.wardName}: ${n(ward.available)} beds available, occupancy withheld, ${n(ward.closed)} closed`;
  const { over } = bedsOf(ward);
  return (
    `${ward.wardName}: ${n(ward.occupied)} of ${n(ward.available)} beds occupied, ${n(ward.vacant ?? 0)} vacant, ${n(ward.closed)} closed` +
    (over > 0 ? `, ${n(over)} over capacity` : '')
  );
}

function Squares({ ward }: { ward: WardBeds }) {
  const beds = bedsOf(ward);
  const order: BedKind[] = ['occupied', 'over', 'withheld', 'vacant', 'closed'];
  return (
    <span className={classes.beds} aria-hidden>
      {order.flatMap((kind) => Array.from({ length: beds[kind] }, (_, i) => <span key={`${kind}${i}`} className={`${classes.bed} ${classes[kind]}`} />))}
    </span>
  );
}

/** The key; under disclosure control without "over capacity" (not shown from rounded counts) and with "withheld" when there is one. */
export function BedMapKey({ withheld = false, controlled = false }: { withheld?: boolean; controlled?: boolean }) {
  const key = KEY.filter(([kind]) => !(controlled && kind === 'over'));
  return (
    <ul aria-label="Key" className={classes.key} style={colourVariables}>
      {(withheld ? [...key, WITHHELD_KEY] : key).map(([kind, label]) => (
        <li key={kind}>
          <span className={`${classes.bed} ${classes[kind]}`} aria-hidden /> {label}
        </li>
      ))}
    </ul>
  );
}

/** Ward by ward, one square per bed: read at a glance which wards have room. */
export function BedMap({ wards, scope }: { wards: WardBeds[]; scope: ScopeQuery }) {
  const withheld = wards.filter((w) => w.withheld).length;
  const full = wards.filter((w) => w.vacant === 0).length;
  const over = wards.filter((w) => bedsOf(w).over > 0).length;
  return (
    <>
      <Text mb="xs">
        {formatNumber(wards.length)} {wards.length === 1 ? 'ward' : 'wards'}: {formatNumber(wards.length - full - withheld)} with a vacant bed, {formatNumber(full)} full
        {over > 0 && `, ${formatNumber(over)} over capacity`}
        {withheld > 0 && `, ${formatNumber(withheld)} with occupancy withheld`}.
      </Text>
      <BedMapKey withheld={withheld > 0} controlled={wards.some((w) => w.disclosureControlled)} />
      <ul aria-label="Bed map" className={classes.map} style={colourVariables}>
        {wards.map((ward) => (
          <li key={ward.wardId} aria-label={wardSummary(ward)} className={classes.ward}>
            <div className={classes.info}>
              <Anchor component={Link} to={scopeHref({ ...scope, unitId: ward.unitId, wardId: ward.wardId })} fw={700}>
                {ward.wardName}
              </Anchor>
              <Text size="sm">
                {ward.unitName}, {ward.organisationName}
              </Text>
              <Text size="sm" c="dimmed">
                {TIER_LABELS[ward.tier]} (security level {ward.securityLevel}) · {codeLabel(ward.sex)} · {SPECIALISM_LABELS[ward.specialism]}
              </Text>
            </div>
            <Squares ward={ward} />
            <Text size="sm" className={classes.counts}>
              {ward.occupied === null ? (
                <>
                  Occupancy <Withheld inSentence /> · {formatNumber(ward.available)} available · {formatNumber(ward.closed)} closed
                </>
              ) : (
                <>
                  {formatNumber(ward.occupied)} of {formatNumber(ward.available)} occupied · {formatNumber(ward.vacant ?? 0)} vacant · {formatNumber(ward.closed)} closed
                </>
              )}
            </Text>
          </li>
        ))}
      </ul>
    </>
  );
}
