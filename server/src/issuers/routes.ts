/** Admin API: bootstrap issuers and acquirers. */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { jsonBody, route } from '../http/route';
import { createParty } from './store';

const Create = z.object({ name: z.string().min(1).max(100) }).openapi('PartyCreate');
const Created = z.object({ id: z.string(), name: z.string(), apiKey: z.string() }).openapi('PartyCreated');

export function registerAdminRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  for (const kind of ['issuer', 'acquirer'] as const) {
    app.openapi(
      route({
        method: 'post',
        path: `/v1/admin/${kind}s`,
        tag: 'admin',
        operationId: `create${kind === 'issuer' ? 'Issuer' : 'Acquirer'}`,
        summary: `Create an ${kind} (API key shown once)`,
        security: 'admin',
        request: { body: jsonBody(Create) },
        response: Created,
        errors: [],
      }),
      async (c) => c.json(await createParty(deps, kind, c.req.valid('json').name), 200),
    );
  }
}
