import pg from 'pg';

/**
 * Whether PostgreSQL answered a statement by refusing it, so that it changed nothing and doing its
 * work again is safe: an error the server sent about the statement itself (bad data, a constraint,
 * a lost serialisation race, missing rights). Not a lost connection, whose statement may have
 * committed before its answer was lost, nor the server shutting down, out of resources or
 * failing internally, when trying again one by one only multiplies the wait.
 */
export function refusedStatement(reason: unknown): boolean {
  return reason instanceof pg.DatabaseError && typeof reason.code === 'string' && !SERVER_TROUBLE.test(reason.code);
}

/** SQLSTATE classes 08 (connection), 53 (resources), 57 (operator intervention), 58 (system) and XX (internal). */
const SERVER_TROUBLE = /^(08|53|57|58|XX)/;
