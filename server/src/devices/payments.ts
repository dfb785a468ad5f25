/** Device payments with an own token: merchant-presented QR and in-app (the signed call is the payment). */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { AuthorizationResult, InAppPayment, MpmPayment } from '../authorize/model';
import { MPM_ERRORS, payInApp, payMpm } from '../authorize/mpm';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { jsonBody, route } from '../http/route';

export function registerDevicePaymentRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/payments/mpm',
      tag: 'device',
      operationId: 'payMpm',
      summary: 'Pay a merchant-presented EMVCo QR with an own token (the signed call is the payment)',
      security: 'device',
      request: { body: jsonBody(MpmPayment) },
      response: AuthorizationResult,
      errors: MPM_ERRORS,
    }),
    async (c) => c.json(await payMpm(deps, c.get('principal').id, c.req.valid('json')), 200),
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/payments/inapp',
      tag: 'device',
      operationId: 'payInApp',
      summary: 'Pay in a merchant app with an own token (domain "inapp"; the signed call is the payment)',
      security: 'device',
      request: { body: jsonBody(InAppPayment) },
      response: AuthorizationResult,
      errors: ['TOKEN_NOT_FOUND', 'CURRENCY_UNKNOWN'],
    }),
    async (c) => c.json(await payInApp(deps, c.get('principal').id, c.req.valid('json')), 200),
  );
}
