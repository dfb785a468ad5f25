/**
 * Group commit on SQLite: the settling transactions queued while the previous batch ran, or while
 * another process held the write lock, run in one write transaction, each inside its own savepoint, and
 * every caller is answered after that COMMIT, as before. The commit writes the pages the batch touched
 * (the right edges of the same indexes, the same table leaves) once, instead of once per authorization.
 * A job that throws rolls back its savepoint only; a COMMIT that fails fails every job of the batch,
 * none of which is then recorded.
 *
 * Several processes on one file take turns at the write lock. SQLite's busy handler would wait for it
 * by sleeping inside the call, with the event loop stopped (no request read, no cryptogram checked
 * meanwhile). Here the batch asks for the lock without waiting, and if another process has it, tries
 * again a millisecond later while the event loop goes on and the next batch grows; after
 * `lockTimeoutMs` the batch fails as a busy timeout would have.
 */
import type SqliteDatabase from 'better-sqlite3';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Job {
  fn: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

const RETRY_MS = 1;

function isBusy(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

export class GroupCommit {
  private queue: Job[] = [];
  private scheduled = false;
  private readonly begin: SqliteDatabase.Statement;
  private readonly commit: SqliteDatabase.Statement;
  private readonly rollback: SqliteDatabase.Statement;

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    /** Runs the batch holding the connection (Kysely's one SQLite connection: no Kysely transaction open). */
    private readonly hold: (run: () => void) => Promise<void>,
    /** How long a batch waits for another process's write lock (the connection's busy_timeout). */
    private readonly lockTimeoutMs = 5000,
  ) {
    this.begin = sqlite.prepare('begin immediate');
    this.commit = sqlite.prepare('commit');
    this.rollback = sqlite.prepare('rollback');
  }

  /** Runs `fn` (synchronous statements only) in the next batch; resolves once the batch committed. */
  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush(Date.now()));
      }
    });
  }

  /** True once holding the write lock; false while another process holds it. */
  private tryBegin(): boolean {
    // Not a prepared statement: SQLite applies a busy_timeout pragma when it compiles it, not when it runs.
    this.sqlite.pragma('busy_timeout = 0');
    try {
      this.begin.run();
      return true;
    } catch (e) {
      if (isBusy(e)) return false;
      throw e;
    } finally {
      this.sqlite.pragma(`busy_timeout = ${this.lockTimeoutMs}`);
    }
  }

  private async flush(since: number): Promise<void> {
    let jobs: Job[] = [];
    const outcomes: Outcome[] = [];
    let locked = false;
    try {
      await this.hold(() => {
        locked = this.tryBegin();
        if (!locked) return;
        // Everything queued until the lock came is in this batch.
        jobs = this.queue;
        this.queue = [];
        this.scheduled = false;
        try {
          for (const j of jobs) {
            try {
              // Inside a transaction, better-sqlite3 runs a transaction function as a savepoint.
              outcomes.push({ ok: true, value: this.sqlite.transaction(j.fn)() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
          this.commit.run();
        } catch (e) {
          if (this.sqlite.inTransaction) this.rollback.run();
          throw e;
        }
      });
    } catch (error) {
      if (!locked) {
        // Not even the lock: fail what waits, as a busy timeout would.
        jobs = this.queue;
        this.queue = [];
        this.scheduled = false;
      }
      for (const j of jobs) j.reject(error);
      return;
    }
    if (!locked) {
      if (Date.now() - since < this.lockTimeoutMs) setTimeout(() => void this.flush(since), RETRY_MS);
      else this.failWaiting();
      return;
    }
    for (const [i, j] of jobs.entries()) {
      const o = outcomes[i];
      if (o?.ok === true) j.resolve(o.value);
      else j.reject(o === undefined ? new Error('group commit lost a job') : o.error);
    }
  }

  private failWaiting(): void {
    const jobs = this.queue;
    this.queue = [];
    this.scheduled = false;
    const e = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    for (const j of jobs) j.reject(e);
  }
}
