/**
 * Storage on a SQLite file (better-sqlite3): each commit is one SQLite transaction in WAL mode with
 * synchronous=FULL, so a process killed at any point leaves every batch either fully there or absent.
 */
import Database from 'better-sqlite3';
import type { Storage, StorageWrite } from '../src/ports/storage';

export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly getStmt: Database.Statement<[string], { v: string }>;
  private readonly keysStmt: Database.Statement<[string, string], { k: string }>;
  private readonly putStmt: Database.Statement<[string, string]>;
  private readonly delStmt: Database.Statement<[string]>;
  private readonly apply: (writes: StorageWrite[]) => void;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.exec('CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT NOT NULL) WITHOUT ROWID');
    this.getStmt = this.db.prepare('SELECT v FROM kv WHERE k = ?');
    // Range scan instead of LIKE: keys may contain % or _.
    this.keysStmt = this.db.prepare('SELECT k FROM kv WHERE k >= ? AND k < ? ORDER BY k');
    this.putStmt = this.db.prepare('INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v');
    this.delStmt = this.db.prepare('DELETE FROM kv WHERE k = ?');
    this.apply = this.db.transaction((writes: StorageWrite[]) => {
      for (const w of writes) {
        if (w.value === null) {
          this.delStmt.run(w.key);
        } else {
          this.putStmt.run(w.key, w.value);
        }
      }
    });
  }

  get(key: string): string | null {
    const row = this.getStmt.get(key);
    return row === undefined ? null : row.v;
  }

  keys(prefix: string): string[] {
    // Every key with the prefix sorts below prefix + U+FFFF.
    return this.keysStmt.all(prefix, `${prefix}\uffff`).map((r) => r.k);
  }

  commit(writes: StorageWrite[]): void {
    if (writes.length > 0) {
      this.apply(writes);
    }
  }

  close(): void {
    this.db.close();
  }
}
