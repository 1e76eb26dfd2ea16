import { useEffect, useRef, type FormEvent, type ReactNode } from 'react';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Notice } from '../../ui/Notice';
import { SaveOrCancel } from '../../ui/SaveOrCancel';
import { CONFLICT_MESSAGE, isConflict } from '../use-referral-action';

interface Props {
  title: string;
  /** One line on what the step does and its consequences. */
  intro?: ReactNode;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  /** Labels of the fields, so the server's problems read in plain English. */
  labels: Record<string, string>;
  /** How many details the user still has to give (checked here before asking the server). */
  missing?: number;
  onSubmit(): void;
  onCancel(): void;
  children: ReactNode;
  /** A step that cannot be undone (admission, closing) gets a red button. */
  danger?: boolean;
}

/** The frame every referral step shares: heading, the server's answer when it says no, the fields, save and cancel. */
export function ActionFrame({ title, intro, submitLabel, pending, error, labels, missing = 0, onSubmit, onCancel, children, danger }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a step moves focus to it, so keyboard and screen reader users land on the form.
  useEffect(() => heading.current?.focus(), []);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Paper withBorder p="md" mt="md" component="section" aria-labelledby="action-heading">
      <Title order={3} id="action-heading" ref={heading} tabIndex={-1} mb="xs">
        {title}
      </Title>
      {intro && <Text mb="sm">{intro}</Text>}
      {isConflict(error) ? (
        <Notice tone="orange" title="This referral has changed" my="md" role="alert">
          {CONFLICT_MESSAGE}
        </Notice>
      ) : (
        error !== null && error !== undefined && <ErrorMessage error={error} title="This could not be saved" labels={labels} />
      )}
      {missing > 0 && (
        <Text c="red.9" fw={700} role="alert" mb="sm">
          {missing === 1 ? 'One detail is missing' : `${missing} details are missing`}: see the fields marked below.
        </Text>
      )}
      <form onSubmit={submit} noValidate>
        <Stack>
          {children}
          <SaveOrCancel label={submitLabel} pending={pending} onCancel={onCancel} danger={danger} />
        </Stack>
      </form>
    </Paper>
  );
}
