import { afterAll, describe, expect, it } from 'vitest';
import { type RunningServer, startBanner, startServer } from '../src/index';
import { createTestDatabase, DB_KINDS, type TestDatabase, testKek } from './support/databases';

describe.each(DB_KINDS)('demo keys on %s', (kind) => {
  let db: TestDatabase;
  const kek = testKek();
  const start = async (newDemoKeys: boolean): Promise<RunningServer> => {
    db ??= await createTestDatabase(kind);
    return startServer({
      env: { PORT: '0', DATABASE_URL: db.url, ARKPAY_KEK: kek, ARKPAY_WEBHOOKS: 'false' },
      warn: () => {},
      newDemoKeys,
    });
  };
  const tokensStatus = async (s: RunningServer, key: string): Promise<number> =>
    (await fetch(`${s.url}/v1/issuer/tokens`, { headers: { authorization: `Bearer ${key}` } })).status;
  afterAll(async () => {
    await db?.drop();
  });

  it('a restart shows no keys but says how to get new ones; --new-demo-keys replaces them', async () => {
    const first = await start(false);
    const seeded = first.demo!;
    expect(await tokensStatus(first, seeded.issuerKey)).toBe(200);
    await first.close();

    const again = await start(false);
    expect(again.demo).toBeUndefined();
    expect(startBanner(again)).toContain('--new-demo-keys');
    expect(await tokensStatus(again, seeded.issuerKey)).toBe(200);
    await again.close();

    const rotated = await start(true);
    const fresh = rotated.demo!;
    expect(fresh.issuerId).toBe(seeded.issuerId);
    expect(fresh.acquirerId).toBe(seeded.acquirerId);
    expect(fresh.programId).toBe(seeded.programId);
    expect(fresh.fullProgramId).toBe(seeded.fullProgramId);
    expect(fresh.fullProgramId).not.toBe(fresh.programId);
    expect(fresh.issuerKey).not.toBe(seeded.issuerKey);
    expect(startBanner(rotated)).toContain(fresh.issuerKey);
    expect(await tokensStatus(rotated, seeded.issuerKey)).toBe(401);
    expect(await tokensStatus(rotated, fresh.issuerKey)).toBe(200);
    await rotated.close();
  });
});
