import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, ERROR_CATALOGUE, type ErrorCode } from './errors.js';
import { mapPgError } from './pg-errors.js';
import { validationError, type ValidationIssue } from './validation-messages.js';

function fastifyCode(err: FastifyError): ErrorCode | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'payload_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return 'bad_request';
    default:
      if (err.statusCode === 429) return 'rate_limited';
      if (err.statusCode === 413) return 'payload_too_large';
      if (err.statusCode === 415) return 'unsupported_media_type';
      if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return 'bad_request';
      return undefined;
  }
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if ((error as FastifyError).validation) {
      const fe = error as FastifyError;
      appError = validationError(fe.validation as ValidationIssue[], fe.validationContext) ?? new AppError('validation_failed');
    } else {
      const code = mapPgError(error) ?? (fastifyCode(error as FastifyError) ? new AppError(fastifyCode(error as FastifyError)!) : undefined);
      appError = code ?? new AppError('internal');
    }
    if (appError.status >= 500) request.log.error({ err: error }, 'request failed');
    reply.status(appError.status).send({
      error: {
        code: appError.code,
        message: appError.message,
        ...(appError.details ? { details: appError.details } : {}),
        ...(appError.current !== undefined ? { current: appError.current } : {}),
      },
    });
  });
}

export function errorBody(code: ErrorCode, message?: string) {
  return { error: { code, message: message ?? ERROR_CATALOGUE[code].message } };
}
