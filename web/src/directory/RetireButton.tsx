import { useState } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api/client';
import type { DirectoryRecord, KindConfig } from './directory-kinds';

interface Props {
  config: KindConfig;
  record: DirectoryRecord;
  onDone(message: string): void;
}

/** Retire a record, after the user confirms; sent with the version on screen so a stale list cannot retire a changed record. */
export function RetireButton({ config, record, onDone }: Props) {
  const [confirming, setConfirming] = useState(false);
  const queryClient = useQueryClient();
  const retire = useMutation({
    mutationFn: () => api<DirectoryRecord>(`/directory/${config.kind}/${record.id}/retire`, { method: 'POST', ifMatch: record.version }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [`/directory/${config.kind}`] });
      void queryClient.invalidateQueries({ queryKey: ['/beds/state'] });
      onDone(`${record.name} has been retired.`);
    },
    onError: (error) => {
      // Someone changed it since the list was loaded: show the list as it is now.
      if (error instanceof ApiError && error.code === 'version_conflict') void queryClient.invalidateQueries({ queryKey: [`/directory/${config.kind}`] });
    },
  });

  if (!confirming) {
    return (
      <Button size="xs" variant="outline" color="red.9" onClick={() => setConfirming(true)}>
        Retire
      </Button>
    );
  }
  return (
    <div role="group" aria-label={`Confirm retiring ${record.name}`}>
      <Text size="sm" fw={600}>
        Retire {record.name}? It will no longer be offered for new placements.
      </Text>
      {retire.isError && (
        <Text size="sm" c="red.9" role="alert">
          {retire.error.message}
        </Text>
      )}
      <Group gap="xs" mt={4}>
        <Button size="xs" color="red.9" loading={retire.isPending} onClick={() => retire.mutate()}>
          Yes, retire
        </Button>
        <Button
          size="xs"
          variant="default"
          onClick={() => {
            setConfirming(false);
            retire.reset();
          }}
        >
          Cancel
        </Button>
      </Group>
    </div>
  );
}
