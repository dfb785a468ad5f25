/**
 * Paying a merchant-presented EMVCo QR from the wallet: the signed device call is the payment (the
 * device key proves the token holder; the nonce makes it one-shot), the MPM is parsed and validated by
 * the core, and the amount comes from tag 54 (dynamic) or from the wallet (static). Tag 54 is a decimal
 * in tag 53's currency, read into minor units by that currency's ISO 4217 exponent (the core's table);
 * any ISO 4217 currency pays, billed in the program's currency (pricing.ts).
 */
import type { ApiErrorCode } from '@arkpay/core';
import { foreignCode, mpmAmountMinor, parseMpm, QrError } from '@arkpay/core';
import { findCurrency } from '@arkpay/core/money';
import type { z } from '@hono/zod-openapi';
import type { Deps } from '../deps';
import { ApiError, fromCoreError } from '../http/errors';
import { tokenFor } from '../tokens/store';
import type { AuthorizationResultT, InAppPayment, MpmPayment } from './model';
import { paymentCurrency } from './pricing';
import { settle } from './settle';

/** What paying a merchant QR can be refused with: the core's MPM reader, then the amount rules. */
export const MPM_ERRORS: readonly ApiErrorCode[] = [
  'TOKEN_NOT_FOUND',
  'QR_FOREIGN_CODE',
  'QR_FORMAT',
  'QR_LENGTH_OVERRUN',
  'QR_DUPLICATE_ID',
  'QR_CRC_MISSING',
  'QR_CRC_NOT_LAST',
  'QR_BAD_CRC',
  'QR_BAD_AMOUNT',
  'QR_AMOUNT_INVALID',
  'QR_CURRENCY_MISSING',
  'QR_CURRENCY_UNKNOWN',
  'AMOUNT_MISMATCH',
  'AMOUNT_REQUIRED',
  'CURRENCY_UNKNOWN',
];

/** Tag 54 in minor units by tag 53's exponent; an amount the currency cannot have is QR_AMOUNT_INVALID. */
function qrAmount(mpm: ReturnType<typeof parseMpm>): number | null {
  try {
    return mpmAmountMinor(mpm);
  } catch (e) {
    if (e instanceof QrError) {
      throw e.code === 'QR_BAD_AMOUNT' ? new ApiError('QR_AMOUNT_INVALID', e.message) : fromCoreError(e, 'QR_FORMAT');
    }
    throw e;
  }
}

function yymmdd(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getUTCFullYear() % 100).padStart(2, '0')}${String(d.getUTCMonth() + 1).padStart(2, '0')}${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** An in-app payment by the wallet (merchant app checkout): domain "inapp", the signed call is the payment. */
export async function payInApp(
  deps: Deps,
  deviceId: string,
  p: z.infer<typeof InAppPayment>,
): Promise<AuthorizationResultT> {
  const token = await tokenFor(deps, 'device', deviceId, p.tokenId);
  const program = await deps.db.kysely
    .selectFrom('programs')
    .selectAll()
    .where('id', '=', token.program_id)
    .executeTakeFirst();
  paymentCurrency(p.currency);
  return settle(deps, {
    kind: 'inapp',
    domain: 'inapp',
    token,
    program,
    acquirerId: null,
    deviceId,
    atc: null,
    amount: p.amount,
    currency: p.currency,
    merchant: `${p.merchant.id} ${p.merchant.name}`.slice(0, 140),
    date: yymmdd(deps.now()),
    cdcvm: true,
    preDecline: null,
    arpc: null,
  });
}

export async function payMpm(
  deps: Deps,
  deviceId: string,
  p: z.infer<typeof MpmPayment>,
): Promise<AuthorizationResultT> {
  // Another network's own code (WeChat Pay, UPI, a SEPA transfer…) is named, never read as an MPM.
  const foreign = foreignCode(p.payload);
  if (foreign !== null) throw new ApiError('QR_FOREIGN_CODE', foreign.reason);
  let mpm: ReturnType<typeof parseMpm>;
  try {
    mpm = parseMpm(p.payload);
  } catch (e) {
    if (e instanceof QrError) throw fromCoreError(e, 'QR_FORMAT');
    throw e;
  }
  const token = await tokenFor(deps, 'device', deviceId, p.tokenId);
  const currency = mpm.currency;
  if (currency === null) throw new ApiError('QR_CURRENCY_MISSING', 'QR has no transaction currency (53)');
  if (findCurrency(currency) === undefined)
    throw new ApiError('QR_CURRENCY_UNKNOWN', `QR currency (53) ${currency} is not an ISO 4217 code`);
  const inQr = qrAmount(mpm);
  if (inQr !== null && p.amount !== undefined && p.amount !== inQr) {
    throw new ApiError('AMOUNT_MISMATCH', 'amount differs from the amount in the QR');
  }
  const amount = inQr ?? p.amount;
  if (amount === undefined) throw new ApiError('AMOUNT_REQUIRED', 'static QR: the wallet must give the amount');
  const program = await deps.db.kysely
    .selectFrom('programs')
    .selectAll()
    .where('id', '=', token.program_id)
    .executeTakeFirst();
  return settle(deps, {
    kind: 'qr',
    domain: 'qr',
    token,
    program,
    acquirerId: null,
    deviceId,
    atc: null,
    amount,
    currency,
    merchant: `${mpm.merchantName ?? 'unknown'} ${mpm.merchantCity ?? ''}`.trim().slice(0, 140),
    date: yymmdd(deps.now()),
    // As the wallet reports it (the signed call proves the device, not the owner): above the program's
    // no-CVM limit an unverified payment declines CVM_REQUIRED, like a tap without CDCVM.
    cdcvm: p.ownerVerified,
    preDecline: null,
    arpc: null,
  });
}
