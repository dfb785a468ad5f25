/**
 * Refunds and reversals of an approved authorization, by the acquirer that made it. The original row
 * is locked (PostgreSQL; SQLite runs one transaction at a time) so concurrent refunds cannot exceed the
 * original amount; at most one reversal per authorization.
 */
import type { ApiErrorCode } from '@arkpay/core';
import { newId } from '../crypto/secrets';
import type { Deps } from '../deps';
import { recordEvent } from '../events/outbox';
import { ApiError } from '../http/errors';
import type { AuthorizationResultT } from './model';

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
      .select(['kind', 'amount'])
      .where('original_id', '=', orig.id)
      .execute();
    if (prior.some((p) => p.kind === 'reversal')) throw new ApiError('ALREADY_REVERSED', 'authorization was reversed');
    if (kind === 'reversal' && prior.length > 0)
      throw new ApiError('ALREADY_REFUNDED', 'a refunded authorization cannot be reversed');
    const refunded = prior.reduce((s, p) => s + p.amount, 0);
    const value = kind === 'reversal' ? orig.amount : (amount ?? 0);
    if (kind === 'refund' && refunded + value > orig.amount)
      throw new ApiError('REFUND_EXCEEDS_AMOUNT', 'refunds would exceed the authorized amount');
    await trx
      .insertInto('authorizations')
      .values({
        ...orig,
        id,
        kind,
        original_id: orig.id,
        amount: value,
        approved: 1,
        reason: 'APPROVED',
        arpc: null,
        atc: null,
        owner_verified: 0,
        created_at: now,
      })
      .execute();
    if (orig.issuer_id !== null)
      await recordEvent(trx, now, orig.issuer_id, `authorization.${kind}`, id, { originalId: orig.id, amount: value });
    return { id, approved: true, reason: 'APPROVED', arc: null, arpc: null };
  });
}
