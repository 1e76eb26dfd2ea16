import type { Nation, Organisation, Region, Unit, Ward } from '../../../src/directory/directory.schema.js';
import { useApiQuery } from '../api/use-api-query';

// Reference lists used across the app (pickers, filters) as well as by the directory pages.

export const useNations = () => useApiQuery<Nation[]>('/directory/nations');
export const useRegions = () => useApiQuery<Region[]>('/directory/regions');

export interface ListFilters {
  includeRetired?: boolean;
  regionId?: number;
  organisationId?: number;
  unitId?: number;
}

export const useOrganisations = (filters: ListFilters = {}, enabled = true) => useApiQuery<Organisation[]>('/directory/organisations', { ...filters }, { enabled });
export const useUnits = (filters: ListFilters = {}, enabled = true) => useApiQuery<Unit[]>('/directory/units', { ...filters }, { enabled });
export const useWards = (filters: ListFilters = {}, enabled = true) => useApiQuery<Ward[]>('/directory/wards', { ...filters }, { enabled });
