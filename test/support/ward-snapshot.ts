import type { WardSnapshot } from '../../src/beds/beds.rules.js';

/** One ward of the bed register as the bed-state rules see it: an empty medium secure male ward. */
export const wardSnapshot = (over: Partial<WardSnapshot> = {}): WardSnapshot => ({
  wardId: 1,
  wardName: 'Ash Ward',
  unitId: 1,
  unitName: 'Moorside',
  organisationId: 1,
  organisationName: 'Trust',
  sector: 'nhs',
  regionId: 1,
  regionName: 'North',
  nationId: 1,
  nationName: 'Testland',
  latitude: 55,
  longitude: -2,
  tier: 'medium',
  securityLevel: 2,
  sex: 'male',
  specialism: 'mental_illness',
  commissioned: 10,
  closed: 0,
  occupied: 0,
  stayDays: [],
  ...over,
});
