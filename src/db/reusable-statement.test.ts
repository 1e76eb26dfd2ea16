import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { Database } from './schema.js';
import { reusableStatement } from './reusable-statement.js';

// Compiling needs the dialect only: the pool never connects.
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) });

describe('reusableStatement', () => {
  it('gives the text a fresh compile gives, with each call’s own input as its parameter, building it once', () => {
    // Outside tests: under test every call is also built afresh to check it (below).
    const env = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    onTestFinished(() => {
      if (env === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = env;
    });
    let builds = 0;
    const statement = reusableStatement((input) => {
      builds++;
      return sql`SELECT * FROM json_to_recordset(${input}::json) AS q(n int) WHERE q.n > ${7}`;
    });
    const first = statement(db, 'k', '[{"n":8}]');
    const second = statement(db, 'k', '[{"n":9}]');
    const fresh = sql`SELECT * FROM json_to_recordset(${'[{"n":9}]'}::json) AS q(n int) WHERE q.n > ${7}`.compile(db);
    expect(second.sql).toBe(fresh.sql);
    expect(second.parameters).toEqual(fresh.parameters);
    expect(first.parameters).toEqual(['[{"n":8}]', 7]);
    expect(builds).toBe(1);
  });

  it('compiles again for a new key, so a changed setting embedded in the statement takes effect', () => {
    let days = 30;
    const statement = reusableStatement((input) => sql`SELECT ${input}::int + ${days}`);
    expect(statement(db, String(days), 1).parameters).toEqual([1, 30]);
    days = 0;
    expect(statement(db, String(days), 1).parameters).toEqual([1, 0]);
  });

  it('fails under test when a statement embeds a changed value that its key does not name', () => {
    let days = 30;
    const statement = reusableStatement((input) => sql`SELECT ${input}::int + ${days}`);
    statement(db, 'same', 1);
    days = 0;
    expect(() => statement(db, 'same', 1)).toThrow(/changed under the same key/);
  });

  it('refuses a statement that does not use its input exactly once', () => {
    expect(() => reusableStatement(() => sql`SELECT 1`)(db, 'k', 1)).toThrow(/exactly once/);
    expect(() => reusableStatement((input) => sql`SELECT ${input}, ${input}`)(db, 'k', 1)).toThrow(/exactly once/);
  });
});
