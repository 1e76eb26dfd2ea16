import { ROLE_LABELS } from '../../../src/shared/vocabulary.js';
import { codeLabel } from '../ui/options';
import type { AuditEvent } from './audit.api';

type Labels = Readonly<Partial<Record<string, string>>>;

/** The label of a code, or the code in plain words when it has none. */
const labelOf = (labels: Labels, code: string) => labels[code] ?? codeLabel(code);

const BASES: Labels = { break_glass: 'Emergency access', relationship: 'Care relationship', role: 'Role', denied: 'Refused' };

const ACTIONS: Labels = {
  read: 'Looked at',
  search: 'Found in a search',
  list: 'Listed',
  create: 'Created',
  update: 'Changed',
  admit: 'Admitted',
  transfer: 'Transferred',
  discharge: 'Discharged',
  denied: 'Refused',
  break_glass: 'Claimed emergency access',
  admin: 'Administered',
};

const RECORD_TYPES: Labels = {
  patient: 'Patient record',
  placement: 'Placement',
  break_glass: 'Emergency access claim',
  audit_trail: 'Audit trail',
  patient_home_region: 'Home region',
  user: 'User account',
};

export const roleLabel = (role: string) => labelOf(ROLE_LABELS, role);
export const basisLabel = (basis: string) => labelOf(BASES, basis);
export const actionLabel = (action: string) => labelOf(ACTIONS, action);

/** "Patient record 12", "Audit trail". */
export const recordText = (e: Pick<AuditEvent, 'recordType' | 'recordId'>) => `${labelOf(RECORD_TYPES, e.recordType)}${e.recordId ? ` ${e.recordId}` : ''}`;
