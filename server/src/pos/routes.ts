/**
 * POST /v1/acquirer/pos/tap: the POS simulator's "in-page wallet" tap. The browser has no TDES
 * (WebCrypto lacks it), so the service runs the wallet's applet for the page: the page sends the
 * wallet state it holds (none on the first tap: a wallet is enrolled and provisioned), the amount and
 * currency; it gets the transcript, the authorization, a receipt and the wallet's new state.
 * Acquirer-authenticated like every /v1/acquirer call; the state is the page's, the service keeps none.
 *
 * The simulated wallet and terminal call this same service in-process (app.fetch, with the caller's
 * connection, so per-source limits count the caller): never a URL made from the request's Host header,
 * which the caller writes.
 */
import { apiErrorCodeOf } from '@arkpay/core';
import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AuthorizationResult } from '../authorize/model';
import { ApiCallError, type Fetcher } from '../client/http';
import type { AppEnv } from '../http/env';
import { ApiError, fail } from '../http/errors';
import { jsonBody, route } from '../http/route';
import { simulatedTap } from './simulated-tap';
import { SimulatedWallet } from './simulated-wallet';
import { PosTapBody, parsePosTap } from './tap-body';

/** The base of in-process calls: only a name, never resolved or connected to. */
const IN_PROCESS = 'http://arkpay.internal';

const TapReportSchema = z
  .object({
    result: z.enum(['approved', 'declined', 'error']),
    reason: z
      .string()
      .openapi({ example: 'APPROVED', description: 'APPROVED, the decline code, or the kernel failure' }),
    message: z.string(),
    transcript: z.array(z.object({ step: z.string(), command: z.string(), response: z.string() })),
    authorization: AuthorizationResult.nullable(),
    receipt: z
      .object({
        merchant: z.string(),
        amount: z.string(),
        currency: z.string(),
        pan: z.string(),
        atc: z.string(),
        cryptogram: z.string(),
        approvalCode: z.string(),
        time: z.string(),
      })
      .nullable(),
    wallet: z.record(z.string(), z.unknown()).openapi({ description: 'the wallet state to send with the next tap' }),
  })
  .openapi('PosTapReport');

export function registerPosRoutes(app: OpenAPIHono<AppEnv>): void {
  // Documented like every route; answered by hand below (the body is checked by parsePosTap).
  app.openAPIRegistry.registerPath(
    route({
      method: 'post',
      path: '/v1/acquirer/pos/tap',
      tag: 'acquirer',
      operationId: 'posSimulatedTap',
      summary: "The POS simulator's tap: the service runs a simulated wallet against this terminal",
      security: 'acquirer',
      request: { body: jsonBody(PosTapBody, { amount: '12.50', currency: '156', merchant: 'Corner Shop' }) },
      response: TapReportSchema,
      errors: ['WALLET_INVALID', 'TOKEN_NOT_FOUND', 'TOKEN_NOT_ACTIVE', 'ATC_EXHAUSTED', 'CARD_NOT_SUPPORTED'],
    }),
  );
  app.post('/v1/acquirer/pos/tap', async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw fail('BODY_NOT_JSON', 'this call needs a JSON body');
    }
    const t = parsePosTap(body);
    const fetcher: Fetcher = async (url, init) => app.fetch(new Request(url, init), c.env);
    const acquirerKey = (c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
    try {
      const wallet =
        t.wallet !== undefined
          ? SimulatedWallet.restore(IN_PROCESS, t.wallet, fetcher)
          : await SimulatedWallet.create(IN_PROCESS, undefined, fetcher);
      const report = await simulatedTap(
        IN_PROCESS,
        acquirerKey,
        wallet,
        0,
        {
          amount: t.amount,
          currency: t.currency,
          merchant: { id: c.get('principal').id, name: t.merchant, mcc: '5411', terminalId: 'POS-SIM-1' },
        },
        t.ownerVerified,
        fetcher,
      );
      return c.json({ ...report, wallet: wallet.snapshot() }, 200);
    } catch (e) {
      // The in-process calls answer with registry codes; a code this service does not know is its failure.
      if (e instanceof ApiCallError) {
        const code = apiErrorCodeOf(e.code);
        if (code !== undefined && e.status >= 400 && e.status < 500) throw new ApiError(code, e.message);
      }
      throw e;
    }
  });
}
