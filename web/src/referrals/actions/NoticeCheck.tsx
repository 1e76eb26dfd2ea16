import { Text } from '@mantine/core';
import { CALENDAR_LABELS, type Calendar } from '../../../../src/shared/referral-vocabulary.js';
import { useApiQuery } from '../../api/use-api-query';
import { formatDate, plural } from '../../ui/format';
import { Notice } from '../../ui/Notice';
import type { NoticeAnswer } from '../referrals.api';

/** The protocol asks for 3 working days' notice of a case conference, where possible (001 Annex D). */
export const NOTICE_WORKING_DAYS = 3;

/** The server's count of working days between notice and conference in the chosen calendar. */
export function useNotice(calendar: Calendar, noticeDate: string, conferenceDate: string) {
  return useApiQuery<NoticeAnswer>('/referrals/notice', { calendar, noticeDate, conferenceDate }, { enabled: Boolean(noticeDate && conferenceDate) });
}

/** Working days of notice in words, and, when too few, the earliest date that gives enough. */
export function NoticeCheck({ calendar, notice }: { calendar: Calendar; notice: ReturnType<typeof useNotice> }) {
  if (!notice.data) return null;
  const { workingDays, enough, earliestDate, bankHolidays } = notice.data;
  const holidays = bankHolidays.length > 0 ? ` Bank holidays in between (${CALENDAR_LABELS[calendar]}): ${bankHolidays.map((d) => formatDate(d)).join(', ')}.` : '';
  return enough ? (
    <Text role="status" fw={600} c="#007f3b">
      {plural(workingDays, 'working day')} of notice: enough.{holidays}
    </Text>
  ) : (
    <Notice tone="orange" title="Short notice" role="status">
      Only {plural(workingDays, 'working day')} of notice; the protocol asks for {NOTICE_WORKING_DAYS}. The earliest date with enough notice is {formatDate(earliestDate)}. Choose that date
      or later, or give the reason for short notice below.{holidays}
    </Notice>
  );
}
