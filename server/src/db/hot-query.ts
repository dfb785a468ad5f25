/**
 * Statements on the authorization path as fixed SQL text. Kysely builds, freezes and compiles a query
 * tree on every call, which profiled (bench/profile-one.ts) at about as much CPU as SQLite needs to run
 * the statement; a fixed text is compiled never and, on SQLite, prepared once (statement-cache.ts).
 * Written with `?` placeholders; PostgreSQL gets `$1…$n`. Only for statements both dialects read alike.
 * On PostgreSQL, outside a transaction, a hot query goes straight to the pool as a named prepared
 * statement: each connection parses and plans it once instead of on every call. On SQLite, with no
 * transaction open on the connection, it runs straight on better-sqlite3.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';
import type pg from 'pg';
import type { Database } from './schema';

let named = 0;

export class HotQuery {
  readonly sqlite: string;
  readonly postgres: string;
  /** Name of the prepared statement on PostgreSQL connections. */
  readonly name: string;

  /**
   * `sqliteText`: the SQLite form when it must differ (an index named with INDEXED BY); same placeholders.
   * On SQLite each placeholder is written `+?`. Once a database has STAT4 statistics (after ANALYZE, or
   * PRAGMA optimize), SQLite marks a statement expired at every bind of a value its plan was estimated with
   * and compiles it again at the next step: tens of µs on every run of a hot statement (measured on a
   * seeded history: the token lookup 13 → 54 µs). A unary plus keeps the value out of the planner's
   * estimates, so the plan is made once, at prepare, from the schema and the statistics alone.
   */
  constructor(text: string, sqliteText: string = text) {
    this.sqlite = sqliteText.replace(/\?/g, '+?');
    let n = 0;
    this.postgres = text.replace(/\?/g, () => `$${++n}`);
    this.name = `arkpay_hot_${++named}`;
  }
}

/** The pool under each PostgreSQL Kysely (registered by connect.ts). */
const pools = new WeakMap<Kysely<Database>, pg.Pool>();

export function registerPool(db: Kysely<Database>, pool: pg.Pool): void {
  pools.set(db, pool);
}

interface SqliteConnection {
  db: BetterSqlite3.Database;
  /** The connection's statement cache (statement-cache.ts). */
  prepare(sql: string): BetterSqlite3.Statement;
}

/** The better-sqlite3 connection under each SQLite Kysely (registered by connect.ts). */
const sqlites = new WeakMap<Kysely<Database>, SqliteConnection>();

export function registerSqlite(db: Kysely<Database>, connection: SqliteConnection): void {
  sqlites.set(db, connection);
}

/** SQLite, synchronously: `q`'s rows, or none for a statement that returns none (an insert). */
export function sqliteRows<R>(
  prepare: (sql: string) => BetterSqlite3.Statement,
  q: HotQuery,
  params: (string | number | null)[],
): R[] {
  const s = prepare(q.sqlite);
  if (s.reader) return s.all(params) as R[];
  s.run(params);
  return [];
}

/** Runs `q` on `db` (a connection or a transaction), with the placeholders of its dialect. */
export async function hot<R>(db: Kysely<Database>, q: HotQuery, params: (string | number | null)[]): Promise<R[]> {
  const pool = db.isTransaction ? undefined : pools.get(db);
  if (pool !== undefined) {
    const r = await pool.query({ name: q.name, text: q.postgres, values: params });
    return r.rows as R[];
  }
  const direct = db.isTransaction ? undefined : sqlites.get(db);
  // SQLite runs a statement synchronously: with no transaction open on the connection (none of Kysely's
  // awaiting its next statement), it runs alone and autocommits, as through Kysely, without its hops.
  if (direct !== undefined && !direct.db.inTransaction) return sqliteRows<R>(direct.prepare, q, params);
  const r = await db.executeQuery<R>(CompiledQuery.raw(isPostgres(db) ? q.postgres : q.sqlite, params));
  return r.rows;
}

export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
