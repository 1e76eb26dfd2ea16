import { Button, Group, Text } from '@mantine/core';
import { formatNumber } from './format';

interface Props {
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
}

/** Previous and next page of a long list, with where the reader is; nothing when it all fits on one page. */
export function Pager({ page, pageSize, total, onPage }: Props) {
  if (total <= pageSize) return null;
  return (
    <nav aria-label="Pages of results">
      <Group mt="md">
        <Button variant="default" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous page
        </Button>
        <Text>
          Page {formatNumber(page)} of {formatNumber(Math.ceil(total / pageSize))}
        </Text>
        <Button variant="default" disabled={page * pageSize >= total} onClick={() => onPage(page + 1)}>
          Next page
        </Button>
      </Group>
    </nav>
  );
}
