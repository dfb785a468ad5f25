/**
 * Turns a short route description into a zod-openapi route: one 200 JSON response plus an error
 * response per status the route can answer, each listing its codes. The codes come from the core's
 * registry: the middleware's are derived from the path (error-surface.ts), the handler's are declared
 * here in `errors`. `request` is zod-openapi's (use `jsonBody` for a JSON body, with an example).
 */
import { type ApiErrorCode, apiErrorMessageKey, apiErrorStatus } from '@arkpay/core';
import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import { edgeErrorCodes } from './error-surface';

export type Security = 'admin' | 'issuer' | 'acquirer' | 'device' | 'none';

/** The enrolment call: signed by the key it enrols (no device id yet). */
export const ENROL_PATH = '/v1/device/enrol';

function securityOf(s: Security): RouteConfig['security'] {
  if (s === 'none') return [];
  if (s === 'device') return [{ DeviceSignature: [] }];
  return [{ [`${s}Key`]: [] }];
}

export function jsonBody<T extends z.ZodType>(schema: T, example?: z.input<T>) {
  return { required: true, content: { 'application/json': { schema, example } } };
}

/** Codes by status, each status's codes in registry order, without repeats. */
export function byStatus(codes: readonly ApiErrorCode[]): Map<number, ApiErrorCode[]> {
  const out = new Map<number, ApiErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = apiErrorStatus(code);
    out.set(status, [...(out.get(status) ?? []), code]);
  }
  return new Map([...out.entries()].sort((a, b) => a[0] - b[0]));
}

export function errorResponses(codes: readonly ApiErrorCode[]) {
  const responses: Record<
    string,
    { description: string; content: Record<string, unknown>; headers?: Record<string, unknown> }
  > = {};
  for (const [status, list] of byStatus(codes)) {
    const schema = z.object({ code: z.enum(list as [ApiErrorCode, ...ApiErrorCode[]]), message: z.string() });
    const examples: Record<string, { value: { code: ApiErrorCode; message: string } }> = {};
    for (const code of list) examples[code] = { value: { code, message: apiErrorMessageKey(code).replace(/_/g, ' ') } };
    responses[String(status)] = {
      description: list.join(', '),
      content: { 'application/json': { schema, examples } },
      // Every 429 says when to come back.
      headers:
        status === 429 ? { 'retry-after': { description: 'seconds to wait', schema: { type: 'integer' } } } : undefined,
    };
  }
  return responses;
}

export function route<
  M extends 'get' | 'post' | 'put',
  RQ extends NonNullable<RouteConfig['request']>,
  R extends z.ZodType,
>(s: {
  method: M;
  path: string;
  tag: string;
  operationId: string;
  summary: string;
  security: Security;
  request: RQ;
  response: R;
  /** An answer as the route gives it. */
  example?: z.input<R>;
  /** The codes the handler itself raises (the middleware's are added). */
  errors: readonly ApiErrorCode[];
}) {
  const validates = Object.keys(s.request).length > 0;
  const codes = [
    ...edgeErrorCodes({ method: s.method, path: s.path, security: s.security, validates }, ENROL_PATH),
    ...s.errors,
  ];
  return createRoute({
    method: s.method,
    path: s.path,
    tags: [s.tag],
    operationId: s.operationId,
    summary: s.summary,
    security: securityOf(s.security),
    request: s.request,
    responses: {
      200: { description: 'success', content: { 'application/json': { schema: s.response, example: s.example } } },
      ...errorResponses(codes),
    },
  });
}
