/**
 * GET /openapi.json: the OpenAPI 3.1 document of every route the app has registered when it is asked
 * for (so routes mounted later, like the POS tap, are in it), with `servers`, and an example for every
 * request and answer that lacks a hand-written one (example-of.ts). Built once, then served as is.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './env';
import { exampleOf, type JsonSchema } from './example-of';

interface Media {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, unknown>;
}
interface Operation {
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { content?: Record<string, Media> }>;
}

function fillExamples(doc: Record<string, unknown>): void {
  const components = (doc.components ?? {}) as { schemas?: Record<string, JsonSchema> };
  const refs = components.schemas ?? {};
  const fill = (m: Media | undefined): void => {
    if (m === undefined || m.example !== undefined || m.examples !== undefined || m.schema === undefined) return;
    m.example = exampleOf(m.schema, refs);
  };
  for (const ops of Object.values((doc.paths ?? {}) as Record<string, Record<string, Operation>>)) {
    for (const op of Object.values(ops)) {
      fill(op.requestBody?.content?.['application/json']);
      for (const r of Object.values(op.responses ?? {})) fill(r.content?.['application/json']);
    }
  }
}

export function serveOpenApi(
  app: OpenAPIHono<AppEnv>,
  info: { title: string; version: string; description: string },
): void {
  let body: string | undefined;
  app.get('/openapi.json', (c) => {
    if (body === undefined) {
      const doc = app.getOpenAPI31Document({
        openapi: '3.1.0',
        info,
        // Relative: the document is right for whichever address the service was reached at.
        servers: [{ url: '/', description: 'this service' }],
      }) as unknown as Record<string, unknown>;
      fillExamples(doc);
      body = JSON.stringify(doc);
    }
    return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8' });
  });
}
