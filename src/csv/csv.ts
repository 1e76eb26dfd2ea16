// RFC 4180 CSV: quoted fields, doubled quotes, commas and line breaks inside quotes, CRLF or LF.

export interface CsvTable {
  header: string[];
  /** Data rows, each with the spreadsheet row number a person would see (header = row 1). */
  rows: { rowNumber: number; cells: string[] }[];
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly rowNumber: number,
    message: string,
  ) {
    super(message);
  }
}

export function parseCsv(text: string): CsvTable {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let inQuotes = false;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // a spreadsheet's byte-order mark is not data
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') {
      if (field.length > 0) throw new CsvSyntaxError(records.length + 1, 'a quote may only open a field');
      inQuotes = true;
    } else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      line++;
    } else field += ch;
  }
  if (inQuotes) throw new CsvSyntaxError(records.length + 1, `a quoted field opened near line ${line} is never closed`);
  if (field.length > 0 || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...data] = records;
  if (!header) return { header: [], rows: [] };
  return {
    header: header.map((h) => h.trim()),
    rows: data
      .map((cells, index) => ({ rowNumber: index + 2, cells }))
      .filter((r) => !(r.cells.length === 1 && r.cells[0]!.trim() === '')),
  };
}

function quote(value: string): string {
  // A leading = + - @ would run as a formula in a spreadsheet: prefix it so exports are safe to open.
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function formatCsv(header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): string {
  const lines = [header.map(quote).join(',')];
  for (const row of rows) lines.push(row.map((v) => quote(v === null ? '' : String(v))).join(','));
  return lines.join('\r\n') + '\r\n';
}
