/**
 * better-sqlite3 behind Kysely's SqliteDatabase interface with compiled statements reused by SQL text:
 * Kysely prepares every query afresh, and preparing costs as much as running a small one. Not state:
 * a statement holds no data, and the cache is bounded.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

const MAX_STATEMENTS = 500;

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
        s = db.prepare(sql);
        if (cache.size >= MAX_STATEMENTS) cache.clear();
        cache.set(sql, s);
      }
      return s as BetterSqlite3.Statement & SqliteStatement;
    },
  };
}
