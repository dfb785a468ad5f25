/**
 * Suspend / resume / delete of an own token: the same three routes for the issuer (its program's
 * tokens) and the device (its owner's tokens); the core's lifecycle table decides who may do what.
 */
import { TokenActor, TokenEvent } from '@arkpay/core';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { TOKEN_EXAMPLE } from '../http/examples';
import { jsonBody, route } from '../http/route';
import { IdParam } from '../http/schemas';
import { transitionInTransaction } from './lifecycle';
import { tokenFor } from './store';
import { TokenView, toTokenView } from './view';

export const Reason = z.object({ reason: z.string().max(200).default('') });

const ACTIONS: [string, TokenEvent][] = [
  ['suspend', TokenEvent.Suspend],
  ['resume', TokenEvent.Resume],
  ['delete', TokenEvent.Delete],
];

export function registerTokenActions(app: OpenAPIHono<AppEnv>, deps: Deps, party: 'issuer' | 'device'): void {
  const actor = party === 'issuer' ? TokenActor.Issuer : TokenActor.Owner;
  for (const [name, event] of ACTIONS) {
    app.openapi(
      route({
        method: 'post',
        path: `/v1/${party}/tokens/{id}/${name}`,
        tag: party,
        operationId: `${name}${party === 'issuer' ? 'Issuer' : 'Device'}Token`,
        summary: `${name} an own token`,
        security: party,
        request: { params: IdParam, body: jsonBody(Reason, { reason: 'reported by the cardholder' }) },
        response: TokenView,
        example: {
          ...TOKEN_EXAMPLE,
          state: name === 'suspend' ? 'suspended' : name === 'delete' ? 'deleted' : 'active',
        },
        errors: ['TOKEN_NOT_FOUND', 'TOKEN_STATE_CONFLICT'],
      }),
      async (c) => {
        const t = await tokenFor(deps, party, c.get('principal').id, c.req.valid('param').id);
        const moved = await transitionInTransaction(
          deps.db.kysely,
          deps.now(),
          t.id,
          event,
          actor,
          c.req.valid('json').reason,
        );
        return c.json(toTokenView(moved), 200);
      },
    );
  }
}
