import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Group, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { fieldErrors } from '../../ui/field-errors';
import { CONFLICT_MESSAGE, isConflict } from '../use-referral-action';
import type { PrisonReturn } from '../referrals.api';

interface Props {
  /** The button that opens the step, e.g. "Record reception". */
  label: string;
  path: string;
  version: number;
  body(): unknown;
  labels: Record<string, string>;
  /** The step's inputs, given the server's field problems. */
  children(errors: Record<string, string>): ReactNode;
}

/** One small step on a return to prison (reception, supervision level), sent with the return's version. */
export function ReturnStep({ label, path, version, body, labels, children }: Props) {
  const [open, setOpen] = useState(false);
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => api<PrisonReturn>(path, { json: body(), ifMatch: version }),
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['/prison-returns'] });
    },
    onError: (error) => {
      if (isConflict(error)) void queryClient.invalidateQueries({ queryKey: ['/prison-returns'] });
    },
  });
  if (!open) {
    return (
      <Button size="xs" variant="outline" mt={4} onClick={() => setOpen(true)}>
        {label}
      </Button>
    );
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      {save.isError && (isConflict(save.error) ? <Text c="#8a4b00" size="sm">{CONFLICT_MESSAGE}</Text> : <ErrorMessage error={save.error} labels={labels} title="Not saved" />)}
      <Group align="flex-end" gap="xs" wrap="wrap">
        {children(fieldErrors(save.error, labels))}
        <Button type="submit" size="xs" loading={save.isPending}>
          Save
        </Button>
        <Button size="xs" variant="default" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </Group>
    </form>
  );
}
