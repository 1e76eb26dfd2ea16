import { useRef, useEffect } from 'react';
import { Button, Group, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { api } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { withPrompt } from '../ui/options';
import { ConflictReview } from '../ui/ConflictReview';
import { useConflictEdit } from '../ui/use-conflict-edit';
import { displayValue, type DirectoryRecord, type FormValues, type KindConfig } from './directory-kinds';
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
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const labels = Object.fromEntries(fields.map((f) => [f.name, f.label]));
  const { base, baseValues, values, setValues, changed, conflict, notice, onSubmit, reapply, keepTheirs, mutation: save } = useConflictEdit<DirectoryRecord | null, FormValues>({
    record,
    toForm: (r) => (r ? formOf(r, fields) : emptyForm(fields)),
    changedOf: (v, b) => changedFields(v, b, fields).map((f) => f.name),
    save: ({ base, values, changed }) =>
      base
        ? api<DirectoryRecord>(`/directory/${kind}/${base.id}`, { method: 'PATCH', json: toBody(Object.fromEntries(changed.map((name) => [name, values[name] ?? ''])), fields, true), ifMatch: base.version })
        : api<DirectoryRecord>(`/directory/${kind}`, { json: toBody(values, fields) }),
    onSaved: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: [`/directory/${kind}`] });
      void queryClient.invalidateQueries({ queryKey: ['/beds/state'] });
      onDone(base ? `${saved.name} has been saved.` : `${saved.name} has been added.`);
    },
    // The list behind the form is stale too: show the colleague's saved values there as well.
    onConflict: () => void queryClient.invalidateQueries({ queryKey: [`/directory/${kind}`] }),
    saveLabel: 'Save',
  });

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
              fields={fields.map((f) => ({ name: f.name, label: f.label, display: (v: string) => displayValue(f, v) }))}
              mine={values}
              current={formOf(conflict, fields)}
              base={baseValues}
              changed={new Set(changed)}
              onReapply={reapply}
              onDiscard={keepTheirs}
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
