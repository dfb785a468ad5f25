/**
 * Fixed-window rate limit per principal (API key or device), counted in the database so that every
 * server process sees the same count: one upsert per request.
 */
import { sql } from 'kysely';
import type { Deps } from '../deps';
import { ApiError } from './errors';

const WINDOW_MS = 60_000;

export async function consumeRate(deps: Deps, bucket: string): Promise<void> {
  const now = deps.now();
  const window = now - (now % WINDOW_MS);
  // One upsert: on PostgreSQL its commit shares the WAL flush with concurrent commits (group commit),
  // which measured cheaper than an unflushed commit in its own transaction (four round trips).
  const row = await deps.db.kysely
    .insertInto('rate_limits')
    .values({ bucket, window_start: window, count: 1 })
    .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  if (row.count > deps.config.rateLimitPerMinute) {
    throw new ApiError(429, 'RATE_LIMITED', `more than ${deps.config.rateLimitPerMinute} requests this minute`);
  }
}
