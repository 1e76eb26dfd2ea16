import { Table, Text } from '@mantine/core';
import type { Placement } from '../../../src/patients/patients.schema.js';
import { TIER_LABELS } from '../../../src/shared/vocabulary.js';
import { formatDate, formatDays } from '../ui/format';
import { howItEnded, howItStarted } from './placement-text';

/** Every placement of the pathway, oldest first. */
export function PlacementTable({ placements }: { placements: Placement[] }) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped aria-label="Placements, oldest first">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Ward</Table.Th>
            <Table.Th scope="col">Unit</Table.Th>
            <Table.Th scope="col">Provider</Table.Th>
            <Table.Th scope="col">Tier</Table.Th>
            <Table.Th scope="col">From</Table.Th>
            <Table.Th scope="col">To</Table.Th>
            <Table.Th scope="col">How it started</Table.Th>
            <Table.Th scope="col">How it ended</Table.Th>
            <Table.Th scope="col" className="numeric">
              Length of stay
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {placements.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Th scope="row">{p.wardName}</Table.Th>
              <Table.Td>{p.unitName}</Table.Td>
              <Table.Td>{p.organisationName}</Table.Td>
              <Table.Td>{TIER_LABELS[p.tier]}</Table.Td>
              <Table.Td className="nowrap">{formatDate(p.admittedAt)}</Table.Td>
              <Table.Td className="nowrap">{p.endedAt ? formatDate(p.endedAt) : 'Now'}</Table.Td>
              <Table.Td>
                {howItStarted(p)}
                {p.overCapacityReason && (
                  <Text size="sm" c="dimmed">
                    Placed over capacity or outside the ward’s criteria: {p.overCapacityReason}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{howItEnded(p)}</Table.Td>
              <Table.Td className="numeric">{formatDays(p.lengthOfStayDays)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
