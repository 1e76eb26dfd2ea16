import { Alert, Button, Group, Table, Text } from '@mantine/core';
import { displayValue, type FieldDef, type FormValues } from './directory-kinds';

interface Props {
  fields: FieldDef[];
  /** What the user was saving. */
  mine: FormValues;
  /** What is saved now, as someone else left it. */
  current: FormValues;
  /** The fields the user changed. */
  changed: Set<string>;
  onReapply(): void;
  onDiscard(): void;
}

/** Someone else saved first: their values beside ours, field by field, and the choice is the user's. */
export function ConflictReview({ fields, mine, current, changed, onReapply, onDiscard }: Props) {
  const differing = fields.filter((f) => (mine[f.name] ?? '') !== (current[f.name] ?? ''));
  return (
    <Alert color="red" title="Someone else changed this record while you were editing it" my="md">
      <Text size="sm" mb="sm">
        Nothing has been saved. Compare your values with the ones saved now, then either apply your changes on top of the current version or keep the
        current version.
      </Text>
      <Table withTableBorder withColumnBorders aria-label="Your values and the current values">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Field</Table.Th>
            <Table.Th scope="col">Your value</Table.Th>
            <Table.Th scope="col">Current value</Table.Th>
            <Table.Th scope="col">Different?</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((f) => {
            const differs = differing.includes(f);
            return (
              <Table.Tr key={f.name} fw={differs ? 700 : undefined}>
                <Table.Th scope="row">{f.label}</Table.Th>
                <Table.Td>
                  {displayValue(f, mine[f.name] ?? '')}
                  {changed.has(f.name) ? ' (you changed this)' : ''}
                </Table.Td>
                <Table.Td>{displayValue(f, current[f.name] ?? '')}</Table.Td>
                <Table.Td>{differs ? 'Yes, differs' : 'No'}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Group mt="md">
        <Button onClick={onReapply}>Apply my changes to the current version</Button>
        <Button variant="default" onClick={onDiscard}>
          Keep the current version
        </Button>
      </Group>
    </Alert>
  );
}
