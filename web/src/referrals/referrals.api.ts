import type { Static } from 'typebox';
import type {
  Board,
  BoardQuery,
  MeasuresQuery,
  NoticeAnswer,
  PrisonReturn,
  ReferralDetail,
  ReferralSettings,
  Measures,
} from '../../../src/referrals/referrals.schema.js';
import { useApiQuery } from '../api/use-api-query';

// The referral API as the web app reads it: types from the server's schemas, one hook per list.

export type { BoardQuery, Measures, MeasuresQuery, PrisonReturn, ReferralDetail };
export type Board = Static<typeof Board>;
export type ReferralSettings = Static<typeof ReferralSettings>;
export type Instrument = ReferralSettings['instruments'][number];
export type NoticeAnswer = Static<typeof NoticeAnswer>;
export type ReferralSummary = Board['items'][number];
export type Clock = ReferralSummary['clock'];
export type Assessment = ReferralDetail['assessments'][number];
export type Decision = ReferralDetail['decisions'][number];
export type Conference = ReferralDetail['conferences'][number];
export type MeasureGroup = Measures['groups'][number];
export type MeasurePoint = MeasureGroup['totals'];

/** Things the server says the caller may do next on a referral. */
export type ReferralAction = 'assess' | 'decide' | 'forward' | 'offer' | 'admit' | 'close' | 'breach_reason' | 'direction' | 'conference';

export const BOARD_PATH = '/referrals';
export const referralPath = (id: number) => `/referrals/${id}`;

export const useBoard = (query: BoardQuery) => useApiQuery<Board>(BOARD_PATH, { ...query });
export const useReferral = (id: number | undefined) => useApiQuery<ReferralDetail>(referralPath(id ?? 0), {}, { enabled: id !== undefined });
export const useReferralSettings = () => useApiQuery<ReferralSettings>('/referrals/settings');
export const useMeasures = (query: MeasuresQuery) => useApiQuery<Measures>('/referrals/measures', { ...query });
export const usePrisonReturns = () => useApiQuery<PrisonReturn[]>('/prison-returns');
