/**
 * Hot statements on SQLite run straight on the better-sqlite3 connection when no transaction is open on
 * it, and otherwise wait their turn through Kysely: a read must never see what another caller's open
 * transaction wrote and may still roll back.
 */
import { openDatabase } from '@arkpay/server';
import { afterEach, describe, expect, it } from 'vitest';
import { HotQuery, hot } from '../src/db/hot-query';
import { createTestDatabase, type TestDatabase } from './support/databases';

const SETTING = new HotQuery('select value from settings where name = ?');
const PUT = new HotQuery('insert into settings (name, value) values (?, ?)');

const open: TestDatabase[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.drop();
});

describe('hot statements on SQLite', () => {
  it('wait for an open transaction and never read its uncommitted rows', async () => {
    const t = await createTestDatabase('sqlite');
    open.push(t);
    const db = await openDatabase(t.url);
    try {
      let release = (): void => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      let written = (): void => {};
      const inserted = new Promise<void>((r) => {
        written = r;
      });
      const trx = db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('settings').values({ name: 'probe', value: 'uncommitted' }).execute();
        written();
        await gate;
        throw new Error('rolled back');
      });
      await inserted;
      const read = hot<{ value: string }>(db.kysely, SETTING, ['probe']);
      release();
      await expect(trx).rejects.toThrow('rolled back');
      expect(await read).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('run at once with no transaction open: writes autocommit and return no rows, reads see them', async () => {
    const t = await createTestDatabase('sqlite');
    open.push(t);
    const db = await openDatabase(t.url);
    try {
      expect(await hot(db.kysely, PUT, ['probe', 'committed'])).toEqual([]);
      expect(await hot<{ value: string }>(db.kysely, SETTING, ['probe'])).toEqual([{ value: 'committed' }]);
      // A duplicate name is the same typed SQLite error as through Kysely.
      await expect(hot(db.kysely, PUT, ['probe', 'again'])).rejects.toMatchObject({
        code: 'SQLITE_CONSTRAINT_PRIMARYKEY',
      });
    } finally {
      await db.close();
    }
  });
});
