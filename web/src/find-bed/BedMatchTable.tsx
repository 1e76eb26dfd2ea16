import { Button, Table } from '@mantine/core';
import type { BedMatch } from '../../../src/beds/beds.schema.js';
import { SECTOR_LABELS } from '../../../src/shared/vocabulary.js';
import { Count } from '../beds/Withheld';
import { formatNumber } from '../ui/format';

interface Props {
  matches: BedMatch[];
  /** When set, each row offers this action ("Admit here"). */
  action?: { label: string; onPick(match: BedMatch): void };
}

/** Wards with a vacant bed, nearest first. */
export function BedMatchTable({ matches, action }: Props) {
  return (
    <Table.ScrollContainer minWidth={800}>
      <Table striped highlightOnHover aria-label="Wards with a vacant bed, nearest first">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Ward</Table.Th>
            <Table.Th scope="col">Unit</Table.Th>
            <Table.Th scope="col">Provider</Table.Th>
            <Table.Th scope="col">Sector</Table.Th>
            <Table.Th scope="col">Region</Table.Th>
            <Table.Th scope="col" className="numeric">
              Distance
            </Table.Th>
            <Table.Th scope="col" className="numeric">
              Vacant beds
            </Table.Th>
            {action && <Table.Th scope="col">Action</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {matches.map((m) => (
            <Table.Tr key={m.wardId}>
              <Table.Th scope="row">{m.wardName}</Table.Th>
              <Table.Td>{m.unitName}</Table.Td>
              <Table.Td>{m.organisationName}</Table.Td>
              <Table.Td>{SECTOR_LABELS[m.sector]}</Table.Td>
              <Table.Td>{m.regionName}</Table.Td>
              <Table.Td className="numeric">{formatNumber(m.distanceKm)} km</Table.Td>
              <Table.Td className="numeric">
                <Count value={m.vacant} />
              </Table.Td>
              {action && (
                <Table.Td>
                  <Button size="xs" onClick={() => action.onPick(m)}>
                    {action.label}
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
