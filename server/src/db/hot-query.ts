/**
 * Statements on the authorization path as fixed SQL text. Kysely builds, freezes and compiles a query
 * tree on every call, which profiled (bench/profile-one.ts) at about as much CPU as SQLite needs to run
 * the statement; a fixed text is compiled never and, on SQLite, prepared once (statement-cache.ts).
 * Written with `?` placeholders; PostgreSQL gets `$1…$n`. Only for statements both dialects read alike.
 */
import { CompiledQuery, type Kysely, PostgresAdapter } from 'kysely';
import type { Database } from './schema';

export class HotQuery {
  readonly sqlite: string;
  readonly postgres: string;

  constructor(text: string) {
    this.sqlite = text;
    let n = 0;
    this.postgres = text.replace(/\?/g, () => `$${++n}`);
  }
}

/** Runs `q` on `db` (a connection or a transaction), with the placeholders of its dialect. */
export async function hot<R>(db: Kysely<Database>, q: HotQuery, params: (string | number | null)[]): Promise<R[]> {
  const r = await db.executeQuery<R>(CompiledQuery.raw(isPostgres(db) ? q.postgres : q.sqlite, params));
  return r.rows;
}

export function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
