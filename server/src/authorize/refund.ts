/**
 * Refunds and reversals of an approved authorization, by the acquirer that made it. The original row
 * is locked (PostgreSQL; SQLite runs one transaction at a time) so concurrent refunds cannot exceed the
 * original amount; at most one reversal per authorization. Amounts are in the payment's currency (the
 * refund limit too); what goes back to the card holder is billed at the original rate and markup,
 * whatever the rate table says today, and the refund that completes the amount bills exactly what is
 * left of the original billing (no rounding drift over partial refunds).
 */
import type { ApiErrorCode } from '@arkpay/core';
import { findCurrency } from '@arkpay/core/money';
import { newId } from '../crypto/secrets';
import type { AuthorizationsTable } from '../db/schema';
import type { Deps } from '../deps';
import { recordEvent } from '../events/outbox';
import { refundBilling } from '../fx/billing';
import { ApiError } from '../http/errors';
import type { AuthorizationResultT } from './model';
import { billingFields, billingView } from './view';

/** What `value` of the original's amount bills back, given what earlier refunds billed back already. */
function billedBack(orig: AuthorizationsTable, value: number, refunded: number, billedBefore: number): number | null {
  if (orig.billing_amount === null || orig.billing_currency === null) return null;
  const left = Number(orig.billing_amount) - billedBefore;
  if (refunded + value === orig.amount) return left;
  const from = findCurrency(orig.currency);
  const to = findCurrency(orig.billing_currency);
  if (orig.fx_rate === null || from === undefined || to === undefined) return Math.min(value, left);
  return Math.min(refundBilling(value, from, to, orig.fx_rate, orig.fx_markup_bps ?? 0), left);
}

export const REFUND_ERRORS: readonly ApiErrorCode[] = [
  'AUTHORIZATION_NOT_FOUND',
  'AUTHORIZATION_NOT_APPROVED',
  'ALREADY_REVERSED',
  'ALREADY_REFUNDED',
  'REFUND_EXCEEDS_AMOUNT',
];

export async function refundOrReverse(
  deps: Deps,
  acquirerId: string,
  originalId: string,
  kind: 'refund' | 'reversal',
  amount: number | undefined,
): Promise<AuthorizationResultT> {
  const pg = deps.db.dialect === 'postgres';
  return deps.db.kysely.transaction().execute(async (trx) => {
    const now = deps.now();
    const id = newId(kind === 'refund' ? 'rfd' : 'rev');
    // Row lock on PostgreSQL; on SQLite one connection runs the process's transactions one at a time.
    let sel = trx.selectFrom('authorizations').selectAll().where('id', '=', originalId);
    if (pg) sel = sel.forUpdate();
    const orig = await sel.executeTakeFirst();
    if (orig === undefined || orig.acquirer_id !== acquirerId || orig.original_id !== null) {
      throw new ApiError('AUTHORIZATION_NOT_FOUND', 'no such authorization');
    }
    if (orig.approved !== 1)
      throw new ApiError('AUTHORIZATION_NOT_APPROVED', 'only an approved authorization can be refunded or reversed');
    const prior = await trx
      .selectFrom('authorizations')
      .select(['kind', 'amount', 'billing_amount'])
      .where('original_id', '=', orig.id)
      .execute();
    if (prior.some((p) => p.kind === 'reversal')) throw new ApiError('ALREADY_REVERSED', 'authorization was reversed');
    if (kind === 'reversal' && prior.length > 0)
      throw new ApiError('ALREADY_REFUNDED', 'a refunded authorization cannot be reversed');
    const refunded = prior.reduce((s, p) => s + p.amount, 0);
    const value = kind === 'reversal' ? orig.amount : (amount ?? 0);
    if (kind === 'refund' && refunded + value > orig.amount)
      throw new ApiError('REFUND_EXCEEDS_AMOUNT', 'refunds would exceed the authorized amount');
    const billedBefore = prior.reduce((s, p) => s + Number(p.billing_amount ?? 0), 0);
    const billing = billedBack(orig, value, refunded, billedBefore);
    await trx
      .insertInto('authorizations')
      .values({
        ...orig,
        id,
        kind,
        original_id: orig.id,
        amount: value,
        billing_amount: billing,
        approved: 1,
        reason: 'APPROVED',
        arpc: null,
        atc: null,
        owner_verified: 0,
        created_at: now,
      })
      .execute();
    if (orig.issuer_id !== null)
      await recordEvent(trx, now, orig.issuer_id, `authorization.${kind}`, id, {
        originalId: orig.id,
        amount: value,
        currency: orig.currency,
        ...billingFields(
          billingView(billing, orig.billing_currency, orig.fx_rate, orig.fx_markup_bps, orig.fx_rate_date),
        ),
      });
    return { id, approved: true, reason: 'APPROVED', arc: null, arpc: null };
  });
}
