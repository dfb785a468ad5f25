/** A tap by a simulated wallet at the simulated POS, authorized with the caller's acquirer key. */
import type { TapReport } from '@arkpay/core/contract';
import type { AuthorizationResult } from '../client/device-client';
import { ApiCallError, type Fetcher, KeyClient } from '../client/http';
import type { SimulatedWallet } from './simulated-wallet';
import { type TapParams, tapAndAuthorize } from './tap-report';

export function acquirerAuthorizer(baseUrl: string, acquirerKey: string, fetcher: Fetcher = fetch) {
  const client = new KeyClient(baseUrl, acquirerKey, fetcher);
  return (req: unknown): Promise<AuthorizationResult> =>
    client.request<AuthorizationResult>('POST', '/v1/acquirer/authorizations/tap', req);
}

export async function simulatedTap(
  baseUrl: string,
  acquirerKey: string,
  wallet: SimulatedWallet,
  cardIndex: number,
  p: TapParams,
  ownerVerified = true,
  fetcher: Fetcher = fetch,
): Promise<TapReport> {
  const card = wallet.cards[cardIndex];
  try {
    await wallet.replenish(card);
  } catch (e) {
    // A suspended or deleted token gets no new keys: tap with what is left and show the service's answer.
    if (!(e instanceof ApiCallError)) throw e;
  }
  const { applet, done } = wallet.applet(cardIndex, ownerVerified);
  try {
    return await tapAndAuthorize(
      { transceive: async (c) => applet.process(c) },
      p,
      acquirerAuthorizer(baseUrl, acquirerKey, fetcher),
    );
  } finally {
    done();
  }
}
