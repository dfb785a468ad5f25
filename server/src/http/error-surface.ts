/**
 * The error codes the middleware in front of a route may answer, derived from what app.ts mounts on
 * that path (body limit, authentication and its abuse limit, request guard, idempotency, validation,
 * the error handler). A route adds the codes its handler raises; the OpenAPI document lists the union,
 * grouped by status. Keep this in step with app.ts: the openapi test sends real bad requests to every
 * route and checks the answer is listed.
 */
import type { ApiErrorCode } from '@arkpay/core';
import type { Security } from './route';

export interface RouteShape {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  security: Security;
  /** The route validates params, query or body with a schema (zod: VALIDATION_FAILED). */
  validates: boolean;
}

const BODY_METHODS: ReadonlySet<string> = new Set(['post', 'put', 'delete']);

export function edgeErrorCodes(r: RouteShape, enrolPath: string): ApiErrorCode[] {
  const codes: ApiErrorCode[] = ['INTERNAL'];
  if (!r.path.startsWith('/v1/')) return codes;
  const body = BODY_METHODS.has(r.method);
  // requestGuard runs on every /v1 call; the error handler maps database range errors to VALUE_INVALID.
  codes.push('CONTROL_CHARACTER', 'URL_MALFORMED', 'VALUE_INVALID');
  if (body) codes.push('BODY_TOO_LARGE', 'CONTENT_TYPE_UNSUPPORTED', 'BODY_NOT_JSON', 'BODY_TOO_DEEP', 'BAD_REQUEST');
  if (r.validates) codes.push('VALIDATION_FAILED');
  if (r.security === 'none') return codes;
  codes.push('AUTH_RATE_LIMITED', 'RATE_LIMITED');
  if (r.security === 'device') {
    codes.push('SIGNATURE_MISSING', 'SIGNATURE_INVALID', 'SIGNATURE_EXPIRED', 'SIGNATURE_REPLAYED');
    codes.push('DEVICE_KEY_INVALID');
    if (r.path === enrolPath) codes.push('ENROL_RATE_LIMITED', 'VALIDATION_FAILED');
    else codes.push('DEVICE_UNKNOWN');
    if (r.method !== 'get') codes.push('DEVICE_LOST');
  } else {
    codes.push('UNAUTHENTICATED');
  }
  // Idempotency-Key on every changing call of an authenticated caller.
  if (body)
    codes.push('IDEMPOTENCY_KEY_INVALID', 'IDEMPOTENCY_MISMATCH', 'IDEMPOTENCY_IN_PROGRESS', 'IDEMPOTENCY_COMMITTED');
  return codes;
}
