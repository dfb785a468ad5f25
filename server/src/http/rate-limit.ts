/**
 * Fixed-window counters in the database, so that every server process sees the same count: one upsert
 * per counted request. Used per principal (API key or device: every call) and per source address
 * (failed authentication, enrolment: see abuse-limit.ts). Every 429 carries Retry-After.
 */
import type { ApiErrorCode } from '@arkpay/core';
import { HotQuery, hot } from '../db/hot-query';
import type { Deps } from '../deps';
import { fail } from './errors';

export const WINDOW_MS = 60_000;
const COUNT = new HotQuery(
  `insert into rate_limits (bucket, window_start, count) values (?, ?, 1)
   on conflict (bucket, window_start) do update set count = rate_limits.count + 1 returning count`,
);

export interface WindowCount {
  count: number;
  /** Whole seconds until this window ends (at least 1). */
  retryAfterSeconds: number;
  windowEnd: number;
}

/** Counts one event in `bucket`'s current window and returns the count so far. */
export async function countInWindow(deps: Deps, bucket: string): Promise<WindowCount> {
  const now = deps.now();
  const window = now - (now % WINDOW_MS);
  // One upsert: on PostgreSQL its commit shares the WAL flush with concurrent commits (group commit),
  // which measured cheaper than an unflushed commit in its own transaction (four round trips).
  const [row] = await hot<{ count: number }>(deps.db.kysely, COUNT, [bucket, window]);
  const windowEnd = window + WINDOW_MS;
  return {
    count: row === undefined ? Number.MAX_SAFE_INTEGER : Number(row.count),
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)),
    windowEnd,
  };
}

/** Counts one event and refuses it with a 429 (and Retry-After) past `limit` in this window. */
export async function consumeLimit(
  deps: Deps,
  bucket: string,
  limit: number,
  code: ApiErrorCode,
  what: string,
): Promise<WindowCount> {
  const w = await countInWindow(deps, bucket);
  if (w.count > limit) throw fail(code, `more than ${limit} ${what} this minute`, w.retryAfterSeconds);
  return w;
}

export async function consumeRate(deps: Deps, bucket: string): Promise<void> {
  await consumeLimit(deps, bucket, deps.config.rateLimitPerMinute, 'RATE_LIMITED', 'requests');
}
