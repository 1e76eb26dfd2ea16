import {
  EXPECTED_SECURITY_LEVEL,
  tierOfServiceType,
  type ServiceType,
  type Tier,
} from '../shared/vocabulary.js';

/**
 * The tier a ward's beds count under. A unit may hold wards below its own level (a medium secure unit
 * with a low secure rehabilitation ward is common), so the ward's MHSDS security level decides;
 * level 0 beds are PICU or general according to the unit.
 */
export function wardTier(securityLevel: number, unitServiceType: ServiceType): Tier {
  if (securityLevel === 3) return 'high';
  if (securityLevel === 2) return 'medium';
  if (securityLevel === 1) return 'low';
  return unitServiceType === 'picu' ? 'picu' : 'general';
}

/** Why a ward cannot sit in a unit, or null when it can. */
export function wardDoesNotFitUnit(securityLevel: number, unitServiceType: ServiceType): string | null {
  const unitTier = tierOfServiceType(unitServiceType);
  if (unitTier === null) return 'Prisons and community teams hold no beds, so they have no wards.';
  const ceiling = EXPECTED_SECURITY_LEVEL[unitTier];
  if (securityLevel > ceiling) {
    return `A ward cannot be more secure than its unit: this unit allows security level ${ceiling} at most.`;
  }
  return null;
}
