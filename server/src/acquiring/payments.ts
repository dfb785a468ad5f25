/**
 * A merchant-QR payment on the acquirer's side: query, cancel before settlement (a full reversal),
 * settle (explicitly, or by itself at the next 00:00 UTC cut-off after authorization), and refund,
 * partly or fully, at the original rate. Every move goes through the core's state table
 * (ACQUIRED_PAYMENT_TABLE): an illegal one is PAYMENT_STATE. A move is claimed with a conditional
 * update on the state it leaves, so two concurrent moves cannot both happen; each queues a
 * notification to the acquirer.
 */
import {
  ACQUIRED_PAYMENT_TABLE,
  type AcquiredPayment,
  AcquiredPaymentActor,
  AcquiredPaymentEvent,
  type AcquiredPaymentState,
  AcquirerNotificationType,
  TransitionError,
} from '@arkpay/core';
import { currencyOf } from '@arkpay/core/money';
import type { Kysely, Transaction } from 'kysely';
import { refundOrReverse } from '../authorize/refund';
import type { AcquiredPaymentsTable, Database } from '../db/schema';
import type { Deps } from '../deps';
import { refundBilling } from '../fx/billing';
import { ApiError } from '../http/errors';
import { queueNotification } from './notifications';

type Db = Kysely<Database> | Transaction<Database>;

export async function paymentView(db: Db, r: AcquiredPaymentsTable): Promise<AcquiredPayment> {
  const refunds = await db
    .selectFrom('acquired_refunds')
    .selectAll()
    .where('payment_id', '=', r.id)
    .orderBy('created_at')
    .execute();
  return {
    id: r.id,
    quoteId: r.quote_id,
    state: r.state as AcquiredPaymentState,
    approved: r.approved === 1,
    reason: r.reason,
    network: r.network,
    merchantId: r.merchant_id,
    merchantName: r.merchant_name,
    merchantCity: r.merchant_city,
    amount: Number(r.amount),
    currency: r.currency,
    billingAmount: Number(r.billing_amount),
    billingCurrency: r.billing_currency,
    rate: r.fx_rate,
    markupBps: r.fx_markup_bps,
    rateDate: r.fx_rate_date,
    refundedAmount: Number(r.refunded_amount),
    refundedBillingAmount: Number(r.refunded_billing_amount),
    refunds: refunds.map((f) => ({
      id: f.id,
      amount: Number(f.amount),
      billingAmount: Number(f.billing_amount),
      createdAt: Number(f.created_at),
    })),
    settlesAt: Number(r.settles_at),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/** The next state, or PAYMENT_STATE saying why not. */
function nextState(state: string, event: AcquiredPaymentEvent, actor: AcquiredPaymentActor): AcquiredPaymentState {
  try {
    return ACQUIRED_PAYMENT_TABLE.next(state, event, actor) as AcquiredPaymentState;
  } catch (e) {
    if (e instanceof TransitionError)
      throw new ApiError('PAYMENT_STATE', `a payment in state ${state} cannot take "${event}"`);
    throw e;
  }
}

async function load(deps: Deps, acquirerId: string, id: string): Promise<AcquiredPaymentsTable> {
  const row = await deps.db.kysely
    .selectFrom('acquired_payments')
    .selectAll()
    .where('id', '=', id)
    .where('acquirer_id', '=', acquirerId)
    .executeTakeFirst();
  if (row === undefined) throw new ApiError('PAYMENT_NOT_FOUND', 'no such payment');
  return row;
}

const NOTIFIED: Record<AcquiredPaymentEvent, AcquirerNotificationType> = {
  [AcquiredPaymentEvent.Cancel]: AcquirerNotificationType.Cancelled,
  [AcquiredPaymentEvent.Settle]: AcquirerNotificationType.Settled,
  [AcquiredPaymentEvent.RefundPart]: AcquirerNotificationType.Refunded,
  [AcquiredPaymentEvent.RefundRest]: AcquirerNotificationType.Refunded,
};

/**
 * Moves the payment from the state it was read in (claimed: nobody moved it meanwhile) with `changes`,
 * and queues the notification; undefined when another move got there first.
 */
async function move(
  deps: Deps,
  row: AcquiredPaymentsTable,
  event: AcquiredPaymentEvent,
  actor: AcquiredPaymentActor,
  changes: Partial<AcquiredPaymentsTable>,
): Promise<AcquiredPaymentsTable | undefined> {
  const to = nextState(row.state, event, actor);
  const now = deps.now();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const moved = await trx
      .updateTable('acquired_payments')
      .set({ ...changes, state: to, updated_at: now })
      .where('id', '=', row.id)
      .where('state', '=', row.state)
      .where('refunded_amount', '=', row.refunded_amount)
      .returningAll()
      .executeTakeFirst();
    if (moved !== undefined)
      await queueNotification(trx, now, moved.acquirer_id, NOTIFIED[event], await paymentView(trx, moved));
    return moved;
  });
}

function changedMeanwhile(): ApiError {
  return new ApiError('PAYMENT_STATE', 'the payment changed meanwhile: query it and try again');
}

/** Settles the payment if its cut-off has passed (any reader sees the state as of now). */
async function current(deps: Deps, row: AcquiredPaymentsTable): Promise<AcquiredPaymentsTable> {
  if (row.state !== 'authorized' || deps.now() < Number(row.settles_at)) return row;
  const moved = await move(deps, row, AcquiredPaymentEvent.Settle, AcquiredPaymentActor.Cutoff, {});
  if (moved !== undefined) return moved;
  return (
    (await deps.db.kysely.selectFrom('acquired_payments').selectAll().where('id', '=', row.id).executeTakeFirst()) ??
    row
  );
}

/** Settles every payment whose cut-off has passed; returns how many. */
export async function settleDue(deps: Deps, max = 500): Promise<number> {
  const due = await deps.db.kysely
    .selectFrom('acquired_payments')
    .selectAll()
    .where('state', '=', 'authorized')
    .where('settles_at', '<=', deps.now())
    .limit(max)
    .execute();
  for (const row of due) await current(deps, row);
  return due.length;
}

export async function getPayment(deps: Deps, acquirerId: string, id: string): Promise<AcquiredPayment> {
  const row = await current(deps, await load(deps, acquirerId, id));
  return paymentView(deps.db.kysely, row);
}

export async function listPayments(deps: Deps, acquirerId: string, limit: number): Promise<AcquiredPayment[]> {
  const rows = await deps.db.kysely
    .selectFrom('acquired_payments')
    .selectAll()
    .where('acquirer_id', '=', acquirerId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  const out: AcquiredPayment[] = [];
  for (const r of rows) out.push(await paymentView(deps.db.kysely, await current(deps, r)));
  return out;
}

/** Settles now, before the cut-off. */
export async function settlePayment(deps: Deps, acquirerId: string, id: string): Promise<AcquiredPayment> {
  const row = await current(deps, await load(deps, acquirerId, id));
  const moved = await move(deps, row, AcquiredPaymentEvent.Settle, AcquiredPaymentActor.Acquirer, {
    settles_at: deps.now(),
  });
  if (moved === undefined) throw changedMeanwhile();
  return paymentView(deps.db.kysely, moved);
}

/** Cancels an unsettled payment: the authorization is reversed in full. */
export async function cancelPayment(deps: Deps, acquirerId: string, id: string): Promise<AcquiredPayment> {
  const row = await current(deps, await load(deps, acquirerId, id));
  const to = nextState(row.state, AcquiredPaymentEvent.Cancel, AcquiredPaymentActor.Acquirer);
  const db = deps.db.kysely;
  // Claimed first, so a settlement meanwhile (or a second cancel) cannot also happen.
  const claimed = await db
    .updateTable('acquired_payments')
    .set({ state: to, updated_at: deps.now() })
    .where('id', '=', row.id)
    .where('state', '=', row.state)
    .returningAll()
    .executeTakeFirst();
  if (claimed === undefined) throw changedMeanwhile();
  try {
    await refundOrReverse(deps, acquirerId, row.id, 'reversal', undefined);
  } catch (e) {
    await db.updateTable('acquired_payments').set({ state: row.state }).where('id', '=', row.id).execute();
    throw e;
  }
  const view = await paymentView(db, claimed);
  await queueNotification(db, deps.now(), claimed.acquirer_id, NOTIFIED[AcquiredPaymentEvent.Cancel], view);
  return view;
}

/**
 * Refunds `amount` (minor units of the merchant's currency) of a settled payment. The card gets back
 * the billing amount at the payment's own rate and markup (refundBilling), never today's; the refund
 * that completes the amount gives back exactly what is left of the billing amount, so a payment's
 * refunds never bill back more or less than it billed.
 */
export async function refundPayment(
  deps: Deps,
  acquirerId: string,
  id: string,
  amount: number,
): Promise<AcquiredPayment> {
  const row = await current(deps, await load(deps, acquirerId, id));
  const paid = Number(row.amount);
  const refunded = Number(row.refunded_amount);
  if (amount <= 0) throw new ApiError('VALUE_INVALID', 'a refund is a positive amount');
  const rest = refunded + amount === paid;
  const event = rest ? AcquiredPaymentEvent.RefundRest : AcquiredPaymentEvent.RefundPart;
  nextState(row.state, event, AcquiredPaymentActor.Acquirer);
  if (refunded + amount > paid) throw new ApiError('REFUND_EXCEEDS_AMOUNT', 'refunds would exceed the amount paid');
  const billedLeft = Number(row.billing_amount) - Number(row.refunded_billing_amount);
  const billing = rest
    ? billedLeft
    : row.fx_rate === null
      ? amount
      : Math.min(
          billedLeft,
          refundBilling(
            amount,
            currencyOf(row.currency),
            currencyOf(row.billing_currency),
            row.fx_rate,
            row.fx_markup_bps,
          ),
        );
  // Claim the move first, so two concurrent refunds cannot both pass the checks above.
  const claimed = await deps.db.kysely
    .updateTable('acquired_payments')
    .set({ refunded_amount: refunded + amount, updated_at: deps.now() })
    .where('id', '=', row.id)
    .where('state', '=', row.state)
    .where('refunded_amount', '=', row.refunded_amount)
    .returningAll()
    .executeTakeFirst();
  if (claimed === undefined) throw changedMeanwhile();
  let refundId: string;
  try {
    refundId = (await refundOrReverse(deps, acquirerId, row.id, 'refund', amount)).id;
  } catch (e) {
    await deps.db.kysely
      .updateTable('acquired_payments')
      .set({ refunded_amount: refunded })
      .where('id', '=', row.id)
      .execute();
    throw e;
  }
  const now = deps.now();
  // The refund's authorization row bills what this refund gives back (not the original's billing).
  await deps.db.kysely
    .updateTable('authorizations')
    .set({
      billing_amount: billing,
      billing_currency: currencyOf(row.billing_currency).numeric,
      fx_rate: row.fx_rate,
      fx_markup_bps: row.fx_markup_bps,
      fx_rate_date: row.fx_rate_date,
    })
    .where('id', '=', refundId)
    .execute();
  await deps.db.kysely
    .insertInto('acquired_refunds')
    .values({ id: refundId, payment_id: row.id, amount, billing_amount: billing, created_at: now })
    .execute();
  const moved = await move(deps, claimed, event, AcquiredPaymentActor.Acquirer, {
    refunded_billing_amount: Number(row.refunded_billing_amount) + billing,
  });
  if (moved === undefined) throw changedMeanwhile();
  return paymentView(deps.db.kysely, moved);
}
