import { Table } from '@mantine/core';
import { formatDateTime } from '../ui/format';
import type { AuditEvent } from './audit.api';
import { actionLabel, basisLabel, recordText, roleLabel } from './audit-text';

interface Props {
  events: AuditEvent[];
  /** The table's accessible name. */
  label: string;
  /** Add a column for the patient concerned (refused attempts span many patients). */
  withPatient?: boolean;
}

/** Events of the audit trail, in the order given (newest first). */
export function AuditEventTable({ events, label, withPatient = false }: Props) {
  return (
    <Table.ScrollContainer minWidth={1000}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">Who</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Reaching</Table.Th>
            {withPatient && <Table.Th scope="col">Patient</Table.Th>}
            <Table.Th scope="col">What</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">On what basis</Table.Th>
            <Table.Th scope="col">Reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((e) => (
            <Table.Tr key={e.seq}>
              <Table.Th scope="row" className="nowrap">
                {formatDateTime(e.at)}
              </Table.Th>
              <Table.Td>{e.username}</Table.Td>
              <Table.Td>{roleLabel(e.role)}</Table.Td>
              <Table.Td>{e.scope ?? ''}</Table.Td>
              {withPatient && <Table.Td>{e.patientId ?? ''}</Table.Td>}
              <Table.Td>{recordText(e)}</Table.Td>
              <Table.Td>{actionLabel(e.action)}</Table.Td>
              <Table.Td>{basisLabel(e.basis)}</Table.Td>
              <Table.Td>{e.reason ?? ''}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
