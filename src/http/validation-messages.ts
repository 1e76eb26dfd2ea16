import { AppError, type ErrorDetail } from './errors.js';

export interface ValidationIssue {
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Schema validation issues (Fastify's or TypeBox's) → field + a message a person can act on. */
export function describeValidation(issues: ValidationIssue[], context?: string): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const issue of issues) {
    if (issue.keyword === 'boolean') continue; // TypeBox repeats additionalProperties this way
    const p = issue.params ?? {};
    const path = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const extras = p.additionalProperties ?? p.additionalProperty;
    let field = path || context || 'request';
    let message = issue.message ?? 'is not valid';
    if (typeof p.missingProperty === 'string') {
      field = p.missingProperty;
      message = 'is required';
    } else if (Array.isArray(p.requiredProperties)) {
      field = String(p.requiredProperties[0]);
      message = 'is required';
    } else if (extras !== undefined) {
      field = Array.isArray(extras) ? extras.join(', ') : String(extras);
      message = 'is not a field accepted here';
    } else if (Array.isArray(p.allowedValues)) message = `must be one of: ${(p.allowedValues as string[]).join(', ')}`;
    else if (issue.keyword === 'pattern') message = 'is not in the expected form';
    else if (issue.keyword === 'format') message = p.format === 'date-time' ? 'must be a date and time' : `must be a valid ${String(p.format)}`;
    else if (issue.keyword === 'type') message = p.type === 'integer' ? 'must be a whole number' : `must be a ${String(p.type)}`;
    else if (issue.keyword === 'minimum') message = `must be at least ${String(p.limit)}`;
    else if (issue.keyword === 'maximum') message = `must be at most ${String(p.limit)}`;
    else if (issue.keyword === 'minLength') message = Number(p.limit) <= 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters`;
    else if (issue.keyword === 'maxLength') message = `must be at most ${String(p.limit)} characters`;
    out.push({ field, message });
  }
  return out;
}

/**
 * An AppError for values that fail a schema, as every refused request body is worded, and for
 * services also reached without the HTTP layer (the command line); none if nothing failed.
 */
export function validationError(issues: ValidationIssue[], context?: string): AppError | undefined {
  const details = describeValidation(issues, context);
  const first = details[0];
  return first ? new AppError('validation_failed', `${first.field}: ${first.message}`, { details }) : undefined;
}
