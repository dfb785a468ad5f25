/**
 * A consumer-presented EMVCo QR scanned by the merchant: the core parses it; its cryptogram (made with
 * one single-use key, over zero amount and the date, country and currency in the code) is verified like
 * a tap's, its ATC claimed like a tap's, so a code pays once. The amount comes from the acquirer; the
 * currency must be the one the code was made for (its cryptogram covers it): another one declines
 * CURRENCY_MISMATCH. Any ISO 4217 currency pays, billed in the program's currency (pricing.ts).
 */
import type { ApiErrorCode } from '@arkpay/core';
import { type AcData, type CpmTransaction, parseCpm, QrError, toHex } from '@arkpay/core';
import type { z } from '@hono/zod-openapi';
import type { Deps } from '../deps';
import { fromCoreError } from '../http/errors';
import { findTokenAndProgram } from '../tokens/detokenise';
import type { AuthorizationResultT, CpmAuthorization } from './model';
import { paymentCurrency } from './pricing';
import { type Attempt, settle } from './settle';
import { cardEvidence } from './tap';

/** What a scanned consumer QR can be refused with (the core's CPM reader). */
export const CPM_ERRORS: readonly ApiErrorCode[] = [
  'QR_BASE64',
  'QR_TLV',
  'QR_FORMAT',
  'QR_CPM_FIELD',
  'QR_CPM_USED',
  'QR_CPM_NO_CRYPTOGRAM',
  'QR_CPM_NOT_AUTHORIZABLE',
  'QR_CPM_REFUSED',
  'CURRENCY_UNKNOWN',
];

export async function authorizeCpm(
  deps: Deps,
  acquirerId: string,
  r: z.infer<typeof CpmAuthorization>,
): Promise<AuthorizationResultT> {
  paymentCurrency(r.currency);
  let cpm: ReturnType<typeof parseCpm>;
  let tx: CpmTransaction;
  let d: AcData;
  try {
    cpm = parseCpm(r.payload);
    // A valid CPM without cryptogram data (QR_CPM_NO_CRYPTOGRAM) or without what verifying it needs
    // (QR_CPM_NOT_AUTHORIZABLE) cannot be authorized as a cryptogram payment: 422 with that code.
    tx = cpm.requireTransaction();
    d = tx.acData();
  } catch (e) {
    if (e instanceof QrError) throw fromCoreError(e, 'QR_FORMAT');
    throw e;
  }
  const found = await findTokenAndProgram(deps, cpm.pan);
  const a: Attempt = {
    kind: 'qr',
    domain: 'qr',
    token: found?.token,
    program: found?.program,
    acquirerId,
    deviceId: found?.token.device_id ?? null,
    atc: tx.atc,
    amount: r.amount,
    currency: r.currency,
    merchant: `${r.merchant.id} ${r.merchant.name}`.slice(0, 140),
    date: toHex(d.date),
    cdcvm: false,
    preDecline: null,
    arpc: null,
  };
  if (found === undefined) return settle(deps, { ...a, atc: null, preDecline: 'TOKEN_UNKNOWN' });
  const ev = cardEvidence(deps, found, () => d, tx.cryptogram, tx.iad);
  if (!ev.valid) return settle(deps, { ...a, atc: null, preDecline: 'CRYPTOGRAM_INVALID' });
  const b: Attempt = { ...a, cdcvm: ev.cdcvm, arpc: ev.arpc };
  if (String(Number(toHex(d.currency))).padStart(3, '0') !== r.currency)
    return settle(deps, { ...b, preDecline: 'CURRENCY_MISMATCH' });
  return settle(deps, b);
}
