// The one HTTP client of the web app: JSON in and out, the CSRF header on every change, and every
// failure turned into an ApiError carrying the server's code, message, field details and current record.

export interface ApiErrorDetail {
  row?: number;
  field?: string;
  message: string;
}

interface ErrorBody {
  error?: { code?: string; message?: string; details?: ApiErrorDetail[]; current?: unknown };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ApiErrorDetail[] = [],
    readonly current: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type QueryParams = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: QueryParams;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent as raw CSV text. */
  csv?: string;
  /** The version the change was made against (optimistic locking). */
  ifMatch?: number;
  /** Sent as Idempotency-Key so a repeated submission of the same event is not recorded twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => undefined;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called whenever the server says the session is missing or over (HTTP 401). */
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** `?a=1&b=x` from the given values, leaving out empty ones; '' when nothing is left. */
export function toSearch(query: QueryParams = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Full URL of an API path, for plain links (CSV downloads). */
export const apiUrl = (path: string, query?: QueryParams) => `/api${path}${toSearch(query)}`;

async function errorFrom(response: Response): Promise<ApiError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy page, say): fall back to a generic message below.
  }
  const e = body.error ?? {};
  return new ApiError(
    response.status,
    e.code ?? `http_${response.status}`,
    e.message ?? `The server answered with an error (${response.status}). Try again shortly.`,
    e.details ?? [],
    e.current,
  );
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? (options.json !== undefined || options.csv !== undefined ? 'POST' : 'GET');
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: string | undefined;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.csv !== undefined) {
    headers['content-type'] = 'text/csv';
    body = options.csv;
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.ifMatch !== undefined) headers['if-match'] = String(options.ifMatch);
  if (options.idempotencyKey !== undefined) headers['idempotency-key'] = options.idempotencyKey;

  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), { method, headers, body, credentials: 'same-origin', signal: options.signal });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'network', 'SecurePath could not be reached. Check your connection and try again.');
  }

  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && path !== '/auth/login') onUnauthenticated();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
