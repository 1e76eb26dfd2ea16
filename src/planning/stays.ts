import { DISCHARGE_DESTINATIONS, type Sex, type Specialism } from '../shared/vocabulary.js';
import { isSecureTier, type NextPlace, type SecureTier, type Source } from './places.js';

// A stay at a tier, as the planning model sees it, made from a run of the register's placements.
// The register records every ward move; the model counts time at a tier. So consecutive placements
// at one tier inside the area make one stay (ward moves inside it are counted, not restarted), and
// the placements either side say where the stay came from and where it led.

/** One stay at a secure tier in the area, with nothing that identifies the person. */
export interface Stay {
  tier: SecureTier;
  sex: Sex;
  specialism: Specialism;
  /** Days since 1970-01-01, like the window. */
  start: number;
  /** Null while still going at the window's end. */
  end: number | null;
  /** Where the person came from if from outside the model; null after a move from another tier in it. */
  source: Source | null;
  /** Where the stay led; null while still going. */
  next: NextPlace | null;
  /** Moves to another ward at the same tier during the stay. */
  wardMoves: number;
}

/** A run of placements as the calibration query returns it (no person in it). */
export interface StayRow {
  tier: string;
  sex: string;
  specialism: string;
  startedAt: Date;
  endedAt: Date | null;
  startKind: string;
  source: string | null;
  /** The tier and whereabouts (inside the area or not) of the placement before the run. */
  prevTier: string | null;
  prevInside: boolean | null;
  endReason: string | null;
  destination: string | null;
  nextTier: string | null;
  wardMoves: number;
}

export const DAY_MS = 86_400_000;
export const dayOf = (d: Date) => d.getTime() / DAY_MS;

/**
 * The rules that turn a run of placements into a stay of the model:
 * - came from: the admission's source; a transfer from PICU or a general ward is a referral from
 *   there; a transfer from a ward outside the area counts as from `other`; from another tier inside
 *   the area it is a step up or down, not an arrival.
 * - led to: the discharge destination; a transfer to PICU or a general ward leaves the model for
 *   there; a transfer to another secure tier, wherever that ward is, leads to that tier (the person
 *   needed it; beds elsewhere are the area's overflow); a transfer to the same tier can only be to
 *   a ward outside the area (inside it the run would go on), so it leaves the area: `other`.
 */
export function stayOf(row: StayRow, windowEnd: number): Stay {
  const ended = row.endedAt !== null && dayOf(row.endedAt) < windowEnd;
  const tier = row.tier as SecureTier;
  return {
    tier,
    sex: row.sex as Sex,
    specialism: row.specialism as Specialism,
    start: dayOf(row.startedAt),
    end: ended ? dayOf(row.endedAt!) : null,
    source: cameFrom(row),
    next: ended ? ledTo(row, tier) : null,
    wardMoves: row.wardMoves,
  };
}

function cameFrom(row: StayRow): Source | null {
  if (row.startKind === 'admission') return (row.source ?? 'other') as Source;
  if (row.prevTier === 'picu') return 'picu';
  if (row.prevTier === 'general') return 'general_hospital';
  if (row.prevTier !== null && isSecureTier(row.prevTier) && row.prevInside) return null;
  return 'other';
}

function ledTo(row: StayRow, tier: SecureTier): NextPlace {
  if (row.endReason === 'discharge') return (DISCHARGE_DESTINATIONS as readonly string[]).includes(row.destination ?? '') ? (row.destination as NextPlace) : 'other';
  if (row.nextTier === 'picu') return 'picu';
  if (row.nextTier === 'general') return 'general_hospital';
  if (row.nextTier !== null && isSecureTier(row.nextTier) && row.nextTier !== tier) return row.nextTier;
  return 'other';
}
