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
import type { Hono } from 'hono';
import { ApiCallError, type Fetcher } from '../client/http';
import type { AppEnv } from '../http/env';
import { fail } from '../http/errors';
import { simulatedTap } from './simulated-tap';
import { SimulatedWallet } from './simulated-wallet';
import { parsePosTap } from './tap-body';

/** The base of in-process calls: only a name, never resolved or connected to. */
const IN_PROCESS = 'http://arkpay.internal';

export function registerPosRoutes(app: Hono<AppEnv>): void {
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
        true,
        fetcher,
      );
      return c.json({ ...report, wallet: wallet.snapshot() }, 200);
    } catch (e) {
      if (e instanceof ApiCallError)
        return Response.json(
          { code: e.code, message: e.message },
          { status: e.status >= 400 && e.status < 500 ? e.status : 502 },
        );
      throw e;
    }
  });
}
