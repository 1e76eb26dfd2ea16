import type { ReactNode } from 'react';
import { Table } from '@mantine/core';
import type { BedCounts } from '../../../src/beds/beds.schema.js';
import { formatNumber } from '../ui/format';
import { OccupancyBar } from './OccupancyBar';
import { Count } from './Withheld';

export interface CountsRow {
  key: string | number;
  name: ReactNode;
  counts: BedCounts;
}

interface Props {
  rows: CountsRow[];
  /** Heading of the first column ("Region", "Tier"…). */
  nameHeader: string;
  /** Id of the heading that names the table. */
  labelledBy: string;
}

/** Beds of several places or tiers side by side: commissioned, closed, occupied, vacant, occupancy. */
export function CountsTable({ rows, nameHeader, labelledBy }: Props) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover aria-labelledby={labelledBy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{nameHeader}</Table.Th>
            <Table.Th scope="col" className="numeric">
              Commissioned
            </Table.Th>
            <Table.Th scope="col" className="numeric">
              Closed
            </Table.Th>
            <Table.Th scope="col" className="numeric">
              Occupied
            </Table.Th>
            <Table.Th scope="col" className="numeric">
              Vacant
            </Table.Th>
            <Table.Th scope="col">Occupancy</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map(({ key, name, counts }) => (
            <Table.Tr key={key}>
              <Table.Th scope="row" fw={600}>
                {name}
              </Table.Th>
              <Table.Td className="numeric">{formatNumber(counts.commissioned)}</Table.Td>
              <Table.Td className="numeric">{formatNumber(counts.closed)}</Table.Td>
              <Table.Td className="numeric">
                <Count value={counts.occupied} />
              </Table.Td>
              <Table.Td className="numeric">
                <Count value={counts.vacant} />
              </Table.Td>
              <Table.Td>
                <OccupancyBar pct={counts.occupancyPct} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
