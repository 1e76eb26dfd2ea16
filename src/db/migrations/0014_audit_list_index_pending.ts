import { sql, type Kysely } from 'kysely';

// The index behind "who has looked at this patient" for list screens (a board page names its 50
// patients in one event) takes new entries into a pending list, merged into the index when the list
// is full. The merge is done by whichever insert fills it, while that statement holds the audit
// chain's lock, so every audited request waits for it. At the default 4 MB a merge took up to
// 80 ms under a busy board; at 256 kB it is a few milliseconds, at about the same total cost
// (the entries are patients spread over the nation, so larger merges save little).
// Measured on the bench nation, three alternated runs at 50 clients: board p99 47 / 46 / 54 ms
// against 76 / 56 / 79 ms, longest audit statement 34-43 against 64-79 ms.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER INDEX audit_event_patient_lists SET (gin_pending_list_limit = 256)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER INDEX audit_event_patient_lists RESET (gin_pending_list_limit)`.execute(db);
}
