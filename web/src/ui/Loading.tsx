import { Group, Loader, Text } from '@mantine/core';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <Group gap="xs" role="status" py="md">
      <Loader size="sm" aria-hidden />
      <Text>{what}…</Text>
    </Group>
  );
}
