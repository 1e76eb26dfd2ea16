import { Alert, Button, Group, Table, Text } from '@mantine/core';

/** One field of the record being compared: its name in the form, its label, and how a value reads. */
export interface ConflictField {
  name: string;
  label: string;
  /** What a form value says on screen (an option's label, a formatted date); the value itself if not given. */
  display?(value: string): string;
}

export type FormValues = Record<string, string>;

interface Props {
  fields: ConflictField[];
  /** What the user was saving. */
  mine: FormValues;
  /** What is saved now, as someone else left it. */
  current: FormValues;
  /** The version the user started from: with it, each row says who changed the field. */
  base?: FormValues;
  /** The fields the user changed. */
  changed: Set<string>;
  onReapply(): void;
  onDiscard(): void;
}

const valueOf = (values: FormValues, name: string) => values[name] ?? '';

/**
 * Someone else saved first: their values beside ours, field by field, and the choice is the user's:
 * apply their own changes on top of the version now saved, or keep that version. Nothing is saved
 * until they choose and save again.
 */
export function ConflictReview({ fields, mine, current, base, changed, onReapply, onDiscard }: Props) {
  const shown = (f: ConflictField, value: string) => (value === '' ? '(blank)' : f.display ? f.display(value) : value);
  const whoChanged = (f: ConflictField) => {
    const byMe = changed.has(f.name);
    const byThem = base !== undefined && valueOf(current, f.name) !== valueOf(base, f.name);
    if (byMe && byThem) return valueOf(mine, f.name) === valueOf(current, f.name) ? 'You both made the same change' : 'You both changed this';
    if (byMe) return 'You changed this';
    if (byThem) return 'Someone else changed this';
    return 'Not changed';
  };
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
            <Table.Th scope="col">Current value (saved by someone else)</Table.Th>
            <Table.Th scope="col">{base ? 'What changed' : 'Different?'}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {fields.map((f) => {
            const differs = valueOf(mine, f.name) !== valueOf(current, f.name);
            return (
              <Table.Tr key={f.name} fw={differs ? 700 : undefined}>
                <Table.Th scope="row">{f.label}</Table.Th>
                <Table.Td>
                  {shown(f, valueOf(mine, f.name))}
                  {!base && changed.has(f.name) ? ' (you changed this)' : ''}
                </Table.Td>
                <Table.Td>{shown(f, valueOf(current, f.name))}</Table.Td>
                <Table.Td>{base ? whoChanged(f) : differs ? 'Yes, differs' : 'No'}</Table.Td>
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
