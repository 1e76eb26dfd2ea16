import { ADMISSION_SOURCES, DISCHARGE_DESTINATIONS, type AdmissionSource, type DischargeDestination } from '../shared/vocabulary.js';

// The places of the planning model. Only the three secure tiers hold beds; PICU, general wards,
// community, prison and court are outside the model's capacity (people come from and go to them
// without waiting), as the issue describes. Codes reuse the shared vocabulary so a scenario speaks
// the same language as the register.

/** Tiers with bed capacity, most secure first; the index order is the engine's tier index. */
export const SECURE_TIERS = ['high', 'medium', 'low'] as const;
export type SecureTier = (typeof SECURE_TIERS)[number];

export const SECURE_TIER_LABELS: Record<SecureTier, string> = {
  high: 'High secure',
  medium: 'Medium secure',
  low: 'Low secure',
};

/**
 * Where a person goes when they leave the secure tiers. The register's discharge destinations plus
 * PICU, which the issue names as a place people go to (the register records a move to PICU as a
 * transfer because it holds PICU beds; the planning model does not).
 */
export const EXITS = [...DISCHARGE_DESTINATIONS, 'picu'] as const;
export type Exit = DischargeDestination | 'picu';

/** Where a stay at a tier can lead: another (or the same) secure tier, or out of the model. */
export const NEXT_PLACES = [...SECURE_TIERS, ...EXITS] as const;
export type NextPlace = SecureTier | Exit;

export const SOURCES = ADMISSION_SOURCES;
export type Source = AdmissionSource;

/** The source whose referrals run the prison transfer clock (domain brief §3). */
export const PRISON_SOURCE: Source = 'prison';

export function tierIndex(tier: SecureTier): number {
  return SECURE_TIERS.indexOf(tier);
}

export function isSecureTier(place: string): place is SecureTier {
  return (SECURE_TIERS as readonly string[]).includes(place);
}
