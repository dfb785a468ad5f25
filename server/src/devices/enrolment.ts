/** Device enrolment (with the service key it seals card data to) and the lost-device report. */
import { TokenActor, TokenEvent } from '@arkpay/core';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { canonicalDeviceKey } from '../crypto/device-signature';
import { newId } from '../crypto/secrets';
import type { Deps } from '../deps';
import { ENROL_PATH } from '../http/app';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { jsonBody, route } from '../http/route';
import { transitionToken } from '../tokens/lifecycle';

export function registerEnrolmentRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'get',
      path: '/v1/service-key',
      tag: 'device',
      operationId: 'getServiceKey',
      summary: "The service's ECDH P-256 public key for card-data envelopes",
      security: 'none',
      request: {},
      response: z.object({
        alg: z.string(),
        publicKey: z.string().openapi({ description: 'uncompressed point, base64' }),
      }),
      errors: [],
    }),
    (c) =>
      c.json(
        { alg: 'ECDH-P256+HKDF-SHA256+A256GCM', publicKey: Buffer.from(deps.serviceKey.publicRaw).toString('base64') },
        200,
      ),
  );
  app.openapi(
    route({
      method: 'post',
      path: ENROL_PATH,
      tag: 'device',
      operationId: 'enrolDevice',
      summary: 'Enrol a wallet device (signed with the key being enrolled)',
      security: 'device',
      request: {
        body: jsonBody(z.object({ publicKey: z.string().max(400).openapi({ description: 'SPKI DER, base64' }) })),
      },
      response: z.object({ deviceId: z.string() }),
      errors: ['DEVICE_ALREADY_ENROLLED'],
    }),
    async (c) => {
      // Stored canonical (deviceAuth already refused a key that does not parse).
      const publicKey = canonicalDeviceKey(c.req.valid('json').publicKey);
      if (publicKey === undefined)
        throw new ApiError('DEVICE_KEY_INVALID', 'publicKey must be an SPKI DER (base64) P-256 key');
      const id = newId('dev');
      const row = await deps.db.kysely
        .insertInto('devices')
        .values({ id, public_key: publicKey, state: 'active', created_at: deps.now() })
        .onConflict((oc) => oc.column('public_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row === undefined) throw new ApiError('DEVICE_ALREADY_ENROLLED', 'this key is already enrolled');
      return c.json({ deviceId: id }, 200);
    },
  );
}

export function registerLostDeviceRoute(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/lost',
      tag: 'device',
      operationId: 'reportDeviceLost',
      summary: 'Report this device lost: every active token is suspended',
      security: 'device',
      request: {},
      response: z.object({ suspended: z.array(z.string()) }),
      errors: [],
    }),
    async (c) => {
      const deviceId = c.get('principal').id;
      const now = deps.now();
      const suspended = await deps.db.kysely.transaction().execute(async (trx) => {
        await trx.updateTable('devices').set({ state: 'lost' }).where('id', '=', deviceId).execute();
        const active = await trx
          .selectFrom('tokens')
          .selectAll()
          .where('device_id', '=', deviceId)
          .where('state', '=', 'active')
          .execute();
        for (const t of active)
          await transitionToken(trx, now, t, TokenEvent.Suspend, TokenActor.DeviceLost, 'device reported lost');
        return active.map((t) => t.id);
      });
      return c.json({ suspended }, 200);
    },
  );
}
