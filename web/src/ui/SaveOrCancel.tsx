import { Button, Group } from '@mantine/core';

interface Props {
  label: string;
  pending: boolean;
  onCancel(): void;
  /** A step that cannot be undone gets a red button. */
  danger?: boolean;
}

/** The end of a form: its submit button, named for what it does, and Cancel. */
export function SaveOrCancel({ label, pending, onCancel, danger }: Props) {
  return (
    <Group>
      <Button type="submit" loading={pending} color={danger ? 'red.9' : undefined}>
        {label}
      </Button>
      <Button variant="default" onClick={onCancel}>
        Cancel
      </Button>
    </Group>
  );
}
