/**
 * Two token-service processes (real child processes) on one PostgreSQL authorize the same taps at the
 * same time: every ATC is accepted exactly once, the other answer is ATC_REPLAYED, and every
 * authorization is recorded once. Runs when ARKPAY_TEST_PG_URL is set (always in CI).
 */
import { type AuthorizationResult, KeyClient, type TapRequestT } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildServer, startChildServer } from './support/child';
import { PG_URL } from './support/databases';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';
import { PhoneWallet } from './support/wallet';

describe.skipIf(PG_URL === undefined || PG_URL === '')('two server processes on PostgreSQL', () => {
  let s: TestService;
  const children: ChildServer[] = [];

  beforeAll(async () => {
    s = await startTestService('postgres');
    const env = {
      PORT: '0',
      DATABASE_URL: s.db.url,
      ARKPAY_KEK: s.server.config.kek === undefined ? '' : Buffer.from(s.server.config.kek).toString('hex'),
      ARKPAY_WEBHOOKS: 'false',
      ARKPAY_SEED_DEMO: 'true',
    };
    children.push(...(await Promise.all([startChildServer(env), startChildServer(env)])));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(children.map((c) => c.stop()));
    await s?.close();
  });

  it('never accepts the same ATC twice', async () => {
    expect(new Set(children.map((c) => c.pid)).size).toBe(2);
    const device = await s.device();
    const p = await device.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' });
    const wallet = new PhoneWallet(p);
    const taps = 40;
    await wallet.fetchKeys(device, taps);
    const reqs: TapRequestT[] = [];
    for (let i = 0; i < taps; i++) reqs.push(wallet.tapRequest(100 + i));
    const acquirerKey = s.server.demo?.acquirerKey ?? '';
    const clients = children.map((c) => new KeyClient(c.url, acquirerKey));
    const answers = await Promise.all(
      reqs.flatMap((r) =>
        clients.map((c) => c.request<AuthorizationResult>('POST', '/v1/acquirer/authorizations/tap', r)),
      ),
    );
    for (let i = 0; i < taps; i++) {
      const pair = [answers[2 * i], answers[2 * i + 1]];
      expect(pair.filter((a) => a?.approved).length, `ATC ${reqs[i]?.atc}`).toBe(1);
      expect(pair.find((a) => a?.approved === false)?.reason).toBe('ATC_REPLAYED');
    }
    const rows = await s.server.deps.db.kysely
      .selectFrom('authorizations')
      .select(['atc', 'approved'])
      .where('token_id', '=', p.token.id)
      .execute();
    expect(rows).toHaveLength(2 * taps);
    expect(rows.filter((r) => r.approved === 1)).toHaveLength(taps);
    const uses = await s.server.deps.db.kysely
      .selectFrom('atc_uses')
      .select('atc')
      .where('token_id', '=', p.token.id)
      .execute();
    expect(new Set(uses.map((u) => u.atc)).size).toBe(taps);
  });
});
