import { beforeEach, describe, expect, it } from 'vitest';
import { dataContext, freshAppData, killAppProcess } from '../src/control/data';
import { getRdbStore, type RdbStore } from '../src/rdb/relational-store';

async function open(): Promise<RdbStore> {
  const s = await getRdbStore(dataContext(), { name: 'test.db', securityLevel: 3 });
  s.executeSync('CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY NOT NULL, v TEXT NOT NULL)');
  return s;
}

function codeOf(f: () => void): number {
  try {
    f();
    return 0;
  } catch (e) {
    return (e as { code: number }).code;
  }
}

function rows(s: RdbStore): string[] {
  const rs = s.querySqlSync('SELECT k FROM kv ORDER BY k');
  const out: string[] = [];
  while (rs.goToNextRow()) out.push(rs.getString(0));
  rs.close();
  return out;
}

beforeEach(() => {
  freshAppData();
});

describe('relationalStore model', () => {
  it('commits and rolls back real SQLite transactions, and files outlive the process', async () => {
    const s = await open();
    s.beginTransaction();
    s.executeSync('INSERT INTO kv VALUES (?, ?)', ['a', '1']);
    s.commit();
    s.beginTransaction();
    s.executeSync('INSERT INTO kv VALUES (?, ?)', ['b', '2']);
    s.rollBack();
    expect(rows(s)).toEqual(['a']);
    killAppProcess();
    expect(codeOf(() => s.querySqlSync('SELECT 1'))).toBe(14800014);
    expect(rows(await open())).toEqual(['a']);
  });

  it('maps SQLite errors to 14800021+ and checks ResultSet positions', async () => {
    const s = await open();
    s.executeSync('INSERT INTO kv VALUES (?, ?)', ['a', '1']);
    expect(codeOf(() => s.executeSync('INSERT INTO kv VALUES (?, ?)', ['a', '2']))).toBe(14800032);
    expect(codeOf(() => s.executeSync('SELEKT nonsense'))).toBe(14800021);
    expect(codeOf(() => s.commit())).toBe(14800021);
    const rs = s.querySqlSync('SELECT k, v FROM kv');
    expect(codeOf(() => rs.getString(0))).toBe(14800012);
    expect(rs.goToNextRow()).toBe(true);
    expect(codeOf(() => rs.getString(2))).toBe(14800013);
    expect(rs.getString(1)).toBe('1');
    expect(rs.goToNextRow()).toBe(false);
    rs.close();
    expect(codeOf(() => rs.goToNextRow())).toBe(14800014);
  });

  it('refuses a config without a name or security level (401) and a path as name (14800010)', async () => {
    const code = async (p: Promise<unknown>): Promise<number> =>
      p.then(
        () => 0,
        (e: { code: number }) => e.code,
      );
    expect(await code(getRdbStore(dataContext(), { name: '', securityLevel: 3 }))).toBe(401);
    expect(await code(getRdbStore(dataContext(), { name: 'a/b.db', securityLevel: 3 }))).toBe(14800010);
  });
});
