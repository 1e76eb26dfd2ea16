import type { Organisation, Unit, Ward, DirectoryKind } from './directory.schema.js';

// The CSV layout of each directory kind: parents are named by code so a file can be edited in a
// spreadsheet and imported into another environment.

export interface CodeLookups {
  region: Map<string, number>;
  organisation: Map<string, number>;
  unit: Map<string, number>;
}

type Reverse = { region: Map<number, string>; organisation: Map<number, string>; unit: Map<number, string> };

export interface CsvColumn {
  header: string;
  /** The API input field this column fills (after code lookups), or null for `retired`. */
  field: string | null;
  kind: 'text' | 'int' | 'code' | 'bool';
  /** For kind `code`: which table the code names. */
  ref?: keyof CodeLookups;
  /** Value in an exported row. */
  out: (rec: Record<string, unknown>, rev: Reverse) => string | number;
}

const col = (header: string, field: string, kind: CsvColumn['kind'] = 'text'): CsvColumn => ({
  header,
  field,
  kind,
  out: (r) => r[field] as string | number,
});
const ref = (header: string, field: string, table: keyof CodeLookups): CsvColumn => ({
  header,
  field,
  kind: 'code',
  ref: table,
  out: (r, rev) => rev[table].get(r[field] as number) ?? '',
});
const retired: CsvColumn = { header: 'retired', field: null, kind: 'bool', out: (r) => (r.retiredAt ? 'yes' : 'no') };

export const CSV_COLUMNS: Record<DirectoryKind, CsvColumn[]> = {
  organisations: [col('code', 'code'), col('name', 'name'), col('sector', 'sector'), ref('region_code', 'regionId', 'region'), retired],
  units: [
    col('code', 'code'),
    col('name', 'name'),
    ref('organisation_code', 'organisationId', 'organisation'),
    ref('region_code', 'regionId', 'region'),
    col('service_type', 'serviceType'),
    col('commissioning_level', 'commissioningLevel'),
    retired,
  ],
  wards: [
    col('code', 'code'),
    col('name', 'name'),
    ref('unit_code', 'unitId', 'unit'),
    col('security_level', 'securityLevel', 'int'),
    col('sex', 'sex'),
    col('specialism', 'specialism'),
    col('commissioned_beds', 'commissionedBeds', 'int'),
    col('closed_beds', 'closedBeds', 'int'),
    retired,
  ],
};

export function exportRows(kind: DirectoryKind, records: (Organisation | Unit | Ward)[], lookups: CodeLookups) {
  const reverse = (m: Map<string, number>) => new Map([...m].map(([code, id]) => [id, code]));
  const rev: Reverse = { region: reverse(lookups.region), organisation: reverse(lookups.organisation), unit: reverse(lookups.unit) };
  const columns = CSV_COLUMNS[kind];
  return {
    header: columns.map((c) => c.header),
    rows: records.map((r) => columns.map((c) => c.out(r as unknown as Record<string, unknown>, rev))),
  };
}

export interface RowProblem {
  field: string;
  message: string;
}

/** One CSV row → an API input object and whether it asks for retirement; problems name the column. */
export function rowToInput(
  kind: DirectoryKind,
  header: string[],
  cells: string[],
  lookups: CodeLookups,
): { input: Record<string, unknown>; retire: boolean; problems: RowProblem[] } {
  const input: Record<string, unknown> = {};
  const problems: RowProblem[] = [];
  let retire = false;
  for (const column of CSV_COLUMNS[kind]) {
    const at = header.indexOf(column.header);
    const raw = at >= 0 ? (cells[at] ?? '').trim() : '';
    if (column.kind === 'bool') {
      if (raw === '' || /^(no|n|false|0)$/i.test(raw)) retire = false;
      else if (/^(yes|y|true|1)$/i.test(raw)) retire = true;
      else problems.push({ field: column.header, message: 'must be yes or no' });
      continue;
    }
    if (raw === '') {
      problems.push({ field: column.header, message: 'is required' });
      continue;
    }
    if (column.kind === 'int') {
      if (!/^-?\d+$/.test(raw)) problems.push({ field: column.header, message: `must be a whole number, not "${raw}"` });
      else input[column.field!] = Number(raw);
    } else if (column.kind === 'code') {
      const id = lookups[column.ref!].get(raw);
      if (id === undefined) problems.push({ field: column.header, message: `no ${column.ref} has the code "${raw}"` });
      else input[column.field!] = id;
    } else input[column.field!] = raw;
  }
  return { input, retire, problems };
}

/** The CSV column a schema field is read from, so validation errors name what the person sees. */
export function columnForField(kind: DirectoryKind, field: string): string {
  return CSV_COLUMNS[kind].find((c) => c.field === field)?.header ?? field;
}

export function missingColumns(kind: DirectoryKind, header: string[]): string[] {
  return CSV_COLUMNS[kind].filter((c) => c.kind !== 'bool' && !header.includes(c.header)).map((c) => c.header);
}
