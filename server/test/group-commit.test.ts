import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../src/db/group-commit';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function open(lockTimeoutMs = 5000): {
  file: string;
  db: SqliteDatabase.Database;
  group: GroupCommit;
  commits: () => number;
} {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arkpay-gc-'));
  dirs.push(dir);
  const file = path.join(dir, 'g.db');
  const db = new SqliteDatabase(file);
  db.pragma('journal_mode = WAL');
  db.exec('create table parent (id integer primary key); create table t (id integer primary key, v text not null)');
  db.exec('create table child (id integer primary key, parent integer references parent (id))');
  db.pragma('foreign_keys = ON');
  let n = 0;
  // Counts commits the way a second process sees them: data_version moves once per foreign commit.
  const observer = new SqliteDatabase(file);
  let last = observer.pragma('data_version', { simple: true });
  const group = new GroupCommit(
    db,
    async (run) => {
      run();
      const v = observer.pragma('data_version', { simple: true });
      if (v !== last) n++;
      last = v;
    },
    lockTimeoutMs,
  );
  return { file, db, group, commits: () => n };
}

describe('group commit (SQLite)', () => {
  it('commits the jobs queued in one turn together, in order, each answered with its own result', async () => {
    const { file, db, group, commits } = open();
    const put = db.prepare('insert into t (id, v) values (?, ?)');
    const count = db.prepare('select count(*) from t').pluck();
    const other = new SqliteDatabase(file, { readonly: true });
    const committed = other.prepare('select count(*) from t').pluck();
    // Each job sees the writes of the jobs before it in its batch; another connection sees none of them
    // until the batch's one COMMIT.
    const jobs = [1, 2, 3].map((id) => group.run(() => [put.run(id, 'x').changes, count.get(), committed.get()]));
    expect(await Promise.all(jobs)).toEqual([
      [1, 1, 0],
      [1, 2, 0],
      [1, 3, 0],
    ]);
    expect(committed.get()).toBe(3);
    expect(commits()).toBe(1);
    other.close();
  });

  it('rolls back a failing job alone; the others of its batch are committed and visible to another connection', async () => {
    const { file, db, group, commits } = open();
    const put = db.prepare('insert into t (id, v) values (?, ?)');
    const results = await Promise.allSettled([
      group.run(() => put.run(1, 'a').changes),
      group.run(() => {
        put.run(2, 'b');
        throw new Error('refused after writing');
      }),
      group.run(() => put.run(3, 'c').changes),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(commits()).toBe(1);
    const reader = new SqliteDatabase(file, { readonly: true });
    expect(reader.prepare('select id from t order by id').pluck().all()).toEqual([1, 3]);
    reader.close();
    // The next turn is a new batch.
    await group.run(() => put.run(4, 'd'));
    expect(commits()).toBe(2);
  });

  it('fails every job of a batch whose COMMIT fails, and records none of them', async () => {
    const { file, db, group } = open();
    const put = db.prepare('insert into t (id, v) values (?, ?)');
    const results = await Promise.allSettled([
      group.run(() => put.run(1, 'a').changes),
      group.run(() => {
        // A deferred foreign key is checked at COMMIT: the whole batch's commit fails.
        db.pragma('defer_foreign_keys = ON');
        return db.prepare('insert into child (id, parent) values (1, 99)').run().changes;
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(db.inTransaction).toBe(false);
    const reader = new SqliteDatabase(file, { readonly: true });
    expect(reader.prepare('select count(*) from t').pluck().get()).toBe(0);
    expect(reader.prepare('select count(*) from child').pluck().get()).toBe(0);
    reader.close();
    // The connection still works afterwards.
    await group.run(() => put.run(5, 'e'));
    expect(db.prepare('select count(*) from t').pluck().get()).toBe(1);
  });

  it("waits for another process's write lock with the event loop free, batching what comes meanwhile", async () => {
    const { file, db, group } = open();
    const other = new SqliteDatabase(file);
    const committed = new SqliteDatabase(file, { readonly: true }).prepare('select count(*) from t').pluck();
    const count = db.prepare('select count(*) from t').pluck();
    other.exec('begin immediate');
    other.prepare('insert into t (id, v) values (100, ?)').run('other');
    const put = db.prepare('insert into t (id, v) values (?, ?)');
    let done = 0;
    const first = group
      .run(() => put.run(1, 'a').changes)
      .then((r) => {
        done++;
        return r;
      });
    // The loop still turns while the lock is held elsewhere: timers fire, more jobs queue.
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(0);
    // In the same transaction as the first: it sees the first's row, which nobody else sees yet.
    const second = group.run(() => [put.run(2, 'b').changes, count.get(), committed.get()]);
    await new Promise((r) => setTimeout(r, 10));
    expect(done).toBe(0);
    other.exec('commit');
    expect(await Promise.all([first, second])).toEqual([1, [1, 3, 1]]);
    expect(db.prepare('select id from t order by id').pluck().all()).toEqual([1, 2, 100]);
    other.close();
  });

  it('fails the waiting jobs as a busy timeout would when the lock never comes; nothing is recorded', async () => {
    const { file, db, group } = open(80);
    const other = new SqliteDatabase(file);
    other.exec('begin immediate');
    const put = db.prepare('insert into t (id, v) values (?, ?)');
    const r = await Promise.allSettled([group.run(() => put.run(1, 'a')), group.run(() => put.run(2, 'b'))]);
    expect(r.map((x) => (x.status === 'rejected' ? (x.reason as { code?: string }).code : 'ok'))).toEqual([
      'SQLITE_BUSY',
      'SQLITE_BUSY',
    ]);
    other.exec('rollback');
    other.close();
    expect(db.prepare('select count(*) from t').pluck().get()).toBe(0);
    // The connection waits as before for everything else (busy_timeout restored) and batches again.
    expect(db.pragma('busy_timeout', { simple: true })).toBe(80);
    await group.run(() => put.run(3, 'c'));
    expect(db.prepare('select count(*) from t').pluck().get()).toBe(1);
  });
});
