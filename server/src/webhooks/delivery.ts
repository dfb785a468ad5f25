/**
 * What the two outboxes (issuer events, acquirer payment notifications) share: claiming a due row with a
 * lease (a conditional update, so several processes never deliver one row at once), one signed POST with
 * a timeout, the state after an attempt (delivered, failed after MAX_ATTEMPTS, or due again after an
 * exponential back-off: 1 s · 2^n, at most 10 minutes), and a run that drains what is due.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema';

/** How long a claimed row is held by the process delivering it. */
export const LEASE_MS = 30_000;
export const MAX_ATTEMPTS = 8;

export function backoffMs(attempt: number): number {
  return Math.min(600_000, 1000 * 2 ** (attempt - 1));
}

export interface Attempted {
  status: number | null;
  /** The error's name when no answer came (never its message: it may carry the URL). */
  error: string | null;
  ok: boolean;
}

/** POSTs `body` to `url` with `headers`; any 2xx is delivered. */
export async function postSigned(
  url: string,
  headers: Record<string, string>,
  body: string,
  timeoutMs: number,
): Promise<Attempted> {
  let status: number | null = null;
  let error: string | null = null;
  try {
    const r = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = r.status;
    await r.arrayBuffer();
  } catch (err) {
    error = err instanceof Error ? err.name : 'error';
  }
  return { status, error, ok: status !== null && status >= 200 && status < 300 };
}

/** The row's next state after attempt number `attempts`. */
export function afterAttempt(
  ok: boolean,
  attempts: number,
  now: number,
): { delivery: string } | { next_attempt_at: number } {
  if (ok) return { delivery: 'delivered' };
  return attempts >= MAX_ATTEMPTS ? { delivery: 'failed' } : { next_attempt_at: now + backoffMs(attempts) };
}

/** Claims and delivers due rows one at a time, at most `max`; returns how many were attempted. */
export async function drainDue<R>(
  max: number,
  claim: () => Promise<R | undefined>,
  deliver: (row: R) => Promise<void>,
): Promise<number> {
  let n = 0;
  for (; n < max; n++) {
    const row = await claim();
    if (row === undefined) break;
    await deliver(row);
  }
  return n;
}

/** The outbox tables: each has id, delivery ('pending' until delivered, failed or none), attempts, next_attempt_at. */
export type Outbox = 'events' | 'acquirer_notifications';

/** The oldest due row of `table`, leased to this process with its attempt counted; undefined when none is due. */
export async function claimDue<R>(db: Kysely<Database>, table: Outbox, now: number): Promise<R | undefined> {
  const due = await sql<{ id: string }>`select id from ${sql.table(table)}
    where delivery = 'pending' and next_attempt_at <= ${now} order by next_attempt_at limit 1`.execute(db);
  const id = due.rows[0]?.id;
  if (id === undefined) return undefined;
  const claimed = await sql<R>`update ${sql.table(table)}
    set next_attempt_at = ${now + LEASE_MS}, attempts = attempts + 1
    where id = ${id} and delivery = 'pending' and next_attempt_at <= ${now} returning *`.execute(db);
  return claimed.rows[0];
}
