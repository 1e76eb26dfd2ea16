import { REFERRAL_STATES, REFERRAL_TIERS, URGENCIES } from '../../../src/shared/referral-vocabulary.js';
import { idFrom } from '../patients/patient-format';
import type { BoardQuery } from './referrals.api';

// The board's filters live in the URL (?regionId=…&clock=amber&page=2) so a view can be shared and Back works.

export const BOARD_PAGE_SIZE = 25;
export const CLOCK_FILTERS = ['on_track', 'amber', 'breached'] as const;
export type ClockFilter = (typeof CLOCK_FILTERS)[number];

/** The filter fields of the board form, as strings ('' = any). */
export const FILTER_KEYS = ['regionId', 'organisationId', 'tier', 'urgency', 'state', 'clock', 'prisonOnly'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type BoardFilters = Record<FilterKey, string>;

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | undefined => (values.includes(value as T) ? (value as T) : undefined);

export function filtersFrom(params: URLSearchParams): BoardFilters {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, params.get(key) ?? ''])) as BoardFilters;
}

export const pageFrom = (params: URLSearchParams) => idFrom(params.get('page')) ?? 1;

/** What the API is asked for; unknown values in a hand-edited URL are ignored rather than refused. */
export function boardQueryFrom(params: URLSearchParams): BoardQuery {
  return {
    regionId: idFrom(params.get('regionId')),
    organisationId: idFrom(params.get('organisationId')),
    tier: oneOf(REFERRAL_TIERS, params.get('tier')),
    urgency: oneOf(URGENCIES, params.get('urgency')),
    state: oneOf(REFERRAL_STATES, params.get('state')),
    clock: oneOf(CLOCK_FILTERS, params.get('clock')),
    prisonOnly: params.get('prisonOnly') === 'true' ? true : undefined,
    limit: BOARD_PAGE_SIZE,
    offset: (pageFrom(params) - 1) * BOARD_PAGE_SIZE,
  };
}

/** The URL search for some filters and a page, leaving out blanks and page 1. */
export function searchOf(filters: Partial<BoardFilters>, page = 1): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(filters)) if (value) out[key] = value;
  if (page > 1) out.page = String(page);
  return out;
}
