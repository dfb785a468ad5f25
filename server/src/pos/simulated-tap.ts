/** A tap by a simulated wallet at the simulated POS, authorized with the caller's acquirer key. */
import type { AuthorizationResult } from '../client/device-client';
import { KeyClient } from '../client/http';
import type { SimulatedWallet } from './simulated-wallet';
import { type TapParams, type TapReport, tapAndAuthorize } from './tap-report';

export function acquirerAuthorizer(baseUrl: string, acquirerKey: string) {
  const client = new KeyClient(baseUrl, acquirerKey);
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
): Promise<TapReport> {
  const card = wallet.cards[cardIndex];
  if (card.provisioned.token.state === 'active') await wallet.replenish(card);
  const { applet, done } = wallet.applet(cardIndex, ownerVerified);
  try {
    return await tapAndAuthorize({ transceive: async (c) => applet.process(c) }, p, acquirerAuthorizer(baseUrl, acquirerKey));
  } finally {
    done();
  }
}
