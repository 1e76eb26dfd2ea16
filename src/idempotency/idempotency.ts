import { createHash } from 'node:crypto';
import type { Db, Tx } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { AppError } from '../http/errors.js';
import * as repo from './idempotency.repo.js';

export interface IdempotentRequest<T> {
  /** The Idempotency-Key header, if the client sent one. */
  key: string | undefined;
  /** What is being done, e.g. "POST /patients/12/admit". */
  route: string;
  body: unknown;
  /** The HTTP status the first response had, kept with it. */
  status: number;
  /**
   * A replay shows the first answer (a patient's record, a referral) again, maybe long after: it
   * must check the caller may still see that record (not found if not: the access may have ended)
   * and audit the look, in the replay's transaction, as any other read of it is.
   */
  replayed: (trx: Tx, first: T) => Promise<void>;
}

/** The reason on the audit event of a replayed answer. */
export const REPLAYED = 'the answer to an earlier request with the same Idempotency-Key, shown again';

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))) : v,
  );

/**
 * Runs a clinical-event POST once per key: a replay with the same body gets the original response
 * and creates nothing, if the caller may still see what it shows (`replayed`); the same key with a
 * different body is refused. The key is stored in the same transaction as the event, so a failed
 * request leaves no key behind and can be retried.
 */
export async function runIdempotent<T>(db: Db, caller: Caller, req: IdempotentRequest<T>, run: (trx: Tx) => Promise<T>): Promise<{ replayed: boolean; result: T }> {
  if (req.key === undefined) return { replayed: false, result: await db.transaction().execute(run) };
  const key = req.key.trim();
  if (key.length < 8 || key.length > 200) {
    throw new AppError('validation_failed', 'The Idempotency-Key must be 8 to 200 characters (a UUID is ideal).', { details: [{ field: 'Idempotency-Key', message: 'must be 8 to 200 characters' }] });
  }
  const bodyHash = createHash('sha256').update(canonical(req.body)).digest('hex');
  return db.transaction().execute(async (trx) => {
    await repo.lockKey(trx, caller.userId, key);
    const seen = await repo.findKey(trx, caller.userId, key);
    if (seen) {
      if (seen.route !== req.route || seen.body_hash !== bodyHash) throw new AppError('idempotency_key_reused');
      await req.replayed(trx, seen.response as T);
      return { replayed: true, result: seen.response as T };
    }
    const result = await run(trx);
    await repo.saveKey(trx, { user_id: caller.userId, key, route: req.route, body_hash: bodyHash, status: req.status, response: result });
    return { replayed: false, result };
  });
}
