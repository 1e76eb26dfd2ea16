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

type BedKind = keyof typeof BED_COLOURS;

const KEY: [BedKind, string][] = [
  ['occupied', 'Occupied'],
  ['vacant', 'Vacant'],
  ['closed', 'Closed'],
  ['over', 'Over capacity (more people than available beds)'],
];

const colourVariables = {
  '--bed-occupied': BED_COLOURS.occupied,
  '--bed-vacant': BED_COLOURS.vacant,
  '--bed-closed': BED_COLOURS.closed,
  '--bed-over': BED_COLOURS.over,
} as CSSProperties;

function bedsOf(ward: WardBeds): Record<BedKind, number> {
  const over = Math.max(0, ward.occupied - ward.available);
  return { occupied: ward.occupied - over, over, vacant: ward.vacant, closed: ward.closed };
}

/** "Ash Ward: 14 of 15 beds occupied, 1 vacant, 0 closed" (+ ", 2 over capacity" when there are). */
export function wardSummary(ward: WardBeds): string {
  const { over } = bedsOf(ward);
  const n = formatNumber;
  return (
    `${ward.wardName}: ${n(ward.occupied)} of ${n(ward.available)} beds occupied, ${n(ward.vacant)} vacant, ${n(ward.closed)} closed` +
    (over > 0 ? `, ${n(over)} over capacity` : '')
  );
}

function Squares({ ward }: { ward: WardBeds }) {
  const beds = bedsOf(ward);
  const order: BedKind[] = ['occupied', 'over', 'vacant', 'closed'];
  return (
    <span className={classes.beds} aria-hidden>
      {order.flatMap((kind) => Array.from({ length: beds[kind] }, (_, i) => <span key={`${kind}${i}`} className={`${classes.bed} ${classes[kind]}`} />))}
    </span>
  );
}

export function BedMapKey() {
  return (
    <ul aria-label="Key" className={classes.key} style={colourVariables}>
      {KEY.map(([kind, label]) => (
        <li key={kind}>
          <span className={`${classes.bed} ${classes[kind]}`} aria-hidden /> {label}
        </li>
      ))}
    </ul>
  );
}

/** Ward by ward, one square per bed: read at a glance which wards have room. */
export function BedMap({ wards, scope }: { wards: WardBeds[]; scope: ScopeQuery }) {
  const full = wards.filter((w) => w.vacant === 0).length;
  const over = wards.filter((w) => w.occupied > w.available).length;
  return (
    <>
      <Text mb="xs">
        {formatNumber(wards.length)} {wards.length === 1 ? 'ward' : 'wards'}: {formatNumber(wards.length - full)} with a vacant bed, {formatNumber(full)} full
        {over > 0 && `, ${formatNumber(over)} over capacity`}.
      </Text>
      <BedMapKey />
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
              {formatNumber(ward.occupied)} of {formatNumber(ward.available)} occupied · {formatNumber(ward.vacant)} vacant · {formatNumber(ward.closed)} closed
            </Text>
          </li>
        ))}
      </ul>
    </>
  );
}
