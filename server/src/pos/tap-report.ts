/**
 * One tap at the simulated POS: the core's kernel drives a card (in-process applet or the relayed
 * app), then the service authorizes through its acquirer API. The report is what the CLI prints and
 * the console shows: transcript, outcome, authorization, receipt.
 */
import { type AsyncCardTransport, toHex } from '@arkpay/core';
import { type TapExchange, TapOutcome, type TapReport } from '@arkpay/core/contract';
import { decimalAmount, findCurrency } from '@arkpay/core/money';
import type { TapRequestT } from '../authorize/model';
import type { AuthorizationResult } from '../client/device-client';
import { type MerchantInfo, tapRequest } from '../client/tap';
import { posKernel } from './terminal';

export interface TapParams {
  /** Minor units. */
  amount: number;
  /** ISO 4217 numeric. */
  currency: number;
  merchant: MerchantInfo;
}

/** The receipt's amount ("1.250") and currency ("KWD"), by the core's ISO 4217 table. */
function money(minor: number, currency: number): [string, string] {
  const c = findCurrency(currency);
  return c === undefined ? [String(minor), String(currency).padStart(3, '0')] : [decimalAmount(minor, c), c.alpha];
}

export async function tapAndAuthorize(
  card: AsyncCardTransport,
  p: TapParams,
  authorize: (req: TapRequestT) => Promise<AuthorizationResult>,
): Promise<TapReport> {
  const kernel = posKernel(p.currency);
  const outcome = await kernel.runAsync(card, kernel.transaction(p.amount));
  const transcript = outcome.transcript.entries.map(
    (e): TapExchange => ({
      step: e.step,
      command: toHex(e.command),
      response: toHex(e.response),
    }),
  );
  const a = outcome.authorization;
  if (a === null) {
    const f = outcome.failure;
    return {
      result: TapOutcome.ERROR,
      reason: f?.code ?? 'KERNEL_FAILED',
      message: f?.message ?? '',
      transcript,
      authorization: null,
      receipt: null,
    };
  }
  const auth = await authorize(tapRequest(a, p.merchant));
  const [amount, currency] = money(p.amount, p.currency);
  return {
    result: auth.approved ? TapOutcome.APPROVED : TapOutcome.DECLINED,
    reason: auth.reason,
    message: '',
    transcript,
    authorization: auth,
    receipt: auth.approved
      ? {
          merchant: p.merchant.name,
          amount,
          currency,
          pan: a.token.slice(-4),
          atc: String(a.atc()),
          cryptogram: toHex(a.cryptogram()),
          approvalCode: auth.id.slice(-6).toUpperCase(),
          time: new Date().toISOString(),
        }
      : null,
  };
}
