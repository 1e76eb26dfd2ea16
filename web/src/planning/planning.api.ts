import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CalibrationResponse } from '../../../src/planning/calibration.schema.js';
import type { CapacitySearchRequest, Job, JobSummary, SimulationRequest, VariantInput } from '../../../src/planning/jobs.schema.js';
import type { ComparatorSet, ComparatorSetInput, Provision } from '../../../src/planning/provision.schema.js';
import type { ComparatorSet as ExampleSet } from '../../../src/planning/provision.rules.js';
import { api } from '../api/client';
import { useApiQuery } from '../api/use-api-query';

// The planning API as the Planning page uses it: calibration, jobs (submitted, then polled until
// they finish), beds per 100,000 and comparator sets.

export type { CalibrationResponse, Job, JobSummary, VariantInput };
export type SimulationResult = Extract<NonNullable<Job['result']>, { kind: 'simulation' }>;
export type SearchResult = Extract<NonNullable<Job['result']>, { kind: 'capacity_search' }>;
export type RunSummary = SimulationResult['baseline'];

export interface Limits {
  tariffs: { high: number; medium: number; low: number };
  maxReplications: number;
  maxVariants: number;
  maxRunningJobs: number;
  maxActiveJobsPerUser: number;
}

export const useLimits = () => useApiQuery<Limits>('/planning/limits');

export interface CalibrationInput {
  area: string;
  from: string;
  to: string;
  pooling: 'sex-and-specialism' | 'sex';
}

export const useCalibrate = () =>
  useMutation({ mutationFn: (q: CalibrationInput) => api<CalibrationResponse>('/planning/calibration', { query: { ...q, area: q.area || undefined } }) });

const JOBS = '/planning/jobs';

/** Submit a simulation or a capacity search; the jobs list refreshes. */
export function useSubmitJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: { kind: 'simulation'; body: SimulationRequest } | { kind: 'capacity_search'; body: CapacitySearchRequest }) =>
      api<{ id: number; status: string }>(request.kind === 'simulation' ? JOBS : '/planning/capacity-search', { json: request.body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [JOBS] }),
  });
}

const isLive = (job: Job | undefined) => job !== undefined && (job.status === 'queued' || job.status === 'running');

/** A job, polled every second while it is queued or running. */
export function useJob(id: number | null) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: [`${JOBS}/${id}`],
    queryFn: async ({ signal }) => {
      const job = await api<Job>(`${JOBS}/${id}`, { signal });
      if (!isLive(job)) void queryClient.invalidateQueries({ queryKey: [JOBS] });
      return job;
    },
    enabled: id !== null,
    refetchInterval: (query) => (isLive(query.state.data) || query.state.data === undefined ? 1000 : false),
    staleTime: 0,
  });
}

export const useJobs = () => useApiQuery<JobSummary[]>(JOBS);

export function useCancelJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => api<undefined>(`${JOBS}/${id}`, { method: 'DELETE' }),
    onSuccess: (_r, id) => {
      void queryClient.invalidateQueries({ queryKey: [JOBS] });
      void queryClient.invalidateQueries({ queryKey: [`${JOBS}/${id}`] });
    },
  });
}

export interface ComparatorChoice {
  example?: string;
  comparatorId?: number;
}

export const useProvision = (area: string, comparator: ComparatorChoice) => useApiQuery<Provision>('/planning/provision', { area: area || undefined, ...comparator });
export const useExampleComparators = () => useApiQuery<(ExampleSet & { key: string })[]>('/planning/comparators/examples');
export const useComparatorSets = () => useApiQuery<ComparatorSet[]>('/planning/comparators');

export function useSaveComparatorSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ComparatorSetInput) => api<ComparatorSet>('/planning/comparators', { json: input }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['/planning/comparators'] }),
  });
}

export function useDeleteComparatorSet() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (set: { id: number; version: number }) => api<undefined>(`/planning/comparators/${set.id}`, { method: 'DELETE', ifMatch: set.version }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['/planning/comparators'] }),
  });
}
