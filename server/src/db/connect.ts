/**
 * Opens the database named by DATABASE_URL: SQLite (better-sqlite3, WAL, file created on first start)
 * or PostgreSQL (a pg pool), then runs the migrations. Several processes may share one PostgreSQL.
 */
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { ApiKeyCache } from './api-key-cache';
import { BACKSTOP_AUTOCHECKPOINT_PAGES, type Checkpointer, startCheckpointer } from './checkpointer';
import { GroupCommit } from './group-commit';
import { registerPool, registerSqlite } from './hot-query';
import { migrations } from './migrations';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';

export type Dialect = 'sqlite' | 'postgres';

/**
 * SQLite only: the connection under Kysely, for a hot path that runs its statements synchronously in one
 * better-sqlite3 transaction, committed with others queued at the same time (group-commit.ts).
 */
export interface SqliteHandle {
  prepare(sql: string): SqliteDatabase.Statement;
  /** Runs `fn` in its own savepoint of the next group commit; resolves after the COMMIT. */
  transaction<T>(fn: () => T): Promise<T>;
}

export interface Db {
  kysely: Kysely<Database>;
  dialect: Dialect;
  sqlite?: SqliteHandle;
  /** PostgreSQL: API keys known to this process, emptied on any change in any process. */
  apiKeys?: ApiKeyCache;
  close(): Promise<void>;
}

/** SQLite: how long a write waits for another process's write lock. */
const BUSY_TIMEOUT_MS = 5000;

// int8 (counts, epoch ms) as numbers: our values stay far below 2^53.
pg.types.setTypeParser(20, (v: string) => Number(v));

export function sqlitePath(url: string): string {
  return url.slice('sqlite:'.length);
}

export async function openDatabase(url: string, poolSize = 10): Promise<Db> {
  let kysely: Kysely<Database>;
  let dialect: Dialect;
  let handle: SqliteHandle | undefined;
  let checkpointer: Checkpointer | undefined;
  let apiKeys: ApiKeyCache | undefined;
  if (url.startsWith('sqlite:')) {
    const file = sqlitePath(url);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SqliteDatabase(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    sqlite.pragma('foreign_keys = ON');
    if (file !== ':memory:') {
      sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_AUTOCHECKPOINT_PAGES}`);
      checkpointer = startCheckpointer(file);
    }
    const cached = withStatementCache(sqlite);
    kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: cached }) });
    registerSqlite(kysely, { db: sqlite, prepare: cached.prepare });
    const db = kysely;
    const group = new GroupCommit(sqlite, (run) => db.connection().execute(async () => run()), BUSY_TIMEOUT_MS);
    handle = { prepare: cached.prepare, transaction: (fn) => group.run(fn) };
    dialect = 'sqlite';
  } else {
    const pool = new pg.Pool({ connectionString: url, max: poolSize });
    // An idle connection dropped by the server (restart, admin shutdown) must not crash the process:
    // the pool replaces it on the next query.
    pool.on('error', (e) => console.warn(`[arkpay] database connection lost: ${e.message}`));
    kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    registerPool(kysely, pool);
    apiKeys = new ApiKeyCache(url);
    dialect = 'postgres';
  }
  const migrator = new Migrator({ db: kysely, provider: migrations });
  const r = await migrator.migrateToLatest();
  const close = async (): Promise<void> => {
    await apiKeys?.stop();
    await checkpointer?.stop();
    await kysely.destroy();
  };
  if (r.error !== undefined) {
    await close();
    throw r.error instanceof Error ? r.error : new Error('migration failed');
  }
  // After the migrations: the trigger that notifies it exists.
  await apiKeys?.start();
  return { kysely, dialect, sqlite: handle, apiKeys, close };
}
