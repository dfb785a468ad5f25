/**
 * The token service's HTTP application: Hono + zod-openapi, JSON under /v1, OpenAPI 3.1 at
 * /openapi.json. Extra routes (the web console's static files, the /v1/relay WebSocket) are added
 * through `options.mount`, which runs after the API routes and before the 404 handler.
 */

import { OpenAPIHono, z } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { registerAcquiringRoutes } from '../acquiring/routes';
import { registerAcquirerRoutes } from '../authorize/routes';
import type { Deps } from '../deps';
import { registerDeviceRoutes } from '../devices/routes';
import { registerEventRoutes } from '../events/routes';
import { FX_FILE_LIMIT_BYTES, FX_FILE_PATH, registerFxRoutes } from '../fx/routes';
import { registerAdminRoutes } from '../issuers/routes';
import { registerProgramRoutes } from '../programs/routes';
import { registerIssuerTokenRoutes } from '../tokens/routes';
import { registerWebhookRoutes } from '../webhooks/routes';
import { authFailureLimit, SourceBlocks } from './abuse-limit';
import { apiKeyAuth, deviceAuth } from './auth';
import { requestSizeLimit } from './body-limit';
import type { AppEnv } from './env';
import { ApiError, type ErrorBody, errorAnswer, fail } from './errors';
import { idempotency } from './idempotency';
import { inKeyedRequest } from './idempotent-ids';
import { serveOpenApi } from './openapi';
import { requestGuard } from './request-guard';
import { route } from './route';
import { securityHeaders } from './security-headers';

export interface AppOptions {
  /** Registers extra routes (static console, WebSocket relay) on the same app. */
  mount?: (app: OpenAPIHono<AppEnv>) => void;
}

export { ENROL_PATH } from './route';

import { ENROL_PATH } from './route';

/** PostgreSQL SQLSTATE class 22: a value the column cannot hold (range, encoding, length). */
function isDataException(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** A primary or unique key refused a row (PostgreSQL 23505, SQLite SQLITE_CONSTRAINT_PRIMARYKEY/UNIQUE). */
function isUniqueViolation(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

/** Errors that are the request's fault, as typed API errors; undefined for a real failure (500). */
function asApiError(err: Error): ApiError | undefined {
  if (err instanceof ApiError) return err;
  // Hono's own 4xx: its JSON validator refuses a missing or unparsable body with a 400.
  if (err instanceof HTTPException && err.status >= 400 && err.status < 500)
    return err.status === 400
      ? fail('BODY_NOT_JSON', 'this call needs a JSON body')
      : fail('BAD_REQUEST', 'malformed request');
  if (isDataException(err)) return fail('VALUE_INVALID', 'a value is out of range for this field');
  // Ids under an Idempotency-Key are derived from it: a row that already exists was made by an
  // earlier run of this same request (idempotency.ts), so it must not be made twice.
  if (isUniqueViolation(err) && inKeyedRequest())
    return fail('IDEMPOTENCY_COMMITTED', 'a request with this Idempotency-Key already completed');
  return undefined;
}

export function createApp(deps: Deps, options: AppOptions = {}): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const where = result.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
        return errorAnswer('VALIDATION_FAILED', where.slice(0, 500));
      }
      return undefined;
    },
  });

  app.onError((err, c) => {
    const e = asApiError(err);
    if (e !== undefined) {
      // Every 429 says when to come back (so does a 409 for a key still held under its lease).
      if (e.status === 429 || e.retryAfterSeconds !== undefined)
        c.header('retry-after', String(e.retryAfterSeconds ?? 60));
      return c.json({ code: e.code, message: e.message } satisfies ErrorBody, e.status as ContentfulStatusCode);
    }
    // Never echo an unexpected error's text: it might carry data we did not mean to show.
    console.error(`[arkpay] ${c.req.method} ${new URL(c.req.url).pathname} failed: ${err.name}`);
    return errorAnswer('INTERNAL', 'internal error');
  });
  app.notFound(() => errorAnswer('NOT_FOUND', 'no such route'));

  app.use('*', securityHeaders());
  app.openapi(
    route({
      method: 'get',
      path: '/healthz',
      tag: 'service',
      operationId: 'getHealth',
      summary: 'Liveness: the process answers',
      security: 'none',
      request: {},
      response: z.object({ status: z.literal('ok') }),
      example: { status: 'ok' },
      errors: [],
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );
  if (deps.config.logRequests) {
    // Method, path (ids only, never card data), status and time: nothing from bodies or headers.
    app.use('*', async (c, next) => {
      const t0 = performance.now();
      await next();
      console.log(
        `[arkpay] ${c.req.method} ${new URL(c.req.url).pathname} ${c.res.status} ${(performance.now() - t0).toFixed(1)}ms`,
      );
    });
  }
  const sizeLimit = requestSizeLimit(deps.config.bodyLimitBytes, () =>
    errorAnswer('BODY_TOO_LARGE', `request body over ${deps.config.bodyLimitBytes} bytes`),
  );
  const fxFileLimit = Math.max(deps.config.bodyLimitBytes, FX_FILE_LIMIT_BYTES);
  const fxFileSizeLimit = requestSizeLimit(fxFileLimit, () =>
    errorAnswer('BODY_TOO_LARGE', `request body over ${fxFileLimit} bytes`),
  );
  // Rate files (fx/routes.ts) are the one large body.
  app.use('/v1/*', (c, next) => (c.req.path === FX_FILE_PATH ? fxFileSizeLimit(c, next) : sizeLimit(c, next)));
  const blocks = new SourceBlocks();
  for (const p of ['/v1/admin/*', '/v1/issuer/*', '/v1/acquirer/*', '/v1/device/*'])
    app.use(p, authFailureLimit(deps, blocks));
  app.use('/v1/admin/*', apiKeyAuth(deps, 'admin'));
  app.use('/v1/issuer/*', apiKeyAuth(deps, 'issuer'));
  app.use('/v1/acquirer/*', apiKeyAuth(deps, 'acquirer'));
  app.use('/v1/device/*', deviceAuth(deps, ENROL_PATH));
  // After authentication (a stranger learns nothing about the request's shape), before everything else.
  app.use('/v1/*', requestGuard());
  for (const p of ['/v1/admin/*', '/v1/issuer/*', '/v1/acquirer/*', '/v1/device/*']) app.use(p, idempotency(deps));

  registerAdminRoutes(app, deps);
  registerProgramRoutes(app, deps);
  registerIssuerTokenRoutes(app, deps);
  registerEventRoutes(app, deps);
  registerWebhookRoutes(app, deps);
  registerDeviceRoutes(app, deps);
  registerAcquirerRoutes(app, deps);
  registerAcquiringRoutes(app, deps);
  registerFxRoutes(app, deps);

  app.openAPIRegistry.registerComponent('securitySchemes', 'adminKey', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'issuerKey', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'acquirerKey', { type: 'http', scheme: 'bearer' });
  app.openAPIRegistry.registerComponent('securitySchemes', 'DeviceSignature', {
    type: 'apiKey',
    in: 'header',
    name: 'x-arkpay-signature',
    description:
      'ECDSA P-256/SHA-256 (IEEE P1363, base64url) over METHOD\\nPATH\\nhex(SHA-256(body))\\nNONCE\\nTIMESTAMP, with headers x-arkpay-device, x-arkpay-nonce, x-arkpay-timestamp (ms).',
  });
  serveOpenApi(app, {
    title: 'ArkPay token service',
    version: '1.0.0',
    description:
      'Issuer, wallet-device and acquirer APIs. Every error is { code, message } with a code from one registry; each operation lists the statuses and codes it can answer. Creating and moving calls accept an Idempotency-Key header.',
  });
  options.mount?.(app);
  return app;
}
