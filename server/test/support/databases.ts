/**
 * The real databases the tests run against: a temp SQLite file always, and PostgreSQL when
 * ARKPAY_TEST_PG_URL is set (CI always sets it): each suite gets a fresh database, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export type DbKind = 'sqlite' | 'postgres';

export const PG_URL = process.env.ARKPAY_TEST_PG_URL;

export const DB_KINDS: DbKind[] = PG_URL === undefined || PG_URL === '' ? ['sqlite'] : ['sqlite', 'postgres'];

export async function createTestDatabase(kind: DbKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'arkpay-test-'));
    return {
      url: `sqlite:${path.join(dir, 'arkpay.db')}`,
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (PG_URL === undefined) throw new Error('ARKPAY_TEST_PG_URL is not set');
  const name = `arkpay_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export function testKek(): string {
  return randomBytes(32).toString('hex');
}
