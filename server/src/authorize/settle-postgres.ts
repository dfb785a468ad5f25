/**
 * PostgreSQL: the call of `arkpay_settle` (db/settle-function.ts), one authorization per call, with the
 * calls made in one turn of the event loop sent as one statement (db/round-trip-batch.ts): the function
 * runs once per authorization in one transaction, in the order of the token ids, so that two processes'
 * statements lock tokens in the same order and never wait on each other in a cycle.
 */
import type { Kysely } from 'kysely';
import { HotQuery, hot } from '../db/hot-query';
import { batchedPerDatabase } from '../db/round-trip-batch';
import type { Database } from '../db/schema';

export type SettleParam = string | number | null;

/** arkpay_settle's parameter types, in order (the batch reads each from JSON text). */
const TYPES = (
  'text text text text text text integer bigint text text text text text text ' +
  'bigint bigint text text integer text text text bigint bigint text text integer text'
).split(' ');
/** Where the token id is in the parameters. */
const TOKEN_ID = 2;

const SETTLE = new HotQuery(`select arkpay_settle(${TYPES.map(() => '?').join(', ')}) as reason`);

const SETTLE_MANY = new HotQuery(
  `select e.ord::integer as ord, arkpay_settle(${TYPES.map((t, i) => (t === 'text' ? `e.j->>${i}` : `(e.j->>${i})::${t}`)).join(', ')}) as reason
   from json_array_elements(?::json) with ordinality as e(j, ord)`,
);

async function one(db: Kysely<Database>, params: SettleParam[]): Promise<string> {
  const [row] = await hot<{ reason: string }>(db, SETTLE, params);
  if (row === undefined) throw new Error('arkpay_settle returned nothing');
  return row.reason;
}

async function many(db: Kysely<Database>, calls: SettleParam[][]): Promise<string[]> {
  const tokenOf = (i: number): string => String(calls[i]?.[TOKEN_ID]);
  // Stable: calls for one token keep their order.
  const order = calls.map((_, i) => i).sort((a, b) => (tokenOf(a) < tokenOf(b) ? -1 : tokenOf(a) > tokenOf(b) ? 1 : 0));
  const rows = await hot<{ ord: number; reason: string }>(db, SETTLE_MANY, [
    JSON.stringify(order.map((i) => calls[i])),
  ]);
  const reasons = new Map<number, string>();
  for (const r of rows) {
    const i = order[r.ord - 1];
    if (i !== undefined) reasons.set(i, r.reason);
  }
  return calls.map((_, i) => {
    const r = reasons.get(i);
    if (r === undefined) throw new Error('arkpay_settle batch lost a call');
    return r;
  });
}

/** Settles one authorization; resolves with its reason once its statement committed. */
export const settleCall: (db: Kysely<Database>, params: SettleParam[]) => Promise<string> = batchedPerDatabase(
  many,
  one,
);
