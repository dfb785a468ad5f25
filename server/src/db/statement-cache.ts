/**
 * better-sqlite3 behind Kysely's SqliteDatabase interface with compiled statements reused by SQL text:
 * Kysely prepares every query afresh, and preparing costs as much as running a small one. Not state:
 * a statement holds no data, and the cache is bounded.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const MAX_STATEMENTS = 500;

/**
 * Kysely opens its transactions with a plain (deferred) `begin`, which takes the write lock only at the
 * first write: with several processes on one file (workers.ts), a transaction that read first then finds
 * the file changed since its read and fails at once (SQLITE_BUSY, no busy wait). Taking the write lock at
 * `begin` makes it wait its turn (busy_timeout) instead. One process: the same, it is the only writer.
 */
function sqlOf(text: string): string {
  return text === 'begin' ? 'begin immediate' : text;
}

export function withStatementCache(db: BetterSqlite3.Database): SqliteDatabase & {
  prepare(sql: string): BetterSqlite3.Statement;
} {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare: (sql: string): BetterSqlite3.Statement & SqliteStatement => {
      let s = cache.get(sql);
      if (s === undefined) {
        s = db.prepare(sqlOf(sql));
        if (cache.size >= MAX_STATEMENTS) cache.clear();
        cache.set(sql, s);
      }
      return s as BetterSqlite3.Statement & SqliteStatement;
    },
  };
}
