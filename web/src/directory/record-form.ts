import type { DirectoryRecord, FieldDef, FormValues } from './directory-kinds';
import { formValueOf } from './directory-kinds';

export const emptyForm = (fields: FieldDef[]): FormValues => Object.fromEntries(fields.map((f) => [f.name, '']));

export const formOf = (record: DirectoryRecord, fields: FieldDef[]): FormValues => Object.fromEntries(fields.map((f) => [f.name, formValueOf(record, f)]));

/** The fields whose form value differs from the record's. */
export const changedFields = (values: FormValues, base: FormValues, fields: FieldDef[]) => fields.filter((f) => (values[f.name] ?? '') !== (base[f.name] ?? ''));

/**
 * Form values as the API wants them: numbers for number fields. A new record leaves blanks out (the
 * server names what is missing); an edit sends a field emptied on purpose, for the server to judge.
 */
export function toBody(values: FormValues, fields: FieldDef[], keepBlanks = false): Record<string, string | number> {
  const body: Record<string, string | number> = {};
  for (const f of fields) {
    if (!(f.name in values)) continue;
    const raw = (values[f.name] ?? '').trim();
    if (raw === '' && !keepBlanks) continue;
    const asNumber = f.type === 'integer' || f.numeric;
    body[f.name] = asNumber && /^-?\d+$/.test(raw) ? Number(raw) : raw;
  }
  return body;
}
