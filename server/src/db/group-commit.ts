/**
 * Group commit on SQLite: the settling transactions queued during one turn of the event loop run in one
 * write transaction, each inside its own savepoint, and every caller is answered after that COMMIT, as
 * before. The commit writes the pages the batch touched (the right edges of the same indexes, the same
 * table leaves) once, instead of once per authorization. A job that throws rolls back its savepoint only;
 * a COMMIT that fails fails every job of the batch, none of which is then recorded.
 */
import type SqliteDatabase from 'better-sqlite3';

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Job {
  fn: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: unknown) => void;
}

export class GroupCommit {
  private queue: Job[] = [];

  constructor(
    private readonly sqlite: SqliteDatabase.Database,
    /** Runs the batch holding the connection (Kysely's one SQLite connection: no Kysely transaction open). */
    private readonly hold: (run: () => void) => Promise<void>,
  ) {}

  /** Runs `fn` (synchronous statements only) in the next batch; resolves once the batch committed. */
  run<T>(fn: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ fn, resolve: resolve as (v: unknown) => void, reject });
      if (this.queue.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const jobs = this.queue;
    this.queue = [];
    const outcomes: Outcome[] = [];
    try {
      await this.hold(() => {
        // Immediate: the write lock first, so with several processes on the file a batch waits its turn
        // (busy_timeout) rather than failing when another process wrote since its first read.
        this.sqlite
          .transaction(() => {
            for (const j of jobs) {
              try {
                // Inside a transaction, better-sqlite3 runs a transaction function as a savepoint.
                outcomes.push({ ok: true, value: this.sqlite.transaction(j.fn)() });
              } catch (error) {
                outcomes.push({ ok: false, error });
              }
            }
          })
          .immediate();
      });
    } catch (error) {
      for (const j of jobs) j.reject(error);
      return;
    }
    jobs.forEach((j, i) => {
      const o = outcomes[i];
      if (o?.ok === true) j.resolve(o.value);
      else j.reject(o === undefined ? new Error('group commit lost a job') : o.error);
    });
  }
}
