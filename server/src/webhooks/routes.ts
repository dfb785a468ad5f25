/** Issuer API: configure the webhook (secret shown once), read the delivery log. */
import type { WebhookDelivery } from '@arkpay/core/contract';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { seal } from '../crypto/seal';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { jsonBody, route } from '../http/route';
import { newWebhookSecret } from './dispatcher';
import { webhookSecretAad } from './secret';

const Delivery = z
  .object({
    id: z.string(),
    eventId: z.string(),
    attempt: z.number(),
    statusCode: z.number().nullable(),
    ok: z.boolean(),
    error: z.string().nullable(),
    createdAt: z.number(),
  })
  .openapi('Delivery') satisfies z.ZodType<WebhookDelivery>;

export function registerWebhookRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'get',
      path: '/v1/issuer/webhook',
      tag: 'issuer',
      operationId: 'getWebhook',
      summary: 'The webhook URL, or null when none is set (the secret is never shown again)',
      security: 'issuer',
      request: {},
      response: z.object({ url: z.string().nullable() }),
      example: { url: 'https://issuer.example/arkpay/webhook' },
      errors: [],
    }),
    async (c) => {
      const row = await deps.db.kysely
        .selectFrom('webhooks')
        .select('url')
        .where('issuer_id', '=', c.get('principal').id)
        .executeTakeFirst();
      return c.json({ url: row?.url ?? null }, 200);
    },
  );
  app.openapi(
    route({
      method: 'put',
      path: '/v1/issuer/webhook',
      tag: 'issuer',
      operationId: 'setWebhook',
      summary:
        'Set the webhook URL; returns a new signing secret (shown once): sending the same URL rotates the secret',
      security: 'issuer',
      request: {
        body: jsonBody(z.object({ url: z.string().url().max(2000) }), { url: 'https://issuer.example/arkpay/webhook' }),
      },
      response: z.object({ url: z.string(), secret: z.string() }),
      errors: [],
    }),
    async (c) => {
      const issuerId = c.get('principal').id;
      const url = c.req.valid('json').url;
      const secret = newWebhookSecret();
      const sealed = seal(deps.kek, new TextEncoder().encode(secret), webhookSecretAad(issuerId));
      await deps.db.kysely
        .insertInto('webhooks')
        .values({ issuer_id: issuerId, url, secret_sealed: sealed, created_at: deps.now() })
        .onConflict((oc) => oc.column('issuer_id').doUpdateSet({ url, secret_sealed: sealed }))
        .execute();
      return c.json({ url, secret }, 200);
    },
  );
  app.openapi(
    route({
      method: 'get',
      path: '/v1/issuer/webhook/deliveries',
      tag: 'issuer',
      operationId: 'listDeliveries',
      summary: 'Webhook delivery log, newest first',
      security: 'issuer',
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }) },
      response: z.object({ deliveries: z.array(Delivery) }),
      errors: [],
    }),
    async (c) => {
      const rows = await deps.db.kysely
        .selectFrom('deliveries')
        .selectAll()
        .where('issuer_id', '=', c.get('principal').id)
        .orderBy('created_at', 'desc')
        .limit(c.req.valid('query').limit)
        .execute();
      return c.json(
        {
          deliveries: rows.map((r) => ({
            id: r.id,
            eventId: r.event_id,
            attempt: r.attempt,
            statusCode: r.status_code,
            ok: r.ok === 1,
            error: r.error,
            createdAt: r.created_at,
          })),
        },
        200,
      );
    },
  );
}
