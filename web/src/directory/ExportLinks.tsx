import { Anchor, Group } from '@mantine/core';
import { apiUrl } from '../api/client';
import { KIND_NAMES, KINDS } from './directory-kinds';

/** Plain download links: the browser saves the CSV the server sends. */
export function ExportLinks() {
  return (
    <Group gap="lg">
      {KINDS.map((kind) => (
        <Anchor key={kind} href={apiUrl('/directory/export', { kind })} download={`securepath-${kind}.csv`}>
          Download {KIND_NAMES[kind].toLowerCase()} as CSV
        </Anchor>
      ))}
    </Group>
  );
}
