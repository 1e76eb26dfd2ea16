import { useState, type FormEvent } from 'react';
import { Button, Group, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { fieldErrors } from '../ui/field-errors';
import { CLAIMS_PATH, type EmergencyClaim } from './audit.api';

const LABELS = { note: 'Review note' };

interface Props {
  claim: EmergencyClaim;
  onDone(message: string): void;
}

/** Mark one emergency access claim reviewed, with a short note of what the privacy officer found. */
export function ReviewClaim({ claim, onDone }: Props) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const queryClient = useQueryClient();
  const review = useMutation({
    mutationFn: () => api<unknown>(`${CLAIMS_PATH}/${claim.id}/review`, { json: { note: note.trim() } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [CLAIMS_PATH] });
      onDone(`The emergency access by ${claim.displayName} is marked reviewed.`);
    },
  });

  const close = () => {
    setOpen(false);
    review.reset();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    review.mutate();
  };

  if (!open) {
    return (
      <Button size="xs" variant="default" onClick={() => setOpen(true)}>
        Mark reviewed
      </Button>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Review the emergency access by ${claim.displayName}`}>
      <Textarea
        label={LABELS.note}
        description="A few words on what you found"
        size="xs"
        autosize
        minRows={2}
        miw={220}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        error={fieldErrors(review.error, LABELS).note ?? review.error?.message}
        autoFocus
      />
      <Group gap="xs" mt={4}>
        <Button type="submit" size="xs" loading={review.isPending}>
          Save review
        </Button>
        <Button size="xs" variant="default" onClick={close}>
          Cancel
        </Button>
      </Group>
    </form>
  );
}
