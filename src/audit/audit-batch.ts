import type { Db } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { insertAuditEvents } from './audit.repo.js';
import { toAuditRow, type AuditEntry } from './audit.service.js';

/**
 * Writes the audit events of busy read screens together: events queued in the same turn of the
 * event loop go to the database in one statement (one round trip, one pass of the chain lock).
 * Each caller waits for its own event to be written, so a screen is still shown only once its look
 * is on record; if the statement fails, every waiting request fails.
 */
export class AuditBatch {
  private queue: { caller: Caller; entry: AuditEntry; done: (e?: unknown) => void }[] = [];

  constructor(private readonly db: Db) {}

  write(caller: Caller, entry: AuditEntry): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.queue.length === 0) setImmediate(() => void this.flush());
      this.queue.push({ caller, entry, done: (e) => (e === undefined ? resolve() : reject(e)) });
    });
  }

  private async flush() {
    const batch = this.queue;
    this.queue = [];
    try {
      await insertAuditEvents(this.db, batch.map((b) => toAuditRow(b.caller, b.entry)));
      for (const b of batch) b.done();
    } catch (e) {
      for (const b of batch) b.done(e ?? new Error('audit write failed'));
    }
  }
}
