import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Button, Text } from '@mantine/core';
import { useAuth } from '../app/auth';
import { RequirePermission } from '../app/guards';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formatDateTime, formatNumber } from '../ui/format';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { Pager } from '../ui/Pager';
import { BoardFilters } from './BoardFilters';
import { BOARD_PAGE_SIZE, boardQueryFrom, filtersFrom, pageFrom, searchOf, type BoardFilters as Filters } from './board-query';
import { ClockFigures } from './ClockFigures';
import { useBoard } from './referrals.api';
import { MEASURES_PATH, ReferralsNav } from './ReferralsNav';
import { ReferralTable } from './ReferralTable';
import { NEW_REFERRAL_PATH } from './new-referral-form';

/** The referral queue: every clock at risk at a glance, filterable, most urgent first. */
export function ReferralBoardPage() {
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const page = pageFrom(params);
  const board = useBoard(boardQueryFrom(params));

  const show = (next: Filters, toPage = 1) => setParams(searchOf(next, toPage));
  // The server orders the queue (least time left first, then the most urgent) across every page.
  const items = board.data?.items ?? [];

  return (
    <>
      <PageHeading title="Referrals" actions={can('referrals:write') && <Button onClick={() => void navigate(NEW_REFERRAL_PATH)}>New referral</Button>} />
      <ReferralsNav />
      {board.isError && <ErrorMessage error={board.error} title="The referrals could not be loaded" />}
      {board.data && <ClockFigures byClock={board.data.byClock} selected={filters.clock} onSelect={(clock) => show({ ...filters, clock })} />}
      <BoardFilters filters={filters} onChange={(next) => show(next)} />
      {board.isPending && <Loading what="Loading the referrals" />}
      {board.data && (
        <>
          <Text role="status" mb="xs">
            {board.data.total === 0
              ? 'No referral matches these filters.'
              : `${formatNumber(board.data.total)} ${board.data.total === 1 ? 'referral' : 'referrals'}. As of ${formatDateTime(board.data.asOf)}.`}
          </Text>
          {items.length > 0 && <ReferralTable referrals={items} />}
          <Pager page={page} pageSize={BOARD_PAGE_SIZE} total={board.data.total} onPage={(to) => show(filters, to)} />
        </>
      )}
    </>
  );
}

/**
 * The "Referrals" item of the main navigation: the board for those who work the queue; for roles that
 * see only aggregates (commissioners, planners, analysts), the transfer measures.
 */
export function ReferralsHomePage() {
  const { can } = useAuth();
  if (!can('referrals:read') && can('referrals:measures')) return <Navigate to={MEASURES_PATH} replace />;
  return (
    <RequirePermission permission="referrals:read">
      <ReferralBoardPage />
    </RequirePermission>
  );
}
