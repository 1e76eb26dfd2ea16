import { useRef, useState, useEffect, type FormEvent } from 'react';
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { withPrompt } from '../ui/options';
import { ConflictReview } from './ConflictReview';
import type { DirectoryRecord, FormValues, KindConfig } from './directory-kinds';
import { changedFields, emptyForm, formOf, toBody } from './record-form';

interface Props {
  config: KindConfig;
  /** The record to edit, or null to create one. */
  record: DirectoryRecord | null;
  onDone(message: string): void;
  onCancel(): void;
}

/**
 * Create or edit an organisation, unit or ward. An edit sends only the changed fields with the
 * version it started from (If-Match); if someone saved first, the user sees both and decides.
 */
export function RecordEditor({ config, record, onDone, onCancel }: Props) {
  const { fields, kind, singular } = config;
  const queryClient = useQueryClient();
  const [base, setBase] = useState<DirectoryRecord | null>(record);
  const baseValues = base ? formOf(base, fields) : emptyForm(fields);
  const [values, setValues] = useState<FormValues>(baseValues);
  const [conflict, setConflict] = useState<DirectoryRecord | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const labels = Object.fromEntries(fields.map((f) => [f.name, f.label]));
  const changed = changedFields(values, baseValues, fields);

  const save = useMutation({
    mutationFn: () =>
      base
        ? api<DirectoryRecord>(`/directory/${kind}/${base.id}`, { method: 'PATCH', json: toBody(Object.fromEntries(changed.map((f) => [f.name, values[f.name] ?? ''])), fields, true), ifMatch: base.version })
        : api<DirectoryRecord>(`/directory/${kind}`, { json: toBody(values, fields) }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: [`/directory/${kind}`] });
      void queryClient.invalidateQueries({ queryKey: ['/beds/state'] });
      onDone(base ? `${saved.name} has been saved.` : `${saved.name} has been added.`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'version_conflict' && error.current) {
        setConflict(error.current as DirectoryRecord);
        // The list behind the form is stale too: show the colleague's saved values there as well.
        void queryClient.invalidateQueries({ queryKey: [`/directory/${kind}`] });
      }
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    if (base && changed.length === 0) {
      setNotice('Nothing has changed, so there is nothing to save.');
      return;
    }
    save.mutate();
  };

  /** Take the current version as the new starting point, with the user's changes on top; they save again. */
  const reapply = () => {
    if (!conflict) return;
    const mine = Object.fromEntries(changed.map((f) => [f.name, values[f.name] ?? '']));
    setBase(conflict);
    setValues({ ...formOf(conflict, fields), ...mine });
    setConflict(null);
    save.reset();
    setNotice('Your changes are now on top of the current version. Check them, then select Save.');
  };
  const discard = () => {
    if (!conflict) return;
    setBase(conflict);
    setValues(formOf(conflict, fields));
    setConflict(null);
    save.reset();
    setNotice('The form now shows the current version. Nothing of yours was saved.');
  };

  const errors = fieldErrors(save.error, labels);
  const title = base ? `Edit ${singular}: ${base.name}` : `New ${singular}`;
  return (
    <Paper withBorder p="md" my="md">
      <Title order={3} ref={heading} tabIndex={-1} mb="sm">
        {title}
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          {conflict && (
            <ConflictReview
              fields={fields}
              mine={values}
              current={formOf(conflict, fields)}
              changed={new Set(changed.map((f) => f.name))}
              onReapply={reapply}
              onDiscard={discard}
            />
          )}
          {save.isError && !conflict && <ErrorMessage error={save.error} title={`The ${singular} could not be saved`} labels={labels} />}
          {notice && (
            <Text role="status" fw={600}>
              {notice}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {fields.map((f) => {
              const common = {
                label: f.label,
                description: f.description,
                error: errors[f.name],
                value: values[f.name] ?? '',
                onChange: (e: { currentTarget: { value: string } }) => setValues({ ...values, [f.name]: e.currentTarget.value }),
              };
              return f.type === 'select' ? (
                <NativeSelect key={f.name} {...common} data={withPrompt('Choose', f.options ?? [])} />
              ) : (
                <TextInput key={f.name} {...common} type={f.type === 'integer' ? 'number' : 'text'} min={f.type === 'integer' ? 0 : undefined} />
              );
            })}
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={save.isPending} disabled={conflict !== null}>
              Save
            </Button>
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
