import type { PatientDetail, Placement } from '../../../src/patients/patients.schema.js';
import { ADMISSION_SOURCE_LABELS, DISCHARGE_DESTINATION_LABELS } from '../../../src/shared/vocabulary.js';
import { inSentence } from '../ui/options';

const DIRECTIONS: Record<NonNullable<Placement['direction']>, string> = {
  up: 'Transfer up (to more security)',
  down: 'Transfer down (to less security)',
  sideways: 'Transfer sideways (same level of security)',
};

/** "Admission from prison", "Transfer down (to less security)". */
export function howItStarted(p: Placement): string {
  if (p.startKind === 'admission') return p.source ? `Admission from ${inSentence(ADMISSION_SOURCE_LABELS[p.source])}` : 'Admission';
  return p.direction ? DIRECTIONS[p.direction] : 'Transfer';
}

/** "Still here", "Transfer", "Discharge to community", "Died". */
export function howItEnded(p: Placement): string {
  if (!p.endedAt || !p.endReason) return 'Still here';
  if (p.endReason === 'transfer') return 'Transfer';
  if (p.destination === 'died') return DISCHARGE_DESTINATION_LABELS.died;
  return p.destination ? `Discharge to ${inSentence(DISCHARGE_DESTINATION_LABELS[p.destination])}` : 'Discharge';
}

/**
 * Why this reader may not transfer or discharge an admitted patient, or null if they may: only staff
 * whose scope takes in the ward the patient is on now move them (the server decides; this says so first).
 */
export function whyNotMove(p: PatientDetail): string | null {
  if (!p.currentPlacement || p.mayMove) return null;
  return `Only staff of ${p.currentPlacement.wardName}, ${p.currentPlacement.unitName}, can transfer or discharge this patient: that ward is not in your scope. Ask its bed manager.`;
}

/** Oldest first. */
export const chronological = (placements: readonly Placement[]) => [...placements].sort((a, b) => a.admittedAt.localeCompare(b.admittedAt));
