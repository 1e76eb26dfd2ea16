import { sql, type Kysely } from 'kysely';

// A refused look at a record keeps the id asked for in record_id, not in patient_id (the patient may
// not exist): the privacy officer's trail for a patient finds the refused looks at their record by it.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX audit_event_denied_record ON audit_event (record_type, record_id, seq) WHERE action = 'denied'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS audit_event_denied_record`.execute(db);
}
