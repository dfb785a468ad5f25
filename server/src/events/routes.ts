/** Issuer API: the issuer's event log (the same events its webhook receives). */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { route } from '../http/route';
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
  .openapi('Event');

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
}
