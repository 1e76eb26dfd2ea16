import { createQueryId, sql, type CompiledQuery, type RawBuilder } from 'kysely';
import type { DbOrTx } from './connection.js';

/**
 * A statement whose text never changes, composed and compiled once instead of on every call, with
 * the one value that does change put in as its parameter each time.
 *
 * Why: Kysely composes a long template (the audited record read has some forty fragments) in about
 * half a millisecond, on the event loop, before every call; that was a third of the server's time
 * for a batch of one read.
 *
 * `build` receives the changing value as a parameter and must give the same text for every value.
 * Any other parameter it embeds (a setting read when it is built) must be named in the `key` of each
 * call, so that a different setting gets its own compiled statement. Under test every call is also
 * built afresh and compared, so a statement that starts to embed something else fails the suite.
 * The text is compiled for the first database handed in: every database here speaks PostgreSQL
 * through the same Kysely setup (no plugins), so it serves them all.
 */
export function reusableStatement<R>(build: (input: RawBuilder<unknown>) => RawBuilder<R>) {
  const marker = {};
  const compiled = new Map<string, { query: CompiledQuery<R>; at: number }>();
  const compile = (db: DbOrTx) => {
    const query = build(sql`${marker}`).compile(db);
    const at = query.parameters.indexOf(marker);
    if (at < 0 || query.parameters.indexOf(marker, at + 1) >= 0) throw new Error('reusableStatement: the input must appear exactly once');
    return { query, at };
  };
  return (db: DbOrTx, key: string, input: unknown): CompiledQuery<R> => {
    let hit = compiled.get(key);
    if (!hit) {
      hit = compile(db);
      compiled.set(key, hit);
    } else if (process.env.NODE_ENV === 'test') {
      const fresh = compile(db).query;
      if (fresh.sql !== hit.query.sql || JSON.stringify(fresh.parameters) !== JSON.stringify(hit.query.parameters)) {
        throw new Error('reusableStatement: the statement changed under the same key; name whatever it embeds in the key');
      }
    }
    const { query, at } = hit;
    // Each run its own query id, as a fresh compile would have.
    return { ...query, queryId: createQueryId(), parameters: query.parameters.map((p, i) => (i === at ? input : p)) };
  };
}
