/**
 * Acquiring partners' API (acquirer key): registrations of merchant codes, the notification endpoint,
 * payments (query, settle, cancel, refund), the notification log; and the wallet's side (signed
 * device calls): quote a foreign merchant QR, confirm the quote.
 */
import type { ApiErrorCode } from '@arkpay/core';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { REFUND_ERRORS } from '../authorize/refund';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { jsonBody, route } from '../http/route';
import { Amount, IdParam } from '../http/schemas';
import { endpointOf, rotateSecret, setEndpoint } from './endpoint';
import { AcquiredPaymentView, PAYMENT_EXAMPLE, QrQuoteView, QUOTE_EXAMPLE } from './model';
import { cancelPayment, getPayment, listPayments, refundPayment, settlePayment } from './payments';
import { ConfirmRequest, confirmQuote, createQuote, QuoteRequest } from './quote';
import { deleteRegistration, listRegistrations, Registration, RegistrationRequest, register } from './registrations';

const QR_READ_ERRORS: ApiErrorCode[] = [
  'QR_FORMAT',
  'QR_LENGTH_OVERRUN',
  'QR_DUPLICATE_ID',
  'QR_CRC_MISSING',
  'QR_CRC_NOT_LAST',
  'QR_BAD_CRC',
  'QR_BAD_AMOUNT',
  'QR_VALUE',
];

export const QUOTE_ERRORS: readonly ApiErrorCode[] = [
  'TOKEN_NOT_FOUND',
  'TOKEN_NOT_ACTIVE',
  ...QR_READ_ERRORS,
  'QR_AMOUNT_INVALID',
  'QR_CURRENCY_MISSING',
  'AMOUNT_MISMATCH',
  'AMOUNT_REQUIRED',
  'QR_NOT_ACCEPTED',
  'QUOTE_RATE_MISSING',
  'QUOTE_RATE_STALE',
];

const REGISTRATION_EXAMPLE = {
  id: 'reg_0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a',
  guid: 'A000000677010111',
  merchantId: '0066812345678',
  network: null,
  createdAt: 1_764_230_400_000,
};

const Endpoint = z.object({ url: z.string(), secret: z.string().openapi({ description: 'shown once' }) });
const ENDPOINT_EXAMPLE = { url: 'https://acquirer.example/arkpay/notifications', secret: 'acqsec_…' };

const NotificationView = z
  .object({
    id: z.string(),
    paymentId: z.string(),
    type: z.string(),
    delivery: z.enum(['pending', 'delivered', 'failed', 'none']),
    attempts: z.number().int(),
    createdAt: z.number(),
  })
  .openapi('AcquirerNotificationStatus');

export function registerAcquiringRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  registerPartnerRoutes(app, deps);
  registerPaymentRoutes(app, deps);
  registerWalletRoutes(app, deps);
}

function registerPartnerRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'post',
      path: '/v1/acquirer/registrations',
      tag: 'acquirer',
      operationId: 'createRegistration',
      summary: 'Register merchant QR codes this acquirer acquires: a template GUID (+ merchant id), or a network',
      security: 'acquirer',
      request: {
        body: jsonBody(RegistrationRequest, { guid: 'A000000677010111', merchantId: '0066812345678' }),
      },
      response: Registration,
      example: REGISTRATION_EXAMPLE,
      errors: ['REGISTRATION_INVALID', 'REGISTRATION_TAKEN'],
    }),
    async (c) => c.json(await register(deps, c.get('principal').id, c.req.valid('json')), 200),
  );
  app.openapi(
    route({
      method: 'get',
      path: '/v1/acquirer/registrations',
      tag: 'acquirer',
      operationId: 'listRegistrations',
      summary: "This acquirer's registrations of merchant QR codes, oldest first",
      security: 'acquirer',
      request: {},
      response: z.object({ registrations: z.array(Registration) }),
      example: { registrations: [REGISTRATION_EXAMPLE] },
      errors: [],
    }),
    async (c) => c.json({ registrations: await listRegistrations(deps, c.get('principal').id) }, 200),
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/acquirer/registrations/{id}/delete',
      tag: 'acquirer',
      operationId: 'deleteRegistration',
      summary: 'Stop acquiring the codes of a registration (new quotes for them are no longer routed here)',
      security: 'acquirer',
      request: { params: IdParam },
      response: Registration,
      example: REGISTRATION_EXAMPLE,
      errors: ['REGISTRATION_NOT_FOUND'],
    }),
    async (c) => c.json(await deleteRegistration(deps, c.get('principal').id, c.req.valid('param').id), 200),
  );
  app.openapi(
    route({
      method: 'get',
      path: '/v1/acquirer/notification-endpoint',
      tag: 'acquirer',
      operationId: 'getNotificationEndpoint',
      summary: 'The payment notification URL, or null when none is set (the secret is never shown again)',
      security: 'acquirer',
      request: {},
      response: z.object({ url: z.string().nullable() }),
      example: { url: ENDPOINT_EXAMPLE.url },
      errors: [],
    }),
    async (c) => c.json({ url: (await endpointOf(deps, c.get('principal').id))?.url ?? null }, 200),
  );
  app.openapi(
    route({
      method: 'put',
      path: '/v1/acquirer/notification-endpoint',
      tag: 'acquirer',
      operationId: 'setNotificationEndpoint',
      summary: 'Set the payment notification URL; returns a new signing secret (shown once)',
      security: 'acquirer',
      request: { body: jsonBody(z.object({ url: z.string().url().max(2000) }), { url: ENDPOINT_EXAMPLE.url }) },
      response: Endpoint,
      example: ENDPOINT_EXAMPLE,
      errors: [],
    }),
    async (c) => c.json(await setEndpoint(deps, c.get('principal').id, c.req.valid('json').url), 200),
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/acquirer/notification-endpoint/rotate',
      tag: 'acquirer',
      operationId: 'rotateNotificationSecret',
      summary: 'A new signing secret for the notification URL (shown once; the old one stops at once)',
      security: 'acquirer',
      request: {},
      response: Endpoint,
      example: ENDPOINT_EXAMPLE,
      errors: ['NOTIFICATION_URL_NOT_SET'],
    }),
    async (c) => c.json(await rotateSecret(deps, c.get('principal').id), 200),
  );
  app.openapi(
    route({
      method: 'get',
      path: '/v1/acquirer/notifications',
      tag: 'acquirer',
      operationId: 'listAcquirerNotifications',
      summary: 'Payment notifications to this acquirer and their delivery, newest first',
      security: 'acquirer',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
      response: z.object({ notifications: z.array(NotificationView) }),
      example: {
        notifications: [
          {
            id: 'ntf_1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d',
            paymentId: PAYMENT_EXAMPLE.id,
            type: 'payment.authorized',
            delivery: 'delivered',
            attempts: 1,
            createdAt: PAYMENT_EXAMPLE.createdAt,
          },
        ],
      },
      errors: [],
    }),
    async (c) => {
      const rows = await deps.db.kysely
        .selectFrom('acquirer_notifications')
        .select(['id', 'payment_id', 'type', 'delivery', 'attempts', 'created_at'])
        .where('acquirer_id', '=', c.get('principal').id)
        .orderBy('created_at', 'desc')
        .limit(c.req.valid('query').limit)
        .execute();
      return c.json(
        {
          notifications: rows.map((r) => ({
            id: r.id,
            paymentId: r.payment_id,
            type: r.type,
            delivery: r.delivery as 'pending' | 'delivered' | 'failed' | 'none',
            attempts: r.attempts,
            createdAt: Number(r.created_at),
          })),
        },
        200,
      );
    },
  );
}

function registerPaymentRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'get',
      path: '/v1/acquirer/qr-payments',
      tag: 'acquirer',
      operationId: 'listQrPayments',
      summary: 'Merchant QR payments acquired by this acquirer, newest first',
      security: 'acquirer',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }) },
      response: z.object({ payments: z.array(AcquiredPaymentView) }),
      example: { payments: [PAYMENT_EXAMPLE] },
      errors: [],
    }),
    async (c) => c.json({ payments: await listPayments(deps, c.get('principal').id, c.req.valid('query').limit) }, 200),
  );
  app.openapi(
    route({
      method: 'get',
      path: '/v1/acquirer/qr-payments/{id}',
      tag: 'acquirer',
      operationId: 'getQrPayment',
      summary: 'A merchant QR payment: state, both amounts, rate, refunds',
      security: 'acquirer',
      request: { params: IdParam },
      response: AcquiredPaymentView,
      example: PAYMENT_EXAMPLE,
      errors: ['PAYMENT_NOT_FOUND'],
    }),
    async (c) => c.json(await getPayment(deps, c.get('principal').id, c.req.valid('param').id), 200),
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/acquirer/qr-payments/{id}/settle',
      tag: 'acquirer',
      operationId: 'settleQrPayment',
      summary: 'Settle a payment now, before the 00:00 UTC cut-off (it can then be refunded, not cancelled)',
      security: 'acquirer',
      request: { params: IdParam },
      response: AcquiredPaymentView,
      example: { ...PAYMENT_EXAMPLE, state: 'settled' as PAYMENT_STATE_T },
      errors: ['PAYMENT_NOT_FOUND', 'PAYMENT_STATE'],
    }),
    async (c) => c.json(await settlePayment(deps, c.get('principal').id, c.req.valid('param').id), 200),
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/acquirer/qr-payments/{id}/cancel',
      tag: 'acquirer',
      operationId: 'cancelQrPayment',
      summary: 'Cancel an unsettled payment: the authorization is reversed in full',
      security: 'acquirer',
      request: { params: IdParam },
      response: AcquiredPaymentView,
      example: { ...PAYMENT_EXAMPLE, state: 'cancelled' as PAYMENT_STATE_T },
      errors: ['PAYMENT_NOT_FOUND', 'PAYMENT_STATE', ...REFUND_ERRORS],
    }),
    async (c) => c.json(await cancelPayment(deps, c.get('principal').id, c.req.valid('param').id), 200),
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/acquirer/qr-payments/{id}/refund',
      tag: 'acquirer',
      operationId: 'refundQrPayment',
      summary: "Refund (part of) a settled payment in the merchant's currency, billed back at the original rate",
      security: 'acquirer',
      request: {
        params: IdParam,
        body: jsonBody(
          z.object({ amount: Amount.refine((a) => a > 0, 'must be positive') }).openapi('QrRefundRequest'),
          { amount: 15000 },
        ),
      },
      response: AcquiredPaymentView,
      example: {
        ...PAYMENT_EXAMPLE,
        state: 'partly_refunded' as PAYMENT_STATE_T,
        refundedAmount: 15000,
        refundedBillingAmount: 3051,
        refunds: [{ id: 'rfd_9f8e7d6c5b4a39281706f5e4d3c2b1a0', amount: 15000, billingAmount: 3051, createdAt: 0 }],
      },
      errors: ['PAYMENT_NOT_FOUND', 'PAYMENT_STATE', 'VALUE_INVALID', ...REFUND_ERRORS],
    }),
    async (c) =>
      c.json(
        await refundPayment(deps, c.get('principal').id, c.req.valid('param').id, c.req.valid('json').amount),
        200,
      ),
  );
}

type PAYMENT_STATE_T = z.infer<typeof AcquiredPaymentView>['state'];

function registerWalletRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/payments/mpm/quote',
      tag: 'device',
      operationId: 'quoteMpm',
      summary:
        "Quote a foreign merchant QR: the merchant's amount, the card's billing amount, rate and markup, valid 120 s",
      security: 'device',
      request: {
        body: jsonBody(QuoteRequest, {
          tokenId: QUOTE_EXAMPLE.tokenId,
          payload:
            '00020101021229370016A000000677010111011300668123456785204581253037645406450.005802TH5912Siam Noodles6007Bangkok6304D879',
        }),
      },
      response: QrQuoteView,
      example: QUOTE_EXAMPLE,
      errors: QUOTE_ERRORS,
    }),
    async (c) => c.json(await createQuote(deps, c.get('principal').id, c.req.valid('json')), 200),
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/payments/mpm/confirm',
      tag: 'device',
      operationId: 'confirmMpmQuote',
      summary: 'Pay a quote after the owner verified on the device; a second confirm answers the same payment',
      security: 'device',
      request: { body: jsonBody(ConfirmRequest, { quoteId: QUOTE_EXAMPLE.id, ownerVerified: true }) },
      response: AcquiredPaymentView,
      example: PAYMENT_EXAMPLE,
      errors: ['QUOTE_NOT_FOUND', 'QUOTE_EXPIRED', 'QUOTE_ALREADY_CONFIRMED', 'TOKEN_NOT_FOUND'],
    }),
    async (c) => c.json(await confirmQuote(deps, c.get('principal').id, c.req.valid('json')), 200),
  );
}
