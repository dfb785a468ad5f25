/**
 * @kit.ArkData `relationalStore` on a real SQLite file (better-sqlite3): the synchronous statement,
 * query and transaction calls KitRdbDatabase makes. Files live in the directory set by
 * control/data.ts (a temp dir by default), one per store name, so "restarting the app" reopens them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { KitError } from '../errors/kit-error';

/** relationalStore.SecurityLevel (@ohos.data.relationalStore.d.ts). */
export const SecurityLevel = { S1: 1, S2: 2, S3: 3, S4: 4 } as const;

export interface StoreConfig {
  name: string;
  securityLevel: number;
  encrypt?: boolean;
}

type Value = string | number | bigint | null | Uint8Array;

let directory: string | null = null;
const opened: RdbStore[] = [];

/** Test control: where database files go (a fresh temp dir unless set). */
export function setRdbDirectory(dir: string): void {
  directory = dir;
}

export function rdbDirectory(): string {
  if (directory === null) directory = mkdtempSync(path.join(tmpdir(), 'harmony-rdb-'));
  return directory;
}

/** Test control: closes every store, as when the app process dies. */
export function closeAllStores(): void {
  for (const s of opened.splice(0)) s.close();
}

/** @ohos.data.relationalStore.d.ts: SQLite result codes surface as 14800021…14800034 ("SQLite: …"). */
const SQLITE_CODES: [string, number][] = [
  ['SQLITE_CONSTRAINT', 14800032],
  ['SQLITE_MISMATCH', 14800033],
  ['SQLITE_MISUSE', 14800034],
  ['SQLITE_TOOBIG', 14800031],
  ['SQLITE_CANTOPEN', 14800030],
  ['SQLITE_FULL', 14800029],
  ['SQLITE_IOERR', 14800028],
  ['SQLITE_READONLY', 14800027],
  ['SQLITE_NOMEM', 14800026],
  ['SQLITE_LOCKED', 14800025],
  ['SQLITE_BUSY', 14800024],
  ['SQLITE_PERM', 14800023],
  ['SQLITE_ABORT', 14800022],
  ['SQLITE_ERROR', 14800021],
];

function sqlError(e: unknown): KitError {
  const code = (e as { code?: string }).code ?? '';
  const hit = SQLITE_CODES.find(([prefix]) => code.startsWith(prefix));
  return new KitError(hit?.[1] ?? 14800000, `SQLite: ${(e as Error).message}`);
}

function bind(args: Value[] | undefined): Value[] {
  return (args ?? []).map((a) => (a instanceof Uint8Array ? Buffer.from(a) : a));
}

export class ResultSet {
  private row = -1;
  private closed = false;

  constructor(
    private readonly rows: unknown[][],
    readonly columnNames: string[],
  ) {}

  get rowCount(): number {
    return this.rows.length;
  }

  get columnCount(): number {
    return this.columnNames.length;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  goToNextRow(): boolean {
    this.open();
    if (this.row >= this.rows.length) return false;
    this.row++;
    return this.row < this.rows.length;
  }

  getString(columnIndex: number): string {
    const v = this.cell(columnIndex);
    return v === null ? '' : v instanceof Buffer ? v.toString('utf8') : String(v);
  }

  getLong(columnIndex: number): number {
    const v = this.cell(columnIndex);
    return v === null ? 0 : Number(v);
  }

  close(): void {
    this.closed = true;
  }

  private open(): void {
    // @ohos.data.relationalStore.d.ts ResultSet: 14800014 "Already closed".
    if (this.closed) throw new KitError(14800014, 'Already closed.');
  }

  private cell(columnIndex: number): unknown {
    this.open();
    // ResultSet.getString: 14800012 when not on a row, 14800013 for a column out of range.
    if (this.row < 0 || this.row >= this.rows.length) throw new KitError(14800012, 'Row out of bounds.');
    if (columnIndex < 0 || columnIndex >= this.columnNames.length)
      throw new KitError(14800013, 'Column out of bounds.');
    return this.rows[this.row][columnIndex];
  }
}

export class RdbStore {
  private readonly db: Database.Database;
  private closed = false;

  constructor(file: string) {
    this.db = new Database(file);
  }

  executeSync(sql: string, args?: Value[]): Value {
    const stmt = this.prepare(sql);
    try {
      if (stmt.reader) {
        stmt.raw(true).all(...bind(args));
        return null;
      }
      stmt.run(...bind(args));
      // Model: executeSync's ValueType result is not modelled (null); the app ignores it.
      return null;
    } catch (e) {
      throw sqlError(e);
    }
  }

  querySqlSync(sql: string, bindArgs?: Value[]): ResultSet {
    const stmt = this.prepare(sql);
    try {
      const rows = stmt.raw(true).all(...bind(bindArgs)) as unknown[][];
      return new ResultSet(
        rows,
        stmt.columns().map((c) => c.name),
      );
    } catch (e) {
      throw sqlError(e);
    }
  }

  beginTransaction(): void {
    this.exec('BEGIN');
  }

  commit(): void {
    this.exec('COMMIT');
  }

  rollBack(): void {
    this.exec('ROLLBACK');
  }

  close(): void {
    if (!this.closed) this.db.close();
    this.closed = true;
  }

  private live(): void {
    // @ohos.data.relationalStore.d.ts: 14800014 "Already closed".
    if (this.closed) throw new KitError(14800014, 'Already closed.');
  }

  private exec(sql: string): void {
    this.live();
    try {
      this.db.exec(sql);
    } catch (e) {
      throw sqlError(e);
    }
  }

  private prepare(sql: string): Database.Statement {
    this.live();
    try {
      return this.db.prepare(sql);
    } catch (e) {
      throw sqlError(e);
    }
  }
}

export function getRdbStore(_context: object, config: StoreConfig): Promise<RdbStore> {
  return new Promise<RdbStore>((resolve, reject) => {
    setImmediate(() => {
      // OH-docs:js-apis-data-relationalStore StoreConfig: name and securityLevel are mandatory (401).
      if (typeof config?.name !== 'string' || config.name.length === 0 || config.securityLevel === undefined) {
        reject(new KitError(401, 'Parameter error.'));
        return;
      }
      if (config.name.includes('/')) {
        // getRdbStore 14800010: an invalid database path.
        reject(new KitError(14800010, 'Invalid database path.'));
        return;
      }
      try {
        const store = new RdbStore(path.join(rdbDirectory(), config.name));
        opened.push(store);
        resolve(store);
      } catch (e) {
        reject(sqlError(e));
      }
    });
  });
}
