import { useSearchParams } from 'react-router';
import { Button, Group } from '@mantine/core';
import type { AuditEvent } from './audit.api';

/** Events come a page at a time, newest first; the page asked for is `?before=<seq>` in the URL. */
export const EVENTS_PER_PAGE = 200;

export function useBefore(): number | undefined {
  const before = Number(useSearchParams()[0].get('before'));
  return Number.isInteger(before) && before > 0 ? before : undefined;
}

/** Links to older events (when this page is full) and back to the newest. */
export function OlderEvents({ events }: { events: readonly AuditEvent[] }) {
  const [params, setParams] = useSearchParams();
  const go = (before: number | null) => {
    const next = new URLSearchParams(params);
    if (before === null) next.delete('before');
    else next.set('before', String(before));
    setParams(next);
  };
  const last = events.at(-1);
  const paged = params.has('before');
  if (!paged && events.length < EVENTS_PER_PAGE) return null;
  return (
    <Group mt="sm">
      {last && events.length >= EVENTS_PER_PAGE && (
        <Button variant="default" onClick={() => go(last.seq)}>
          Older events
        </Button>
      )}
      {paged && (
        <Button variant="subtle" onClick={() => go(null)}>
          Back to the newest
        </Button>
      )}
    </Group>
  );
}
