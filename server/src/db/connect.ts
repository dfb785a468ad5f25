/**
 * Opens the database named by DATABASE_URL: SQLite (better-sqlite3, WAL, file created on first start)
 * or PostgreSQL (a pg pool), then runs the migrations. Several processes may share one PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';

export type Dialect = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

// int8 (counts, epoch ms) as numbers: our values stay far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

export function sqlitePath(url: string): string {
  return url.slice('sqlite:'.length);
}

export async function openDatabase(url: string, poolSize = 10): Promise<Db> {
  let kysely: Kysely<Database>;
  let dialect: Dialect;
  if (url.startsWith('sqlite:')) {
    const file = sqlitePath(url);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('foreign_keys = ON');
    kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
    dialect = 'sqlite';
  } else {
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle connection dropped by the server (restart, admin shutdown) must not crash the process:
    // the pool replaces it on the next query.
    pool.on('error', (e) => console.warn(`[arkpay] database connection lost: ${e.message}`));
    kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
  }
  const migrator = new Migrator({ db: kysely, provider: migrations });
  const r = await migrator.migrateToLatest();
  if (r.error !== undefined) {
    await kysely.destroy();
    throw r.error instanceof Error ? r.error : new Error('migration failed');
  }
  return { kysely, dialect, close: () => kysely.destroy() };
}
