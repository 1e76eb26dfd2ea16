import { sql, type Kysely } from 'kysely';
import { LOCK } from './0012_audit_chain_lock.js';
import { chainFunctionsUnder } from './0016_audit_chain_checked.js';

// The audit chain's lock becomes one the application's role cannot hold on its own, and a writer that
// holds it is not left idle for long.
//
// Before, writers took an advisory lock (0012). Any role may take any advisory lock, so the
// application's role could hold the chain's in an idle session (`pg_advisory_lock` on the same key)
// and every audited request, which is every request touching patient data, would wait behind it.
//
// Now the chain's functions, running as their owner, lock an empty table in SHARE UPDATE EXCLUSIVE
// mode instead: a mode that conflicts with itself, so writers still append one after another (the
// order and the hashes are unchanged), and otherwise only with what maintenance and schema changes
// take. Why the table is where it is, and why this mode (from a reviewer's attack on the first
// version of this migration):
//   - PostgreSQL locks a table while it parses a statement naming it and checks table rights only when
//     the statement runs, so a role with no rights on a table it can name still holds a lock on it
//     after `PREPARE ... SELECT ... FOR UPDATE` in an open transaction. The table is therefore in a
//     schema only its owner may use: a name there is refused before any lock is taken.
//   - By number, not name, the sequence functions (nextval(oid) and the like) lock any table in ROW
//     EXCLUSIVE mode before finding it is not a sequence, and keep that lock to the end of the
//     transaction even when the error is caught. EXCLUSIVE, this migration's first choice, conflicts
//     with ROW EXCLUSIVE; SHARE UPDATE EXCLUSIVE does not.
//
// Nor may the application's role call the chain's functions (nor the ward directory's, from 0013)
// outside their own triggers: EXECUTE was PUBLIC's, as for any new function, so the role could
// attach them to a temporary table of its own and, with the owner's rights, take the lock without
// touching the trail, or move the audit head (audit_head_advance checks the events a statement
// appended, and a temporary table's "events" can be made to pass). PostgreSQL checks EXECUTE when a
// trigger is created, not when it fires, so the real triggers are unaffected. A function added later
// that runs with its owner's rights must have EXECUTE revoked from PUBLIC in its own migration.
//
// What no lock can prevent: a role that may append events holds the lock from the start of its first
// INSERT into the trail (even one that adds no row) until its transaction ends, as any chain
// serialised to commit order must. An application whose code left such a transaction open would
// stall every audited request; so taking the lock also limits how long that transaction may sit idle
// (idle_in_transaction_session_timeout, 30 s, for the rest of the transaction only), unless a limit
// is already set. PostgreSQL then ends the session and the lock goes with it. The application's role
// could set the limit back: this bounds mistakes, not an attacker who runs SQL as the application,
// who could stall requests anyway with the locks its UPDATE and DELETE rights on the register allow.
//
// The owner, migrating, creates the schema: it needs CREATE on the database, which the database's
// owner has.

/** How long a transaction holding the chain's lock may sit idle, unless a limit is already set. */
const IDLE_WHILE_LOCKED = '30s';

/**
 * The chain's lock as 0017 takes it, held until the transaction ends, as the advisory lock was; then
 * the idle limit (see above).
 */
export const TAKE_CHAIN_LOCK = `LOCK TABLE audit_private.chain_lock IN SHARE UPDATE EXCLUSIVE MODE;
      IF pg_catalog.current_setting('idle_in_transaction_session_timeout') = '0' THEN
        PERFORM pg_catalog.set_config('idle_in_transaction_session_timeout', '${IDLE_WHILE_LOCKED}', true);
      END IF`;

/** The trigger functions that run with their owner's rights: only their triggers may call them. */
const OWNERS_FUNCTIONS = 'audit_chain_tail(), audit_event_chain(), audit_head_advance(), new_ward_directory_version()';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `
    CREATE SCHEMA audit_private;
    REVOKE ALL ON SCHEMA audit_private FROM PUBLIC;
    CREATE TABLE audit_private.chain_lock ();
    REVOKE ALL ON audit_private.chain_lock FROM PUBLIC;
${chainFunctionsUnder(TAKE_CHAIN_LOCK)}
    REVOKE EXECUTE ON FUNCTION ${OWNERS_FUNCTIONS} FROM PUBLIC;`,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `${chainFunctionsUnder(`PERFORM ${LOCK}`)}
    GRANT EXECUTE ON FUNCTION ${OWNERS_FUNCTIONS} TO PUBLIC;
    DROP SCHEMA audit_private CASCADE;`,
    )
    .execute(db);
}
