/**
 * Turns a short route description into a zod-openapi route: one 200 JSON response plus the error
 * responses every route shares. `request` is zod-openapi's (use `jsonBody` for a JSON body).
 */
import { createRoute, type RouteConfig, type z } from '@hono/zod-openapi';
import { ErrorSchema } from './schemas';

export type Security = 'admin' | 'issuer' | 'acquirer' | 'device' | 'none';

const err = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

function securityOf(s: Security): RouteConfig['security'] {
  if (s === 'none') return [];
  if (s === 'device') return [{ DeviceSignature: [] }];
  return [{ [`${s}Key`]: [] }];
}

export function jsonBody<T extends z.ZodType>(schema: T) {
  return { required: true, content: { 'application/json': { schema } } };
}

export function route<
  M extends 'get' | 'post' | 'put',
  RQ extends NonNullable<RouteConfig['request']>,
  R extends z.ZodType,
>(s: { method: M; path: string; tag: string; summary: string; security: Security; request: RQ; response: R }) {
  return createRoute({
    method: s.method,
    path: s.path,
    tags: [s.tag],
    summary: s.summary,
    security: securityOf(s.security),
    request: s.request,
    responses: {
      200: { description: 'success', content: { 'application/json': { schema: s.response } } },
      400: err('invalid request'),
      401: err('not authenticated, or a bad/replayed device signature'),
      404: err('not found (or not yours)'),
      409: err('conflict (state, idempotency)'),
      413: err('request body too large'),
      415: err('request body not sent as application/json'),
      429: err('rate limited (with Retry-After)'),
    },
  });
}
