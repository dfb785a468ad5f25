/** API errors: every 4xx/5xx body is { code, message } with a stable code and no secrets. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

export class ApiError extends Error {
  readonly status: ErrorStatus;
  readonly code: string;
  /** Seconds until a retry may succeed; sent as Retry-After (every 429 has one). */
  readonly retryAfterSeconds: number | undefined;
  constructor(status: ErrorStatus, code: string, message: string, retryAfterSeconds?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.name = 'ApiError';
  }
}

/**
 * The edge's codes and their one HTTP status each (request shape, abuse limits, BIN ranges,
 * idempotency leases). Raise them with `fail(code, …)` so a code never answers two statuses.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  BODY_NOT_JSON: 400,
  BODY_TOO_DEEP: 400,
  CONTENT_TYPE_UNSUPPORTED: 415,
  CONTROL_CHARACTER: 400,
  URL_MALFORMED: 400,
  VALUE_INVALID: 400,
  WALLET_INVALID: 400,
  BIN_RANGE_OVERLAP: 409,
  IDEMPOTENCY_IN_PROGRESS: 409,
  IDEMPOTENCY_COMMITTED: 409,
  RATE_LIMITED: 429,
  AUTH_RATE_LIMITED: 429,
  ENROL_RATE_LIMITED: 429,
} as const satisfies Record<string, ErrorStatus>;

export type EdgeErrorCode = keyof typeof ERROR_STATUS;

export function fail(code: EdgeErrorCode, message: string, retryAfterSeconds?: number): ApiError {
  return new ApiError(ERROR_STATUS[code], code, message, retryAfterSeconds);
}

export interface ErrorBody {
  code: string;
  message: string;
}
