import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { refusedStatement } from './refused-statement.js';

const serverError = (code: string) => Object.assign(new pg.DatabaseError('refused', 0, 'error'), { code });

describe('refusedStatement: may a failed batch be tried again call by call?', () => {
  it('yes when PostgreSQL refused the statement: bad data, a constraint, a serialisation race, missing rights', () => {
    for (const code of ['22P02', '23514', '23505', '40001', '42501']) expect(refusedStatement(serverError(code)), code).toBe(true);
  });

  it('no when the server is going away, out of resources or failing inside', () => {
    for (const code of ['08006', '53300', '57P01', '58030', 'XX000']) expect(refusedStatement(serverError(code)), code).toBe(false);
  });

  it('no when the connection was lost: the statement may have committed before its answer was lost', () => {
    expect(refusedStatement(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(false);
    expect(refusedStatement(new Error('Connection terminated unexpectedly'))).toBe(false);
  });
});
