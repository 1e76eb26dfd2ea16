import { useState, type FormEvent } from 'react';
import { ActionIcon, Button, Group, NativeSelect, NumberInput, Paper, Stack, Table, Text, TextInput, Title, VisuallyHidden } from '@mantine/core';
import { SECURE_TIER_LABELS, SECURE_TIERS } from '../../../src/planning/places.js';
import type { ComparatorEntry } from '../../../src/planning/provision.rules.js';
import { SPECIALISM_LABELS } from '../../../src/shared/vocabulary.js';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useComparatorSets, useDeleteComparatorSet, useSaveComparatorSet } from './planning.api';

const SEXES = [
  { value: 'male', label: 'Men' },
  { value: 'female', label: 'Women' },
  { value: 'all', label: 'All' },
];
const SPECIALISMS = [...Object.entries(SPECIALISM_LABELS).map(([value, label]) => ({ value, label })), { value: 'all', label: 'All specialisms' }];
const TIERS = SECURE_TIERS.map((t) => ({ value: t, label: SECURE_TIER_LABELS[t] }));
const blank = (): ComparatorEntry => ({ area: '', tier: 'medium', sex: 'male', specialism: 'mental_illness', per100k: 0 });

/** The planner's own comparator sets: rates per 100,000 they benchmark against, kept with their account. */
export function ComparatorSets() {
  const sets = useComparatorSets();
  const save = useSaveComparatorSet();
  const remove = useDeleteComparatorSet();
  const [name, setName] = useState('');
  const [entries, setEntries] = useState<ComparatorEntry[]>([blank()]);
  const change = (i: number, patch: Partial<ComparatorEntry>) => setEntries(entries.map((e, k) => (k === i ? { ...e, ...patch } : e)));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { name, entries },
      {
        onSuccess: () => {
          setName('');
          setEntries([blank()]);
        },
      },
    );
  };

  return (
    <section aria-labelledby="sets-heading">
      <Title order={3} id="sets-heading" mb="xs">
        Your comparator sets
      </Title>
      {(sets.data ?? []).length === 0 ? (
        <Text size="sm" mb="md">
          You have none yet. Enter rates from a needs assessment, a neighbouring area or a target; they are kept with your account.
        </Text>
      ) : (
        <Stack gap="xs" mb="md">
          {sets.data!.map((s) => (
            <Group key={s.id} justify="space-between" maw={700}>
              <Text>
                <strong>{s.name}</strong> ({s.entries.length} rate{s.entries.length === 1 ? '' : 's'})
              </Text>
              <Button variant="subtle" color="red" size="xs" onClick={() => remove.mutate(s)}>
                Delete
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      <Paper withBorder p="md" component="form" onSubmit={onSubmit} noValidate aria-label="New comparator set">
        <Stack gap="sm">
          <TextInput label="Name of the set" value={name} onChange={(e) => setName(e.currentTarget.value)} maw={420} />
          <Table aria-label="Rates in the new set">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Area</Table.Th>
                <Table.Th scope="col">Tier</Table.Th>
                <Table.Th scope="col">Sex</Table.Th>
                <Table.Th scope="col">Specialism</Table.Th>
                <Table.Th scope="col">Beds per 100,000</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>Remove</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.map((e, i) => (
                <Table.Tr key={i}>
                  <Table.Td>
                    <TextInput aria-label={`Area, row ${i + 1}`} value={e.area} onChange={(ev) => change(i, { area: ev.currentTarget.value })} placeholder="e.g. Target 2030" />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect aria-label={`Tier, row ${i + 1}`} data={TIERS} value={e.tier} onChange={(ev) => change(i, { tier: ev.currentTarget.value as ComparatorEntry['tier'] })} />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect aria-label={`Sex, row ${i + 1}`} data={SEXES} value={e.sex} onChange={(ev) => change(i, { sex: ev.currentTarget.value as ComparatorEntry['sex'] })} />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect aria-label={`Specialism, row ${i + 1}`} data={SPECIALISMS} value={e.specialism} onChange={(ev) => change(i, { specialism: ev.currentTarget.value as ComparatorEntry['specialism'] })} />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput aria-label={`Beds per 100,000, row ${i + 1}`} value={e.per100k ?? 0} min={0} step={0.1} decimalScale={2} w={120} onChange={(v) => change(i, { per100k: Number(v) || 0 })} />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={`Remove row ${i + 1}`} disabled={entries.length === 1} onClick={() => setEntries(entries.filter((_, k) => k !== i))}>
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {save.isError && <ErrorMessage error={save.error} title="The set could not be saved" />}
          <Group>
            <Button variant="default" onClick={() => setEntries([...entries, { ...blank(), area: entries.at(-1)?.area ?? '' }])}>
              Add a rate
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save the set
            </Button>
          </Group>
        </Stack>
      </Paper>
    </section>
  );
}
