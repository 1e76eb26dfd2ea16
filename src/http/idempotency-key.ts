import type { FastifyRequest } from 'fastify';

/** Clinical-event POSTs accept an Idempotency-Key: a replay returns the first response, creating nothing. */
export function idempotencyKey(request: FastifyRequest): string | undefined {
  const key = request.headers['idempotency-key'];
  return typeof key === 'string' ? key : undefined;
}
