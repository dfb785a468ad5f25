/**
 * API errors: every 4xx/5xx body is { code, message } with a code from the core's registry
 * (@arkpay/core contract/errors), which fixes the one HTTP status each code answers.
 */
import { type ApiErrorCode, type ApiErrorStatus, type ArkPayError, apiErrorCodeOf, apiErrorStatus } from '@arkpay/core';

export type ErrorStatus = ApiErrorStatus;

export class ApiError extends Error {
  readonly status: ErrorStatus;
  readonly code: ApiErrorCode;
  /** Seconds until a retry may succeed; sent as Retry-After (every 429 has one). */
  readonly retryAfterSeconds: number | undefined;
  constructor(code: ApiErrorCode, message: string, retryAfterSeconds?: number) {
    super(message);
    this.status = apiErrorStatus(code);
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
    this.name = 'ApiError';
  }
}

export function fail(code: ApiErrorCode, message: string, retryAfterSeconds?: number): ApiError {
  return new ApiError(code, message, retryAfterSeconds);
}

export interface ErrorBody {
  code: ApiErrorCode;
  message: string;
}

/**
 * A core error (QR, card data) as the API error of the same code; `otherwise` when the core has a code
 * the registry lacks, so the answer keeps its status. The registry test holds the two sets together.
 */
export function fromCoreError(e: ArkPayError, otherwise: ApiErrorCode): ApiError {
  return new ApiError(apiErrorCodeOf(e.code) ?? otherwise, e.message);
}

/** The JSON answer for `code` and its status, for handlers that answer without throwing. */
export function errorAnswer(code: ApiErrorCode, message: string): Response {
  const body: ErrorBody = { code, message };
  return Response.json(body, { status: apiErrorStatus(code) });
}
