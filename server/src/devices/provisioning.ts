/** Device provisioning: a sealed card in, a token (ID&V green / yellow / red) out, and the OTP step-up. */
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Deps } from '../deps';
import type { AppEnv } from '../http/env';
import { jsonBody, route } from '../http/route';
import { IdParam } from '../http/schemas';
import { resendOtp } from '../tokens/otp-resend';
import { answerOtp, PROVISION_ERRORS, provisionToken } from '../tokens/provision';
import { tokenFor } from '../tokens/store';
import { TokenView, toTokenView } from '../tokens/view';
import { CardProfileView, cardProfile } from './card-profile';

const Envelope = z
  .object({ epk: z.string().max(200), iv: z.string().max(40), ciphertext: z.string().max(4000) })
  .openapi('CardEnvelope', { description: 'ECDH P-256 + HKDF-SHA256 + AES-256-GCM, see GET /v1/service-key' });
const ProvisionReq = z
  .object({ card: Envelope, riskScore: z.number().int().min(0).max(100).default(0) })
  .openapi('ProvisionRequest');
const Provisioned = z
  .object({ token: TokenView, stepUp: z.enum(['otp']).nullable(), card: CardProfileView })
  .openapi('Provisioned');
const OtpResent = z
  .object({
    token: TokenView,
    resendsLeft: z.number().int().min(0),
    ttlSeconds: z.number().int(),
  })
  .openapi('OtpResent');

export function registerProvisioningRoutes(app: OpenAPIHono<AppEnv>, deps: Deps): void {
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/tokens',
      tag: 'device',
      operationId: 'requestToken',
      summary: 'Request a token for a card (ID&V green / yellow / red)',
      security: 'device',
      request: { body: jsonBody(ProvisionReq) },
      response: Provisioned,
      errors: PROVISION_ERRORS,
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
      operationId: 'answerOtp',
      summary: 'Answer the one-time-code step-up',
      security: 'device',
      request: { params: IdParam, body: jsonBody(z.object({ code: z.string().regex(/^\d{6}$/) })) },
      response: TokenView,
      errors: ['TOKEN_NOT_FOUND', 'TOKEN_NOT_PENDING', 'OTP_WRONG', 'TOKEN_STATE_CONFLICT'],
    }),
    async (c) => {
      const t = await tokenFor(deps, 'device', c.get('principal').id, c.req.valid('param').id);
      return c.json(toTokenView(await answerOtp(deps, t, c.req.valid('json').code)), 200);
    },
  );
  app.openapi(
    route({
      method: 'post',
      path: '/v1/device/tokens/{id}/otp/resend',
      tag: 'device',
      operationId: 'resendOtp',
      summary: 'Send a new one-time code (the old one stops working); 429 OTP_RESEND_LIMIT past the limit',
      security: 'device',
      request: { params: IdParam },
      response: OtpResent,
      errors: ['TOKEN_NOT_FOUND', 'TOKEN_NOT_PENDING', 'OTP_RESEND_LIMIT', 'OTP_RESEND_CONFLICT'],
    }),
    async (c) => {
      const t = await tokenFor(deps, 'device', c.get('principal').id, c.req.valid('param').id);
      const r = await resendOtp(deps, t);
      return c.json({ token: toTokenView(r.token), resendsLeft: r.resendsLeft, ttlSeconds: r.ttlSeconds }, 200);
    },
  );
}
