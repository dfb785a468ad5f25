/**
 * Fixed-window rate limit per principal (API key or device), counted in the database so that every
 * server process sees the same count: one upsert per request.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema';
import type { Deps } from '../deps';
import { ApiError } from './errors';

const WINDOW_MS = 60_000;

export async function consumeRate(deps: Deps, bucket: string): Promise<void> {
  const now = deps.now();
  const window = now - (now % WINDOW_MS);
  const bump = (db: Kysely<Database>) =>
    db
      .insertInto('rate_limits')
      .values({ bucket, window_start: window, count: 1 })
      .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ count: sql`rate_limits.count + 1` }))
      .returning('count')
      .executeTakeFirstOrThrow();
  // A count lost in a crash is harmless: on PostgreSQL this write does not wait for the WAL flush, so it
  // does not double the cost of every durable commit.
  const row =
    deps.db.dialect === 'postgres'
      ? await deps.db.kysely.transaction().execute(async (trx) => {
          await sql`SET LOCAL synchronous_commit TO OFF`.execute(trx);
          return bump(trx);
        })
      : await bump(deps.db.kysely);
  if (row.count > deps.config.rateLimitPerMinute) {
    throw new ApiError(429, 'RATE_LIMITED', `more than ${deps.config.rateLimitPerMinute} requests this minute`);
  }
}
