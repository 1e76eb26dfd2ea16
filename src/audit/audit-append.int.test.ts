import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callerFor, createTestDatabase, createUsers } from '../../test/support/test-app.js';
import type { Db } from '../db/connection.js';
import type { Caller } from '../http/caller.js';
import { findChainBreaks } from './audit.repo.js';
import { audit, type AuditEntry } from './audit.service.js';

let db: Db;
let drop: () => Promise<void>;
let caller: Caller;

beforeAll(async () => {
  ({ db, drop } = await createTestDatabase());
  await createUsers(db, ['bed-manager']);
  caller = await callerFor(db, 'bed-manager');
});
afterAll(() => drop());

/** The pool as a new handle that counts the statements run through it (and so has its own appender). */
function countingStatements(): { db: Db; statements: () => number } {
  let n = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => args.node,
    transformResult: async (args) => {
      n++;
      return args.result;
    },
  };
  return { db: db.withPlugin(counter), statements: () => n };
}

/** Three events for one request, the second naming a list of patients as a board page does. */
const eventsOf = (request: number): AuditEntry[] =>
  [0, 1, 2].map((k) => ({
    action: 'list',
    patientId: null,
    recordType: 'referral_board',
    recordId: `${request}.${k}`,
    basis: 'relationship',
    ...(k === 1 ? { patientIds: [request, request + 1000] } : {}),
  }));

const eventsWritten = (prefix: string) =>
  db
    .selectFrom('audit_event')
    .select(['seq', 'record_id', 'request_id', 'patient_ids'])
    .where('request_id', 'like', `${prefix}%`)
    .orderBy('seq')
    .execute();

describe('audit events written outside a transaction (lists, boards, searches, refusals)', () => {
  it('go in few statements when many requests write at once, each request’s events together and in order', async () => {
    const counting = countingStatements();
    await Promise.all(Array.from({ length: 30 }, (_, i) => audit(counting.db, { ...caller, requestId: `together-${i}` }, eventsOf(i))));
    // One statement each would be 30; calls that arrive together share one.
    expect(counting.statements()).toBeLessThanOrEqual(2);
    const rows = await eventsWritten('together-');
    expect(rows).toHaveLength(90);
    for (let i = 0; i < 30; i++) {
      const mine = rows.flatMap((r, at) => (r.request_id === `together-${i}` ? [{ ...r, at }] : []));
      expect(mine.map((r) => r.record_id)).toEqual([`${i}.0`, `${i}.1`, `${i}.2`]);
      expect(mine[2]!.at - mine[0]!.at).toBe(2); // next to each other in the chain
      expect(mine.map((r) => r.patient_ids)).toEqual([null, [i, i + 1000], null]);
    }
    expect(await findChainBreaks(db)).toMatchObject({ breaks: [], head_ok: true });
  });

  it('fail only the request whose events cannot be written; the others are written', async () => {
    const counting = countingStatements();
    const bad: AuditEntry = { action: 'not-an-action' as AuditEntry['action'], patientId: null, recordType: 'patient' };
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => audit(counting.db, { ...caller, requestId: `apart-${i}` }, i === 4 ? [...eventsOf(i), bad] : eventsOf(i))),
    );
    expect(results.map((r) => r.status)).toEqual(results.map((_, i) => (i === 4 ? 'rejected' : 'fulfilled')));
    // The shared statement was refused, then each call went alone: nine statements succeeded.
    expect(counting.statements()).toBe(9);
    const rows = await eventsWritten('apart-');
    expect(new Set(rows.map((r) => r.request_id))).toEqual(new Set(Array.from({ length: 10 }, (_, i) => `apart-${i}`).filter((r) => r !== 'apart-4')));
    expect(rows).toHaveLength(27);
    expect(await findChainBreaks(db)).toMatchObject({ breaks: [], head_ok: true });
  });

  it('inside a transaction are part of it: rolled back with it', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await audit(trx, { ...caller, requestId: 'rolled-back' }, eventsOf(1));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await eventsWritten('rolled-back')).toEqual([]);
  });

  it('keep text that JavaScript holds but JSON cannot carry, as the replacement character', async () => {
    await audit(db, { ...caller, requestId: 'unpaired-surrogate' }, [{ action: 'read', patientId: null, recordType: 'patient', reason: 'typed \ud83d then stopped' }]);
    const row = await db.selectFrom('audit_event').select('reason').where('request_id', '=', 'unpaired-surrogate').executeTakeFirstOrThrow();
    expect(row.reason).toBe('typed \ufffd then stopped');
  });
});
