/**
 * POST /v1/acquirer/pos/tap: the POS simulator's "in-page wallet" tap. The browser has no TDES
 * (WebCrypto lacks it), so the service runs the wallet's applet for the page: the page sends the
 * wallet state it holds (none on the first tap: a wallet is enrolled and provisioned), the amount and
 * currency; it gets the transcript, the authorization, a receipt and the wallet's new state.
 * Acquirer-authenticated like every /v1/acquirer call; the state is the page's, the service keeps none.
 */
import type { Hono } from 'hono';
import { ApiCallError } from '../client/http';
import type { AppEnv } from '../http/env';
import { parseAmount, parseCurrency } from './amount';
import { simulatedTap } from './simulated-tap';
import { SimulatedWallet } from './simulated-wallet';
import { isWalletState } from './wallet-state';

interface PosTapBody {
  amount?: unknown;
  currency?: unknown;
  merchant?: unknown;
  wallet?: unknown;
}

function bad(message: string): Response {
  return Response.json({ code: 'VALIDATION_FAILED', message }, { status: 400 });
}

export function registerPosRoutes(app: Hono<AppEnv>): void {
  app.post('/v1/acquirer/pos/tap', async (c) => {
    let b: PosTapBody;
    try {
      b = (await c.req.json()) as PosTapBody;
    } catch {
      return bad('body must be JSON');
    }
    const currency = parseCurrency(b.currency);
    if (typeof currency === 'string') return bad(currency);
    const amount = parseAmount(b.amount, currency);
    if (typeof amount === 'string') return bad(amount);
    if (b.wallet !== undefined && b.wallet !== null && !isWalletState(b.wallet))
      return bad('wallet: not a wallet state');
    const merchant = typeof b.merchant === 'string' && b.merchant.length <= 40 ? b.merchant : 'ArkPay POS simulator';

    const base = new URL(c.req.url).origin;
    const acquirerKey = (c.req.header('authorization') ?? '').replace(/^Bearer\s+/i, '');
    try {
      const wallet = isWalletState(b.wallet)
        ? SimulatedWallet.restore(base, b.wallet)
        : await SimulatedWallet.create(base);
      const report = await simulatedTap(base, acquirerKey, wallet, 0, {
        amount,
        currency,
        merchant: { id: c.get('principal').id, name: merchant, mcc: '5411', terminalId: 'POS-SIM-1' },
      });
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
