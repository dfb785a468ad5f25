/**
 * Fixed-window counters in the database, so that every server process sees the same count. Used per
 * source address (failed authentication, enrolment: see abuse-limit.ts; one upsert per counted event)
 * and per principal (API key or device: every call). Every 429 carries Retry-After.
 *
 * Per principal, a process takes its share of the window from the database in chunks (reservations):
 * the stored count is what all processes together have reserved, and a reservation past the limit is
 * granted only up to it, so the limit holds across processes exactly as before: never more than the
 * limit in a window. A chunk starts at one request and doubles with each refill in the same window
 * (capped at 1/64 of the limit and RESERVE_MAX), so a quiet principal is counted one by one and a busy
 * one costs a database write every RESERVE_MAX calls instead of every call. What a process reserved
 * and did not use is lost with its window: another process may be refused up to (processes × chunk)
 * requests early, never late.
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

const RESERVE = new HotQuery(
  `insert into rate_limits (bucket, window_start, count) values (?, ?, ?)
   on conflict (bucket, window_start) do update set count = rate_limits.count + excluded.count returning count`,
);
const RESERVE_MAX = 64;
/** Buckets kept per database before the map is swept of past windows. */
const SWEEP_AT = 10_000;

interface Share {
  window: number;
  /** Requests this process may still let through in `window`. */
  left: number;
  /** Size of the next reservation. */
  chunk: number;
}

/** Per database (several services may run in one process, each on its own). */
const shares = new WeakMap<object, Map<string, Share>>();

function sharesOf(deps: Deps): Map<string, Share> {
  let m = shares.get(deps.db);
  if (m === undefined) {
    m = new Map();
    shares.set(deps.db, m);
  }
  return m;
}

export async function consumeRate(deps: Deps, bucket: string): Promise<void> {
  const limit = deps.config.rateLimitPerMinute;
  const now = deps.now();
  const window = now - (now % WINDOW_MS);
  const mine = sharesOf(deps);
  let share = mine.get(bucket);
  if (share === undefined || share.window !== window) {
    if (mine.size >= SWEEP_AT) for (const [b, s] of mine) if (s.window !== window) mine.delete(b);
    share = { window, left: 0, chunk: 1 };
    mine.set(bucket, share);
  }
  if (share.left > 0) {
    share.left--;
    return;
  }
  const chunk = share.chunk;
  const [row] = await hot<{ count: number }>(deps.db.kysely, RESERVE, [bucket, window, chunk]);
  const total = row === undefined ? Number.MAX_SAFE_INTEGER : Number(row.count);
  // Of this chunk, only what still fits under the limit is granted.
  const granted = Math.max(0, Math.min(chunk, limit - (total - chunk)));
  // Refused: count one by one again (a caller hammering past the limit adds 1 per call, as before).
  share.chunk = granted === 0 ? 1 : Math.min(chunk * 2, RESERVE_MAX, Math.max(1, Math.floor(limit / 64)));
  if (granted === 0) {
    const retry = Math.max(1, Math.ceil((window + WINDOW_MS - now) / 1000));
    throw fail('RATE_LIMITED', `more than ${limit} requests this minute`, retry);
  }
  // Concurrent refills in this process each add what they were granted.
  share.left += granted - 1;
}
