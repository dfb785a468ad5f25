/**
 * Token state changes through the core's lifecycle table (TOKEN_LIFECYCLE), persisted with a
 * compare-and-set on the old state so two processes cannot both move the same token, with the
 * `token.<event>` outbox event in the same transaction.
 */
import { isArkPayError, TOKEN_LIFECYCLE, type TransitionError } from '@arkpay/core';
import type { Kysely } from 'kysely';
import type { Database, TokensTable } from '../db/schema';
import { recordEvent } from '../events/outbox';
import { ApiError } from '../http/errors';

export function nextState(state: string, event: string, actor: string): string {
  try {
    return TOKEN_LIFECYCLE.next(state, event, actor);
  } catch (e) {
    if (e instanceof Error && isArkPayError(e)) {
      throw new ApiError('TOKEN_STATE_CONFLICT', (e as TransitionError).message);
    }
    throw e;
  }
}

export async function transitionToken(
  db: Kysely<Database>,
  now: number,
  token: TokensTable,
  event: string,
  actor: string,
  reason: string,
): Promise<TokensTable> {
  const to = nextState(token.state, event, actor);
  const r = await db
    .updateTable('tokens')
    .set({ state: to, updated_at: now, ...(to === 'requested' ? {} : { otp_hash: null }) })
    .where('id', '=', token.id)
    .where('state', '=', token.state)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new ApiError('TOKEN_STATE_CONFLICT', 'token changed meanwhile; retry');
  await recordEvent(db, now, token.issuer_id, `token.${to}`, token.id, { from: token.state, event, actor, reason });
  return { ...token, state: to, updated_at: now };
}

export async function transitionInTransaction(
  db: Kysely<Database>,
  now: number,
  tokenId: string,
  event: string,
  actor: string,
  reason: string,
): Promise<TokensTable> {
  return db.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('tokens').selectAll().where('id', '=', tokenId).executeTakeFirst();
    if (t === undefined) throw new ApiError('TOKEN_NOT_FOUND', 'no such token');
    return transitionToken(trx, now, t, event, actor, reason);
  });
}
