import { useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from './client';

/**
 * GET an API path with TanStack Query. The key is [path, query], so invalidating by path
 * (e.g. `['/directory/wards']`) refreshes every list of that path whatever its filters.
 */
export function useApiQuery<T>(path: string, query: QueryParams = {}, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [path, query],
    queryFn: ({ signal }) => api<T>(path, { query, signal }),
    enabled: options.enabled ?? true,
  });
}
