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

function open(): { file: string; db: SqliteDatabase.Database; group: GroupCommit; commits: () => number } {
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
  const group = new GroupCommit(db, async (run) => {
    run();
    const v = observer.pragma('data_version', { simple: true });
    if (v !== last) n++;
    last = v;
  });
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
});
