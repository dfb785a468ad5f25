/** A device's own tokens: single-use key batches, the token list, one token with its card profile, history. */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AuthorizationView, toAuthorizationView } from '../authorize/view';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { jsonBody, route } from '../http/route';
import { IdParam } from '../http/schemas';
import { replenish } from '../keys/batch';
import { tokenFor } from '../tokens/store';
import { TokenView, toTokenView } from '../tokens/view';
import { CardProfileView, cardProfile } from './card-profile';

const KeysReq = z.object({
  count: z.number().int().min(1).max(100).default(10),
  usedAtcs: z.array(z.number().int().min(1).max(65535)).max(1000).default([]),
});
const KeysRes = z.object({
  keys: z.array(z.object({ atc: z.number(), key: z.string().openapi({ description: 'session key, 16 bytes hex' }) })),
  check: z.object({ unseen: z.array(z.number()), unreported: z.array(z.number()) }),
});

export function registerOwnTokenRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/tokens/{id}/keys',
      tag: 'device',
      operationId: 'fetchKeys',
      summary: 'Fetch / replenish single-use keys, reporting ATCs used since last time',
      security: 'device',
      request: { params: IdParam, body: jsonBody(KeysReq) },
      response: KeysRes,
      errors: ['TOKEN_NOT_FOUND', 'TOKEN_NOT_ACTIVE', 'ATC_REPORT_INVALID', 'ATC_EXHAUSTED'],
    }),
    async (c) => {
      const t = await tokenFor(deps, 'device', c.get('principal').id, c.req.valid('param').id);
      const b = c.req.valid('json');
      return c.json(await replenish(deps, t, b.count, b.usedAtcs), 200);
    },
  );
  app.openapi(
    route({
      method: 'get',
      path: '/v1/device/tokens',
      tag: 'device',
      operationId: 'listDeviceTokens',
      summary: 'List own tokens',
      security: 'device',
      request: {},
      response: z.object({ tokens: z.array(TokenView) }),
      errors: [],
    }),
    async (c) => {
      const rows = await deps.db.kysely
        .selectFrom('tokens')
        .selectAll()
        .where('device_id', '=', c.get('principal').id)
        .orderBy('created_at', 'desc')
        .execute();
      return c.json({ tokens: rows.map(toTokenView) }, 200);
    },
  );
  app.openapi(
    route({
      method: 'get',
      path: '/v1/device/tokens/{id}',
      tag: 'device',
      operationId: 'getDeviceToken',
      summary: 'Read an own token (with its card profile)',
      security: 'device',
      request: { params: IdParam },
      response: z.object({ token: TokenView, card: CardProfileView }),
      errors: ['TOKEN_NOT_FOUND'],
    }),
    async (c) => {
      const t = await tokenFor(deps, 'device', c.get('principal').id, c.req.valid('param').id);
      return c.json({ token: toTokenView(t), card: await cardProfile(deps, t.program_id) }, 200);
    },
  );
  app.openapi(
    route({
      method: 'get',
      path: '/v1/device/tokens/{id}/history',
      tag: 'device',
      operationId: 'getDeviceTokenHistory',
      summary: 'Authorizations of an own token',
      security: 'device',
      request: { params: IdParam },
      response: z.object({ authorizations: z.array(AuthorizationView) }),
      errors: ['TOKEN_NOT_FOUND'],
    }),
    async (c) => {
      const t = await tokenFor(deps, 'device', c.get('principal').id, c.req.valid('param').id);
      const rows = await deps.db.kysely
        .selectFrom('authorizations')
        .selectAll()
        .where('token_id', '=', t.id)
        .orderBy('created_at', 'desc')
        .limit(200)
        .execute();
      return c.json({ authorizations: rows.map(toAuthorizationView) }, 200);
    },
  );
}
