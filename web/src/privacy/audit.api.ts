import { useApiQuery } from '../api/use-api-query';

// What the audit API answers (see src/audit/audit.routes.ts and src/access/access.routes.ts).

/** One emergency (break-glass) access claim in the privacy officer's queue. */
export interface EmergencyClaim {
  id: number;
  patientId: number;
  username: string;
  displayName: string;
  role: string;
  reason: string;
  startedAt: string;
  expiresAt: string;
  reviewedAt: string | null;
  reviewer: string | null;
  reviewNote: string | null;
}

/** One event of the audit trail: who did what to which record, and on what basis. */
export interface AuditEvent {
  seq: number;
  at: string;
  username: string;
  role: string;
  scope: string | null;
  recordType: string;
  recordId: string | null;
  action: string;
  basis: string;
  reason: string | null;
  requestId: string | null;
  /** Given for refused attempts only. */
  patientId?: number | null;
}

export interface TrailCheck {
  ok: boolean;
  events: number;
  headMatches: boolean;
  breaks: { seq: string; problem: string }[];
}

export const CLAIMS_PATH = '/audit/break-glass';

/** Newest first. */
export const useEmergencyClaims = (includeReviewed: boolean) => useApiQuery<EmergencyClaim[]>(CLAIMS_PATH, { includeReviewed });
export const usePatientTrail = (patientId: number | undefined, before: number | undefined) =>
  useApiQuery<AuditEvent[]>(`/audit/patients/${patientId ?? 0}`, { before }, { enabled: patientId !== undefined });
export const useRefusedAttempts = (before: number | undefined) => useApiQuery<AuditEvent[]>('/audit/denied', { before });
