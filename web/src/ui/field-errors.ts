import { ApiError, type ApiErrorDetail } from '../api/client';

/** A field's label when known, else its name spelled out ("commissionedBeds" → "commissioned beds"). */
export function fieldLabel(field: string, labels: Record<string, string> = {}): string {
  return labels[field] ?? field.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** "Commissioned beds must be a whole number" from { field: 'commissionedBeds', message: 'must be a whole number' }. */
export function describeDetail(detail: ApiErrorDetail, labels: Record<string, string> = {}): string {
  return sentence(detail.field ? `${fieldLabel(detail.field, labels)} ${detail.message}` : detail.message);
}

/** The server's problems by field, for the `error` prop of each input. */
export function fieldErrors(error: unknown, labels: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {};
  if (!(error instanceof ApiError)) return out;
  for (const d of error.details) {
    if (d.field && !out[d.field]) out[d.field] = describeDetail(d, labels);
  }
  return out;
}
