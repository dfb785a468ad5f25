/** Wallet device API: enrolment, provisioning, step-up, keys, own tokens and history, lost device. */
import { TokenActor, TokenEvent } from '@arkpay/core';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AuthorizationResult, InAppPayment, MpmPayment } from '../authorize/model';
import { payInApp, payMpm } from '../authorize/mpm';
import { AuthorizationView, toAuthorizationView } from '../authorize/view';
import { newId } from '../crypto/secrets';
import type { Deps } from '../deps';
import { ENROL_PATH } from '../http/app';
import type { AppEnv } from '../http/env';
import { ApiError } from '../http/errors';
import { jsonBody, route } from '../http/route';
import { IdParam } from '../http/schemas';
import { replenish } from '../keys/batch';
import { cvnOfProfile } from '../keys/profile';
import { Limits } from '../programs/model';
import { registerTokenActions } from '../tokens/action-routes';
import { transitionToken } from '../tokens/lifecycle';
import { answerOtp, provisionToken } from '../tokens/provision';
import { tokenFor } from '../tokens/store';
import { TokenView, toTokenView } from '../tokens/view';

const Envelope = z
  .object({ epk: z.string().max(200), iv: z.string().max(40), ciphertext: z.string().max(4000) })
  .openapi('CardEnvelope', { description: 'ECDH P-256 + HKDF-SHA256 + AES-256-GCM, see GET /v1/service-key' });
const ProvisionReq = z
  .object({ card: Envelope, riskScore: z.number().int().min(0).max(100).default(0) })
  .openapi('ProvisionRequest');
const CardProfileView = z.object({
  scheme: z.string(),
  aid: z.string(),
  profile: z.string(),
  cvn: z.number(),
  label: z.string(),
  cardArt: z.string(),
  noCvmLimit: z.number(),
  currency: z.string(),
});
const Provisioned = z
  .object({ token: TokenView, stepUp: z.enum(['otp']).nullable(), card: CardProfileView })
  .openapi('Provisioned');
const KeysReq = z.object({
  count: z.number().int().min(1).max(100).default(10),
  usedAtcs: z.array(z.number().int().min(1).max(65535)).max(1000).default([]),
});
const KeysRes = z.object({
  keys: z.array(z.object({ atc: z.number(), key: z.string().openapi({ description: 'session key, 16 bytes hex' }) })),
  check: z.object({ unseen: z.array(z.number()), unreported: z.array(z.number()) }),
});

async function cardProfile(deps: Deps, programId: string): Promise<z.infer<typeof CardProfileView>> {
  const p = await deps.db.kysely
    .selectFrom('programs')
    .selectAll()
    .where('id', '=', programId)
    .executeTakeFirstOrThrow();
  const limits = Limits.parse(JSON.parse(p.limits));
  return {
    scheme: p.scheme,
    aid: p.aid,
    profile: p.profile,
    cvn: cvnOfProfile(p.profile),
    label: p.name,
    cardArt: p.card_art,
    noCvmLimit: limits.noCvmLimit,
    currency: limits.currency,
  };
}

export function registerDeviceRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'get',
      path: '/v1/service-key',
      tag: 'device',
      summary: "The service's ECDH P-256 public key for card-data envelopes",
      security: 'none',
      request: {},
      response: z.object({
        alg: z.string(),
        publicKey: z.string().openapi({ description: 'uncompressed point, base64' }),
      }),
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
      summary: 'Enrol a wallet device (signed with the key being enrolled)',
      security: 'device',
      request: {
        body: jsonBody(z.object({ publicKey: z.string().max(400).openapi({ description: 'SPKI DER, base64' }) })),
      },
      response: z.object({ deviceId: z.string() }),
    }),
    async (c) => {
      const publicKey = c.req.valid('json').publicKey;
      const id = newId('dev');
      const row = await deps.db.kysely
        .insertInto('devices')
        .values({ id, public_key: publicKey, state: 'active', created_at: deps.now() })
        .onConflict((oc) => oc.column('public_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row === undefined) throw new ApiError(409, 'DEVICE_ALREADY_ENROLLED', 'this key is already enrolled');
      return c.json({ deviceId: id }, 200);
    },
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/tokens',
      tag: 'device',
      summary: 'Request a token for a card (ID&V green / yellow / red)',
      security: 'device',
      request: { body: jsonBody(ProvisionReq) },
      response: Provisioned,
    }),
    async (c) => {
      const b = c.req.valid('json');
      const r = await provisionToken(deps, c.get('principal').id, b.card, b.riskScore);
      return c.json(
        { token: toTokenView(r.token), stepUp: r.stepUp, card: await cardProfile(deps, r.token.program_id) },
        200,
      );
    },
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/tokens/{id}/otp',
      tag: 'device',
      summary: 'Answer the one-time-code step-up',
      security: 'device',
      request: { params: IdParam, body: jsonBody(z.object({ code: z.string().regex(/^\d{6}$/) })) },
      response: TokenView,
    }),
    async (c) => {
      const t = await tokenFor(deps, 'device', c.get('principal').id, c.req.valid('param').id);
      return c.json(toTokenView(await answerOtp(deps, t, c.req.valid('json').code)), 200);
    },
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/tokens/{id}/keys',
      tag: 'device',
      summary: 'Fetch / replenish single-use keys, reporting ATCs used since last time',
      security: 'device',
      request: { params: IdParam, body: jsonBody(KeysReq) },
      response: KeysRes,
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
      summary: 'List own tokens',
      security: 'device',
      request: {},
      response: z.object({ tokens: z.array(TokenView) }),
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
      summary: 'Read an own token (with its card profile)',
      security: 'device',
      request: { params: IdParam },
      response: z.object({ token: TokenView, card: CardProfileView }),
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
      summary: 'Authorizations of an own token',
      security: 'device',
      request: { params: IdParam },
      response: z.object({ authorizations: z.array(AuthorizationView) }),
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
  registerTokenActions(app, deps, 'device');
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/lost',
      tag: 'device',
      summary: 'Report this device lost: every active token is suspended',
      security: 'device',
      request: {},
      response: z.object({ suspended: z.array(z.string()) }),
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
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/payments/mpm',
      tag: 'device',
      summary: 'Pay a merchant-presented EMVCo QR with an own token (the signed call is the payment)',
      security: 'device',
      request: { body: jsonBody(MpmPayment) },
      response: AuthorizationResult,
    }),
    async (c) => c.json(await payMpm(deps, c.get('principal').id, c.req.valid('json')), 200),
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/payments/inapp',
      tag: 'device',
      summary: 'Pay in a merchant app with an own token (domain "inapp"; the signed call is the payment)',
      security: 'device',
      request: { body: jsonBody(InAppPayment) },
      response: AuthorizationResult,
    }),
    async (c) => c.json(await payInApp(deps, c.get('principal').id, c.req.valid('json')), 200),
  );
}
