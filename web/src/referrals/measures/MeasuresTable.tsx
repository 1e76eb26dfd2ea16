import { Table } from '@mantine/core';
import { formatNumber, formatPercent } from '../../ui/format';
import type { MeasureGroup, MeasurePoint } from '../referrals.api';

/** A figure, or why there is none: withheld to protect small numbers, or nothing to measure. */
export function figure(value: number | null, point: Pick<MeasurePoint, 'suppressed'>, format: (n: number) => string = formatNumber): string {
  if (value !== null) return format(value);
  return point.suppressed ? 'Withheld' : '–';
}

const oneDecimal = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 1 });

const COLUMNS: [string, (p: MeasurePoint) => string][] = [
  ['Referrals', (p) => figure(p.referrals, p)],
  ['Admitted', (p) => figure(p.admitted, p)],
  ['Median days to admission', (p) => figure(p.medianDaysToAdmission, p, oneDecimal)],
  ['90th percentile days', (p) => figure(p.p90DaysToAdmission, p, oneDecimal)],
  ['Admitted within 14 days', (p) => figure(p.percentWithin14, p, formatPercent)],
  ['Assessments per referral', (p) => figure(p.assessmentsPerReferral, p, (n) => n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 }))],
];

/** Totals over the period for each group, one row each. */
export function MeasuresTable({ groups, nameHeader, labelledBy }: { groups: MeasureGroup[]; nameHeader: string; labelledBy: string }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table striped highlightOnHover aria-labelledby={labelledBy}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{nameHeader}</Table.Th>
            {COLUMNS.map(([title]) => (
              <Table.Th key={title} scope="col" className="numeric">
                {title}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((g) => (
            <Table.Tr key={g.key}>
              <Table.Th scope="row">{g.name}</Table.Th>
              {COLUMNS.map(([title, value]) => (
                <Table.Td key={title} className="numeric">
                  {value(g.totals)}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
