import { AppError, type ShownRecord } from './errors.js';

/** Parse an If-Match header ("3", "\"3\"" or W/"3") into a version number, or null. */
export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(header);
  return m ? Number(m[1]) : null;
}

/** Updates must say which version they were made against; a missing or unreadable one is refused. */
export function requireVersion(header: string | undefined): number {
  const version = parseIfMatch(header);
  if (version === null) throw new AppError('version_required');
  return version;
}

/**
 * An edit must say which version it was made against (If-Match: 428 without one) and be against the
 * version now stored: otherwise 412 with the record as it stands (`current`, worked out only when
 * needed), saying whose record it is (`shows`) so the look is audited (auditingRefusals).
 */
export async function checkIfMatch(header: string | undefined, version: number, current: () => unknown, shows?: ShownRecord): Promise<void> {
  if (requireVersion(header) !== version) throw new AppError('version_conflict', undefined, { current: await current(), shows });
}

export const etagOf = (version: number) => `"${version}"`;
