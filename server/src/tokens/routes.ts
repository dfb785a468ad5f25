/** Issuer API: own tokens, lifecycle actions, yellow-path decisions, authorization history. */
import { TokenActor, TokenEvent } from '@arkpay/core';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AuthorizationView, toAuthorizationView } from '../authorize/view';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { AUTHORIZATION_EXAMPLE, TOKEN_EXAMPLE } from '../http/examples';
import { jsonBody, route } from '../http/route';
import { IdParam } from '../http/schemas';
import { registerTokenActions } from './action-routes';
import { transitionInTransaction } from './lifecycle';
import { tokenFor } from './store';
import { TokenView, toTokenView } from './view';

const ListQuery = z.object({
  state: z.enum(['requested', 'active', 'suspended', 'declined', 'deleted']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
const Decision = z.object({ decision: z.enum(['approve', 'decline']), reason: z.string().max(200).default('') });

export function registerIssuerTokenRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'get',
      path: '/v1/issuer/tokens',
      tag: 'issuer',
      operationId: 'listIssuerTokens',
      summary: 'List own tokens',
      security: 'issuer',
      request: { query: ListQuery },
      response: z.object({ tokens: z.array(TokenView) }),
      example: { tokens: [TOKEN_EXAMPLE] },
      errors: [],
    }),
    async (c) => {
      const q = c.req.valid('query');
      let sel = deps.db.kysely.selectFrom('tokens').selectAll().where('issuer_id', '=', c.get('principal').id);
      if (q.state !== undefined) sel = sel.where('state', '=', q.state);
      const rows = await sel.orderBy('created_at', 'desc').limit(q.limit).execute();
      return c.json({ tokens: rows.map(toTokenView) }, 200);
    },
  );
  app.openapi(
    route({
      method: 'get',
      path: '/v1/issuer/tokens/{id}',
      tag: 'issuer',
      operationId: 'getIssuerToken',
      summary: 'Read an own token',
      security: 'issuer',
      request: { params: IdParam },
      response: TokenView,
      example: TOKEN_EXAMPLE,
      errors: ['TOKEN_NOT_FOUND'],
    }),
    async (c) =>
      c.json(toTokenView(await tokenFor(deps, 'issuer', c.get('principal').id, c.req.valid('param').id)), 200),
  );
  registerTokenActions(app, deps, 'issuer');
  app.openapi(
    route({
      method: 'post',
      path: '/v1/issuer/tokens/{id}/decision',
      tag: 'issuer',
      operationId: 'decideToken',
      summary: 'Decide a yellow-path (step-up) token request',
      security: 'issuer',
      request: { params: IdParam, body: jsonBody(Decision) },
      response: TokenView,
      errors: ['TOKEN_NOT_FOUND', 'TOKEN_NOT_PENDING', 'TOKEN_STATE_CONFLICT'],
    }),
    async (c) => {
      const t = await tokenFor(deps, 'issuer', c.get('principal').id, c.req.valid('param').id);
      if (t.state !== 'requested') throw new ApiError('TOKEN_NOT_PENDING', 'token is not awaiting a decision');
      const b = c.req.valid('json');
      const event = b.decision === 'approve' ? TokenEvent.Approve : TokenEvent.Decline;
      const moved = await transitionInTransaction(deps.db.kysely, deps.now(), t.id, event, TokenActor.Issuer, b.reason);
      return c.json(toTokenView(moved), 200);
    },
  );
  app.openapi(
    route({
      method: 'get',
      path: '/v1/issuer/authorizations',
      tag: 'issuer',
      operationId: 'listIssuerAuthorizations',
      summary: 'List authorizations on own tokens',
      security: 'issuer',
      request: {
        query: z.object({
          tokenId: z.string().max(80).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      response: z.object({ authorizations: z.array(AuthorizationView) }),
      example: { authorizations: [AUTHORIZATION_EXAMPLE] },
      errors: [],
    }),
    async (c) => {
      const q = c.req.valid('query');
      let sel = deps.db.kysely.selectFrom('authorizations').selectAll().where('issuer_id', '=', c.get('principal').id);
      if (q.tokenId !== undefined) sel = sel.where('token_id', '=', q.tokenId);
      const rows = await sel.orderBy('created_at', 'desc').limit(q.limit).execute();
      return c.json({ authorizations: rows.map(toAuthorizationView) }, 200);
    },
  );
}
