/** Issuer API: the issuer's event log (the same events its webhook receives), and sending one again. */
import type { IssuerEvent } from '@arkpay/core/contract';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { route } from '../http/route';
import { IdParam } from '../http/schemas';
import { openEventPayload } from './sealed-payload';

const Event = z
  .object({
    id: z.string(),
    type: z.string(),
    subjectId: z.string(),
    payload: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    createdAt: z.number(),
    delivery: z.string(),
    attempts: z.number(),
  })
  .openapi('Event') satisfies z.ZodType<IssuerEvent>;

const Query = z.object({
  type: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export function registerEventRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'get',
      path: '/v1/issuer/events',
      tag: 'issuer',
      operationId: 'listEvents',
      summary: 'List own events, newest first',
      security: 'issuer',
      request: { query: Query },
      response: z.object({ events: z.array(Event) }),
      errors: ['SEALED_CORRUPT'],
    }),
    async (c) => {
      const q = c.req.valid('query');
      let sel = deps.db.kysely.selectFrom('events').selectAll().where('issuer_id', '=', c.get('principal').id);
      if (q.type !== undefined) sel = sel.where('type', '=', q.type);
      const rows = await sel.orderBy('created_at', 'desc').orderBy('id').limit(q.limit).execute();
      return c.json(
        {
          events: rows.map((r) => ({
            id: r.id,
            type: r.type,
            subjectId: r.subject_id,
            payload: openEventPayload(deps.kek, r.subject_id, r.payload),
            createdAt: r.created_at,
            delivery: r.delivery,
            attempts: r.attempts,
          })),
        },
        200,
      );
    },
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/issuer/events/{id}/retry',
      tag: 'issuer',
      operationId: 'retryEventDelivery',
      summary: 'Send a failed or unsent event to the webhook again (a fresh round of attempts)',
      security: 'issuer',
      request: { params: IdParam },
      response: z.object({ id: z.string(), delivery: z.literal('pending') }),
      example: { id: 'evt_5f0c2a9e8b7d4c3a', delivery: 'pending' },
      errors: ['EVENT_NOT_FOUND', 'WEBHOOK_NOT_SET', 'EVENT_NOT_RETRYABLE'],
    }),
    async (c) => {
      const issuerId = c.get('principal').id;
      const id = c.req.valid('param').id;
      const own = await deps.db.kysely
        .selectFrom('events')
        .select('delivery')
        .where('id', '=', id)
        .where('issuer_id', '=', issuerId)
        .executeTakeFirst();
      if (own === undefined) throw new ApiError('EVENT_NOT_FOUND', 'no such event');
      const hook = await deps.db.kysely
        .selectFrom('webhooks')
        .select('issuer_id')
        .where('issuer_id', '=', issuerId)
        .executeTakeFirst();
      if (hook === undefined) throw new ApiError('WEBHOOK_NOT_SET', 'set a webhook URL first');
      // Only a settled failure moves (checked in the update itself): a pending or delivered event is
      // the dispatcher's.
      const moved = await deps.db.kysely
        .updateTable('events')
        .set({ delivery: 'pending', attempts: 0, next_attempt_at: deps.now() })
        .where('id', '=', id)
        .where('issuer_id', '=', issuerId)
        .where('delivery', 'in', ['failed', 'none'])
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw new ApiError('EVENT_NOT_RETRYABLE', `the event is ${own.delivery}`);
      return c.json({ id, delivery: 'pending' as const }, 200);
    },
  );
}
