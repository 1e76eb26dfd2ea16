import { sql, type Kysely } from 'kysely';
import { LOCK } from './0012_audit_chain_lock.js';
import { chainFunctionsUnder } from './0016_audit_chain_checked.js';

// The audit chain's lock becomes one the application's role can neither take nor hold.
//
// Before, writers took an advisory lock (0012). Any role may take any advisory lock, so the
// application's role could hold the chain's in an idle session (`pg_advisory_lock` on the same key)
// and every audited request, which is every request touching patient data, would wait behind it.
//
// Now the chain's functions, running as their owner, lock an empty table in EXCLUSIVE mode instead.
// The table is in a schema only its owner may use. That matters: PostgreSQL locks a table while it
// parses a statement naming it and checks table privileges only when the statement runs, so a role
// with no rights on a table it can name may still hold a lock on it (`PREPARE ... SELECT ... FOR
// UPDATE` in an open transaction). A name in a schema the role may not use is refused before any
// lock is taken. EXCLUSIVE conflicts with every lock but the ACCESS SHARE of a plain read, and with
// itself, so writers still append one after another, as before; the order and the hashes are unchanged.
//
// The owner, migrating, creates the schema: it needs CREATE on the database, which the database's
// owner has.

/** The chain's lock as 0017 takes it: held until the transaction ends, as the advisory lock was. */
export const TAKE_CHAIN_LOCK = 'LOCK TABLE audit_private.chain_lock IN EXCLUSIVE MODE';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    CREATE SCHEMA audit_private;
    REVOKE ALL ON SCHEMA audit_private FROM PUBLIC;
    CREATE TABLE audit_private.chain_lock ();
    REVOKE ALL ON audit_private.chain_lock FROM PUBLIC;
${chainFunctionsUnder(TAKE_CHAIN_LOCK)}`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `${chainFunctionsUnder(`PERFORM ${LOCK}`)}
    DROP SCHEMA audit_private CASCADE;`,
    )
    .execute(db);
}
