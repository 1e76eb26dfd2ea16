import { sql, type Kysely } from 'kysely';
import { chainFunction } from './0002_audit_idempotency.js';

// The audit chain, kept as before (each event numbered and hashed onto the one before, by the
// database), but cheaper when one statement appends many events, as a batch of record reads does.
//
// Before, every event locked and rewrote the `audit_head` row: a new row version per event, and a
// row lock re-taken per event, which cost more than the rest of the event together. Now:
//   - writers take a transaction-scoped advisory lock, held until commit, so events are still
//     numbered and chained in one order; taking it again within the transaction costs next to nothing;
//   - each event links to the last event in the table (the primary key's last entry), which under
//     that lock is the last committed one, or one this transaction appended just before;
//   - the head is moved once per statement, so `audit verify` still proves the tail is all there.
// Every name is schema-qualified: these functions run with their owner's rights, so a temporary
// table the application's role created must not stand in for the chain or its head.

export const LOCK = `pg_advisory_xact_lock(hashtext('securepath.audit_chain'), 0)`;

/** The chain trigger's function as this migration made it (0015 changes it; its down restores this). */
export const chainFunctionLocked = `
    CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    DECLARE last_seq bigint; last_hash text;
    BEGIN
      PERFORM ${LOCK};
      SELECT e.seq, e.hash INTO last_seq, last_hash FROM public.audit_event e ORDER BY e.seq DESC LIMIT 1;
      NEW.seq := coalesce(last_seq, 0) + 1;
      NEW.prev_hash := coalesce(last_hash, repeat('0', 64));
      NEW.hash := encode(sha256(convert_to(public.audit_event_text(NEW), 'UTF8')), 'hex');
      RETURN NEW;
    END $$;`;

/** The head trigger's function as this migration made it (0016 changes it; its down restores this). */
export const headAdvanceFunction = `
    CREATE OR REPLACE FUNCTION audit_head_advance() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    BEGIN
      -- Only a statement that appended events (and so holds the lock) finds the head behind.
      UPDATE public.audit_head h SET last_seq = e.seq, last_hash = e.hash
        FROM (SELECT seq, hash FROM public.audit_event ORDER BY seq DESC LIMIT 1) e
        WHERE h.last_seq <> e.seq;
      RETURN NULL;
    END $$;`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `${chainFunctionLocked}

${headAdvanceFunction}
    CREATE TRIGGER audit_head_advance AFTER INSERT ON audit_event FOR EACH STATEMENT EXECUTE FUNCTION audit_head_advance();
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER IF EXISTS audit_head_advance ON audit_event;
    DROP FUNCTION IF EXISTS audit_head_advance();
    ${sql.raw(chainFunction('CREATE OR REPLACE'))}
    ALTER FUNCTION audit_event_chain() SECURITY DEFINER;
  `.execute(db);
}
