import { sql, type RawBuilder } from 'kysely';
import type { DbOrTx } from '../db/connection.js';
import { reusableStatement } from '../db/reusable-statement.js';

export interface AuditRow {
  user_id: number | null;
  username: string;
  role: string;
  scope: string | null;
  patient_id: number | null;
  record_type: string;
  record_id: string | null;
  action: string;
  basis: string;
  reason: string | null;
  request_id: string | null;
  patient_ids?: number[] | null;
}

/**
 * Appends events in the order given. Sequence number, time and hash are set by the database
 * trigger, never by the application.
 *
 * The events go as one JSON parameter: the statement is the same text whatever their number, so it
 * is composed once (no Kysely build per call) and PostgreSQL keeps one plan for it; a list screen's
 * event no longer sends its patients as a Postgres array literal built in JavaScript.
 */
export async function insertAuditEvents(db: DbOrTx, rows: AuditRow[]) {
  if (rows.length > 0) await db.executeQuery(appendEvents(db, '', JSON.stringify(rows, wellFormed)));
}

/**
 * A lone UTF-16 surrogate (half a character, as a pasted or cut-off emoji can leave) becomes U+FFFD,
 * as the driver makes it in a text parameter: JSON.stringify would write it as an escape that
 * PostgreSQL's JSON refuses, and the request would fail for want of its audit event.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormed = (_key: string, value: unknown) => (typeof value === 'string' ? value.replace(LONE_SURROGATE, '\uFFFD') : value);

const appendEvents = reusableStatement((rowsJson) =>
  insertEventsFrom(sql`(
    SELECT * FROM ROWS FROM (json_to_recordset(${rowsJson}::json) AS (user_id int, username text, role text, scope text, patient_id int, record_type text,
      record_id text, action text, basis text, reason text, request_id text, patient_ids int[]))
      WITH ORDINALITY AS j(user_id, username, role, scope, patient_id, record_type, record_id, action, basis, reason, request_id, patient_ids, n)
    ORDER BY j.n)`),
);

/** Who acted, in what role and scope, doing what: the fields an event takes from its request. */
export type AuditFields = Pick<AuditRow, 'user_id' | 'username' | 'role' | 'scope' | 'record_type' | 'action' | 'reason' | 'request_id'>;

/**
 * An INSERT of one event for each row `from` yields, in its order: the one way events are appended,
 * from a list of events (insertAuditEvents) or inside the statement that read the records they
 * record (where a read and its audit are one statement). `from` has the columns of AuditRow, each row
 * its own caller's.
 */
export function insertEventsFrom(from: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`INSERT INTO audit_event (user_id, username, role, scope, record_type, action, reason, request_id, patient_id, record_id, basis, patient_ids)
    SELECT f.user_id, f.username, f.role, f.scope, f.record_type, f.action, f.reason, f.request_id, f.patient_id, f.record_id, f.basis, f.patient_ids FROM ${from} f`;
}

/** Newest first, a page at a time: `before` is the sequence number the last page ended at. */
export interface EventPage {
  limit: number;
  before?: number;
}

/** A page of events as the privacy officer's lists show them, newest first; each list adds its filter. */
const eventsNewestFirst = (db: DbOrTx, page: EventPage) =>
  db
    .selectFrom('audit_event')
    .select(['seq', 'at', 'username', 'role', 'scope', 'patient_id', 'record_type', 'record_id', 'action', 'basis', 'reason', 'request_id'])
    .$if(page.before !== undefined, (q) => q.where('seq', '<', String(page.before)))
    .orderBy('seq', 'desc')
    .limit(page.limit);

export const selectPatientEvents = (db: DbOrTx, patientId: number, page: EventPage) =>
  eventsNewestFirst(db, page)
    // The patient's own events, list screens that showed them among others, and refused looks at
    // their record (kept by the id asked for: migration 0019).
    .where((eb) =>
      eb.or([
        eb('patient_id', '=', patientId),
        eb(sql<number[]>`patient_ids`, '@>', sql<number[]>`ARRAY[${patientId}]::integer[]`),
        eb.and([eb('action', '=', 'denied'), eb('record_type', '=', 'patient'), eb('record_id', '=', String(patientId))]),
      ]),
    )
    .execute();

export const selectDenied = (db: DbOrTx, page: EventPage) => eventsNewestFirst(db, page).where('action', '=', 'denied').execute();

/**
 * Recomputes every event's hash from its fields and checks each links to the one before with no
 * gap; then that the head matches the last event. Returns the first breaks found.
 */
export async function findChainBreaks(db: DbOrTx, limit = 20) {
  const breaks = await sql<{ seq: string; problem: string }>`
    SELECT seq::text, CASE
      WHEN seq <> prev_seq + 1 THEN 'gap before this event'
      WHEN prev_hash <> expected_prev THEN 'does not link to the event before'
      ELSE 'fields do not match the hash' END AS problem
    FROM (
      SELECT e.seq, e.hash, e.prev_hash,
        lag(e.seq, 1, 0::bigint) OVER (ORDER BY e.seq) AS prev_seq,
        lag(e.hash, 1, repeat('0', 64)) OVER (ORDER BY e.seq) AS expected_prev,
        encode(sha256(convert_to(audit_event_text(e), 'UTF8')), 'hex') AS recomputed
      FROM audit_event e
    ) x
    WHERE seq <> prev_seq + 1 OR prev_hash <> expected_prev OR hash <> recomputed
    ORDER BY seq
    LIMIT ${limit}`.execute(db);
  const head = await sql<{ events: string; last_seq: string; head_ok: boolean }>`
    SELECT (SELECT count(*) FROM audit_event)::text AS events, h.last_seq::text,
      coalesce((SELECT e.hash = h.last_hash AND e.seq = h.last_seq FROM audit_event e ORDER BY e.seq DESC LIMIT 1), h.last_seq = 0) AS head_ok
    FROM audit_head h`.execute(db);
  return { breaks: breaks.rows, ...head.rows[0]! };
}
