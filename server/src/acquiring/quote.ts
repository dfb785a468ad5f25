/**
 * The wallet pays a foreign merchant's EMVCo QR through the acquirer that registered it, in the
 * merchant's currency. A quote fixes, for QUOTE_VALID_SECONDS, what the merchant is paid, what the
 * card is billed and at which rate and markup (fx/billing.ts); a confirm with the owner's verification
 * authorizes exactly that (settle() with the quote's billing, the partner as acquirer), records the
 * payment and queues the acquirer's notification. A quote confirms at most once: confirming it again
 * answers the same payment.
 */
import {
  type AcquiredPayment,
  AcquiredPaymentState,
  AcquirerNotificationType,
  MoneyError,
  type Mpm,
  parseMpm,
  QrError,
  type QrQuote,
  QUOTE_VALID_SECONDS,
  settlementCutoff,
} from '@arkpay/core';
import { type Currency, currencyOf, findCurrency, parseAmount } from '@arkpay/core/money';
import { z } from '@hono/zod-openapi';
import type { AuthorizationResultT } from '../authorize/model';
import { programLimits } from '../authorize/program-cache';
import { settle } from '../authorize/settle';
import { newId, newRandomId } from '../crypto/secrets';
import type { AcquiredPaymentsTable, QrQuotesTable } from '../db/schema';
import type { Deps } from '../deps';
import { Billing, billingFor } from '../fx/billing';
import { ApiError, fromCoreError } from '../http/errors';
import { Amount } from '../http/schemas';
import { tokenFor } from '../tokens/store';
import { queueNotification } from './notifications';
import { paymentView } from './payments';
import { routeToAcquirer } from './registrations';

export const QuoteRequest = z
  .object({
    tokenId: z.string().min(1).max(80),
    payload: z.string().min(10).max(512).openapi({ description: 'the scanned EMVCo MPM string' }),
    amount: Amount.optional().openapi({
      description: "static QR only (no tag 54): the amount in minor units of the QR's currency (tag 53)",
    }),
  })
  .openapi('QrQuoteRequest');

export const ConfirmRequest = z
  .object({
    quoteId: z.string().min(1).max(80),
    ownerVerified: z.boolean().default(false).openapi({
      description:
        "the owner passed a consumer-device CVM for this payment; above the program's no-CVM limit (in the billing currency) an unverified payment is declined CVM_REQUIRED",
    }),
  })
  .openapi('QrConfirmRequest');

function readMpm(payload: string): Mpm {
  try {
    return parseMpm(payload);
  } catch (e) {
    if (e instanceof QrError) throw fromCoreError(e, 'QR_FORMAT');
    throw e;
  }
}

/** The merchant's currency (53) and amount (54 by the currency's exponent, or the wallet's). */
function merchantAmount(mpm: Mpm, given: number | undefined): { amount: number; currency: Currency } {
  const currency = mpm.currency === null ? undefined : findCurrency(mpm.currency);
  if (currency === undefined)
    throw new ApiError('QR_CURRENCY_MISSING', 'the QR has no ISO 4217 transaction currency (53)');
  let inQr: number | undefined;
  if (mpm.amount !== null) {
    try {
      inQr = parseAmount(mpm.amount, currency);
    } catch (e) {
      if (e instanceof MoneyError) throw new ApiError('QR_AMOUNT_INVALID', `QR amount: ${e.message}`);
      throw e;
    }
  }
  if (inQr !== undefined && given !== undefined && inQr !== given)
    throw new ApiError('AMOUNT_MISMATCH', 'amount differs from the amount in the QR');
  const amount = inQr ?? given;
  if (amount === undefined) throw new ApiError('AMOUNT_REQUIRED', 'static QR: the wallet must give the amount');
  if (amount <= 0) throw new ApiError('QR_AMOUNT_INVALID', 'the amount must be positive');
  return { amount, currency };
}

function toQuote(q: QrQuotesTable): QrQuote {
  return {
    id: q.id,
    tokenId: q.token_id,
    network: q.network,
    merchantName: q.merchant_name,
    merchantCity: q.merchant_city,
    amount: Number(q.amount),
    currency: q.currency,
    billingAmount: Number(q.billing_amount),
    billingCurrency: q.billing_currency,
    rate: q.fx_rate,
    markupBps: q.fx_markup_bps,
    rateDate: q.fx_rate_date,
    expiresAt: Number(q.expires_at),
    validSeconds: QUOTE_VALID_SECONDS,
  };
}

export async function createQuote(deps: Deps, deviceId: string, r: z.infer<typeof QuoteRequest>): Promise<QrQuote> {
  const mpm = readMpm(r.payload);
  const token = await tokenFor(deps, 'device', deviceId, r.tokenId);
  if (token.state !== 'active') throw new ApiError('TOKEN_NOT_ACTIVE', 'the token is not active');
  const merchant = merchantAmount(mpm, r.amount);
  const routed = await routeToAcquirer(deps.db.kysely, mpm);
  const program = await deps.db.kysely
    .selectFrom('programs')
    .selectAll()
    .where('id', '=', token.program_id)
    .executeTakeFirstOrThrow();
  const now = deps.now();
  const billing = await billingFor(
    deps.db.kysely,
    merchant.amount,
    merchant.currency,
    {
      currency: currencyOf(programLimits(program).currency),
      markupBps: program.fx_markup_bps,
      maxRateAgeHours: program.fx_max_rate_age_hours,
    },
    now,
  );
  if (billing === 'FX_RATE_MISSING')
    throw new ApiError('QUOTE_RATE_MISSING', `no exchange rate from ${merchant.currency.alpha} to the card's currency`);
  if (billing === 'FX_RATE_STALE')
    throw new ApiError('QUOTE_RATE_STALE', `the ${merchant.currency.alpha} rate is older than the program accepts`);
  const q: QrQuotesTable = {
    id: newId('qte'),
    device_id: deviceId,
    token_id: token.id,
    acquirer_id: routed.registration.acquirer_id,
    state: 'open',
    payment_id: null,
    confirm_until: null,
    expires_at: now + QUOTE_VALID_SECONDS * 1000,
    network: routed.network,
    merchant_id: routed.merchantId,
    merchant_name: (mpm.merchantName ?? '').slice(0, 100),
    merchant_city: (mpm.merchantCity ?? '').slice(0, 100),
    amount: merchant.amount,
    currency: merchant.currency.alpha,
    billing_amount: billing.amount,
    billing_currency: billing.currency.alpha,
    fx_rate: billing.rate,
    fx_markup_bps: billing.markupBps,
    fx_rate_date: billing.rateDate,
    created_at: now,
  };
  await deps.db.kysely.insertInto('qr_quotes').values(q).execute();
  return toQuote(q);
}

function yymmdd(ms: number): string {
  return new Date(ms).toISOString().slice(2, 10).replace(/-/g, '');
}

/** How long a confirm waits for a concurrent confirm of the same quote to record its payment. */
const CONCURRENT_WAIT_MS = 5_000;
/** How long a confirm holds its quote; a confirm whose process died is taken over after it. */
const CONFIRM_LEASE_MS = 30_000;

/**
 * Confirms a quote once. The first confirm claims it with a lease and the authorization id it will
 * settle under; a concurrent confirm waits for that payment and answers it too. A confirm that failed
 * or died leaves the id behind: the next confirm finds the authorization it made and records the
 * payment (nothing paid twice, nothing paid unrecorded), or, when none was made, pays under that id.
 */
export async function confirmQuote(
  deps: Deps,
  deviceId: string,
  r: z.infer<typeof ConfirmRequest>,
): Promise<AcquiredPayment> {
  const db = deps.db.kysely;
  const waitUntil = Date.now() + CONCURRENT_WAIT_MS;
  for (;;) {
    const q = await db
      .selectFrom('qr_quotes')
      .selectAll()
      .where('id', '=', r.quoteId)
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    if (q === undefined) throw new ApiError('QUOTE_NOT_FOUND', 'no such quote');
    const paid = await db.selectFrom('acquired_payments').selectAll().where('quote_id', '=', q.id).executeTakeFirst();
    if (paid !== undefined) return paymentView(db, paid);
    const now = deps.now();
    if (q.state === 'open' || (q.state === 'confirming' && Number(q.confirm_until ?? 0) < now)) {
      const authorizationId = q.payment_id ?? newRandomId('auth');
      let claim = db
        .updateTable('qr_quotes')
        .set({ state: 'confirming', payment_id: authorizationId, confirm_until: now + CONFIRM_LEASE_MS })
        .where('id', '=', q.id)
        .where('state', '=', q.state);
      claim =
        q.confirm_until === null
          ? claim.where('confirm_until', 'is', null)
          : claim.where('confirm_until', '=', q.confirm_until);
      if ((await claim.returning('id').executeTakeFirst()) !== undefined) {
        return confirmClaimed(deps, deviceId, { ...q, payment_id: authorizationId }, r.ownerVerified);
      }
    } else if (Date.now() > waitUntil) {
      throw new ApiError('QUOTE_ALREADY_CONFIRMED', 'the quote is being confirmed by another call');
    }
    await new Promise((done) => setTimeout(done, 25));
  }
}

async function confirmClaimed(
  deps: Deps,
  deviceId: string,
  q: QrQuotesTable & { payment_id: string },
  ownerVerified: boolean,
): Promise<AcquiredPayment> {
  const db = deps.db.kysely;
  try {
    const made = await db
      .selectFrom('authorizations')
      .select(['id', 'approved', 'reason'])
      .where('id', '=', q.payment_id)
      .executeTakeFirst();
    if (made !== undefined) return await record(deps, q, made.id, made.approved === 1, made.reason);
    if (deps.now() > Number(q.expires_at)) {
      await db.updateTable('qr_quotes').set({ state: 'open', confirm_until: null }).where('id', '=', q.id).execute();
      throw new ApiError('QUOTE_EXPIRED', `the quote expired after ${QUOTE_VALID_SECONDS} s: ask for a new one`);
    }
    const result = await pay(deps, deviceId, q, ownerVerified);
    return await record(deps, q, result.id, result.approved, result.reason);
  } catch (e) {
    // The lease ends at once; the authorization id stays, so a retry finishes or pays exactly once.
    await db
      .updateTable('qr_quotes')
      .set({ confirm_until: 0 })
      .where('id', '=', q.id)
      .where('state', '=', 'confirming')
      .execute();
    throw e;
  }
}

/** Authorizes what the quote fixed, under the authorization id the claim chose. */
async function pay(
  deps: Deps,
  deviceId: string,
  q: QrQuotesTable & { payment_id: string },
  ownerVerified: boolean,
): Promise<AuthorizationResultT> {
  const token = await tokenFor(deps, 'device', deviceId, q.token_id);
  const program = await deps.db.kysely
    .selectFrom('programs')
    .selectAll()
    .where('id', '=', token.program_id)
    .executeTakeFirst();
  const currency = currencyOf(q.currency);
  const billingCurrency = currencyOf(q.billing_currency);
  const billing = new Billing(Number(q.billing_amount), billingCurrency, q.fx_rate, q.fx_markup_bps, q.fx_rate_date);
  return settle(deps, {
    id: q.payment_id,
    kind: 'qr',
    domain: 'qr',
    token,
    program,
    acquirerId: q.acquirer_id,
    deviceId,
    atc: null,
    amount: Number(q.amount),
    currency: currency.numeric,
    merchant: `${q.merchant_name} ${q.merchant_city}`.trim().slice(0, 140),
    date: yymmdd(deps.now()),
    cdcvm: ownerVerified,
    preDecline: null,
    arpc: null,
    billing,
  });
}

/** The payment of a settled authorization, the quote marked confirmed and the acquirer's notification queued. */
async function record(
  deps: Deps,
  q: QrQuotesTable,
  authorizationId: string,
  approved: boolean,
  reason: string,
): Promise<AcquiredPayment> {
  const db = deps.db.kysely;
  const result = { id: authorizationId, approved, reason };
  const now = deps.now();
  return db.transaction().execute(async (trx) => {
    const p: AcquiredPaymentsTable = {
      id: result.id,
      quote_id: q.id,
      acquirer_id: q.acquirer_id,
      token_id: q.token_id,
      state: result.approved ? AcquiredPaymentState.Authorized : AcquiredPaymentState.Declined,
      approved: result.approved ? 1 : 0,
      reason: result.reason,
      refunded_amount: 0,
      refunded_billing_amount: 0,
      settles_at: settlementCutoff(now),
      updated_at: now,
      network: q.network,
      merchant_id: q.merchant_id,
      merchant_name: q.merchant_name,
      merchant_city: q.merchant_city,
      amount: q.amount,
      currency: q.currency,
      billing_amount: q.billing_amount,
      billing_currency: q.billing_currency,
      fx_rate: q.fx_rate,
      fx_markup_bps: q.fx_markup_bps,
      fx_rate_date: q.fx_rate_date,
      created_at: now,
    };
    await trx.insertInto('acquired_payments').values(p).execute();
    await trx
      .updateTable('qr_quotes')
      .set({ state: 'confirmed', payment_id: result.id })
      .where('id', '=', q.id)
      .execute();
    const view = await paymentView(trx, p);
    await queueNotification(
      trx,
      now,
      q.acquirer_id,
      result.approved ? AcquirerNotificationType.Authorized : AcquirerNotificationType.Declined,
      view,
    );
    return view;
  });
}
