/**
 * Fixed-window rate limit per principal (API key or device), counted in the database so that every
 * server process sees the same count: one upsert per request.
 */
import { HotQuery, hot } from '../db/hot-query';
import type { Deps } from '../deps';
import { ApiError } from './errors';

const WINDOW_MS = 60_000;
const COUNT = new HotQuery(
  `insert into rate_limits (bucket, window_start, count) values (?, ?, 1)
   on conflict (bucket, window_start) do update set count = rate_limits.count + 1 returning count`,
);

export async function consumeRate(deps: Deps, bucket: string): Promise<void> {
  const now = deps.now();
  const window = now - (now % WINDOW_MS);
  // One upsert: on PostgreSQL its commit shares the WAL flush with concurrent commits (group commit),
  // which measured cheaper than an unflushed commit in its own transaction (four round trips).
  const [row] = await hot<{ count: number }>(deps.db.kysely, COUNT, [bucket, window]);
  if (row === undefined || Number(row.count) > deps.config.rateLimitPerMinute) {
    throw new ApiError(429, 'RATE_LIMITED', `more than ${deps.config.rateLimitPerMinute} requests this minute`);
  }
}
