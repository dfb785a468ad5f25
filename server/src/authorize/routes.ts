/** Acquirer / terminal API: tap authorization, refunds, reversals. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { jsonBody, route } from '../http/route';
import { IdParam } from '../http/schemas';
import { authorizeCpm, CPM_ERRORS } from './cpm';
import { AuthorizationResult, CpmAuthorization, Refund, TapRequest } from './model';
import { REFUND_ERRORS, refundOrReverse } from './refund';
import { authorizeTap } from './tap';

export function registerAcquirerRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'post',
      path: '/v1/acquirer/authorizations/tap',
      tag: 'acquirer',
      operationId: 'authorizeTap',
      summary: 'Authorize a contactless tap (ARQC online)',
      security: 'acquirer',
      request: { body: jsonBody(TapRequest) },
      response: AuthorizationResult,
      errors: ['CURRENCY_UNKNOWN'],
    }),
    async (c) => c.json(await authorizeTap(deps, c.get('principal').id, c.req.valid('json')), 200),
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/acquirer/authorizations/cpm',
      tag: 'acquirer',
      operationId: 'authorizeCpm',
      summary: 'Authorize a scanned consumer-presented QR (CPM)',
      security: 'acquirer',
      request: { body: jsonBody(CpmAuthorization) },
      response: AuthorizationResult,
      errors: CPM_ERRORS,
    }),
    async (c) => c.json(await authorizeCpm(deps, c.get('principal').id, c.req.valid('json')), 200),
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/acquirer/authorizations/{id}/refund',
      tag: 'acquirer',
      operationId: 'refundAuthorization',
      summary: 'Refund (part of) an approved authorization',
      security: 'acquirer',
      request: { params: IdParam, body: jsonBody(Refund) },
      response: AuthorizationResult,
      errors: REFUND_ERRORS,
    }),
    async (c) =>
      c.json(
        await refundOrReverse(
          deps,
          c.get('principal').id,
          c.req.valid('param').id,
          'refund',
          c.req.valid('json').amount,
        ),
        200,
      ),
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/acquirer/authorizations/{id}/reverse',
      tag: 'acquirer',
      operationId: 'reverseAuthorization',
      summary: 'Reverse an approved authorization',
      security: 'acquirer',
      request: { params: IdParam },
      response: AuthorizationResult,
      errors: REFUND_ERRORS,
    }),
    async (c) =>
      c.json(await refundOrReverse(deps, c.get('principal').id, c.req.valid('param').id, 'reversal', undefined), 200),
  );
}
