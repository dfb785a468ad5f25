/** A real throwaway PostgreSQL cluster: started on a free port in a new directory, stopped and removed. */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPostgres } from '../src/services';

const root = path.resolve(import.meta.dirname, '../../..');

describe('startPostgres', () => {
  it('starts a cluster that answers SQL, then stop() ends it and removes its directory', async () => {
    const s = await startPostgres(root);
    const url = s.env.ARKPAY_TEST_PG_URL;
    expect(url).toMatch(/^postgres:\/\/arkpay@127\.0\.0\.1:\d+\/postgres$/);
    const dir = /data in (\S+)\)/.exec(s.describe)?.[1] as string;
    expect(fs.existsSync(path.join(dir, 'PG_VERSION'))).toBe(true);
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    expect((await c.query('SELECT 1 + 1 AS two')).rows[0].two).toBe(2);
    await c.end();
    s.stop();
    expect(fs.existsSync(dir)).toBe(false);
    const again = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
    await expect(again.connect()).rejects.toThrow();
  });
});
