/**
 * API keys cached per process (PostgreSQL, db/api-key-cache.ts) stop working in every process as soon as
 * they are replaced in any of them; on SQLite nothing is cached, with the same outcome.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../src/index';
import { createTestDatabase, DB_KINDS, type TestDatabase, testKek } from './support/databases';

const status = async (s: RunningServer, key: string): Promise<number> =>
  (await fetch(`${s.url}/v1/issuer/tokens`, { headers: { authorization: `Bearer ${key}` } })).status;

/** The status `key` gets from `s` once it settles (a notification is delivered asynchronously), within 3 s. */
async function settledStatus(s: RunningServer, key: string, want: number): Promise<number> {
  const until = Date.now() + 3000;
  let got = await status(s, key);
  while (got !== want && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 25));
    got = await status(s, key);
  }
  return got;
}

describe.each(DB_KINDS)('API keys across processes on %s', (kind) => {
  const dbs: TestDatabase[] = [];
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const d of dbs) await d.drop();
  });
  const start = async (db: TestDatabase, kek: string, newDemoKeys: boolean): Promise<RunningServer> => {
    const s = await startServer({
      env: { PORT: '0', DATABASE_URL: db.url, ARKPAY_KEK: kek, ARKPAY_WEBHOOKS: 'false' },
      warn: () => {},
      newDemoKeys,
    });
    servers.push(s);
    return s;
  };

  it('a key replaced by another process is refused at once by one that had just accepted it', async () => {
    const db = await createTestDatabase(kind);
    dbs.push(db);
    const kek = testKek();
    const first = await start(db, kek, false);
    const old = first.demo?.issuerKey ?? '';
    for (let i = 0; i < 3; i++) expect(await status(first, old)).toBe(200);
    const second = await start(db, kek, true);
    const fresh = second.demo?.issuerKey ?? '';
    expect(fresh).not.toBe(old);
    expect(await settledStatus(first, old, 401)).toBe(401);
    expect(await status(first, fresh)).toBe(200);
    expect(await status(second, old)).toBe(401);
  });
});

describe.each(DB_KINDS.filter((k) => k === 'postgres'))('the API key cache on %s', (kind) => {
  const dbs: TestDatabase[] = [];
  const servers: RunningServer[] = [];
  afterAll(async () => {
    for (const s of servers) await s.close();
    for (const d of dbs) await d.drop();
  });

  it('forgets every cached key when its listening connection is lost', async () => {
    const db = await createTestDatabase(kind);
    dbs.push(db);
    const s = await startServer({
      env: { PORT: '0', DATABASE_URL: db.url, ARKPAY_KEK: testKek(), ARKPAY_WEBHOOKS: 'false' },
      warn: () => {},
    });
    servers.push(s);
    const key = s.demo?.issuerKey ?? '';
    expect(await status(s, key)).toBe(200);
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    try {
      const listeners = async (): Promise<number[]> =>
        (
          await admin.query<{ pid: number }>(
            `select pid from pg_stat_activity where application_name = 'arkpay-key-listener' and datname = current_database()`,
          )
        ).rows.map((r) => r.pid);
      const [before] = await listeners();
      expect(before).toBeDefined();
      await admin.query('select pg_terminate_backend($1)', [before]);
      // Replaced without the trigger (no notification): only the loss of the listener can tell.
      await admin.query(`set session_replication_role = replica`);
      await admin.query(`update issuers set api_key_hash = 'replaced-' || id`);
      await admin.query(`set session_replication_role = origin`);
      const until = Date.now() + 5000;
      let back = await listeners();
      while ((back.length === 0 || back[0] === before) && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 50));
        back = await listeners();
      }
      expect(back.length).toBe(1);
      expect(back[0]).not.toBe(before);
      expect(await status(s, key)).toBe(401);
    } finally {
      await admin.end();
    }
  });
});
