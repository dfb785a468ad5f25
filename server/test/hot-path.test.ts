/**
 * The lean authorization path keeps the guarantees of the plain one: the rules hold under concurrent
 * authorizations of one token (the locked token row on PostgreSQL, the single writer on SQLite), each
 * authorization is recorded once with its event, and the per-principal rate limit taken in chunks
 * never lets more than the limit through across processes sharing one database.
 */
import { type AuthorizationResult, loadConfig, openDatabase } from '@arkpay/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServiceKey } from '../src/bootstrap/service-key';
import type { Deps } from '../src/deps';
import { ApiError } from '../src/http/errors';
import { consumeRate } from '../src/http/rate-limit';
import { createTestDatabase, DB_KINDS, type TestDatabase, testKek } from './support/databases';
import { futureExpiry, startTestService, TEST_PAN, type TestService } from './support/service';
import { PhoneWallet } from './support/wallet';

describe.each(DB_KINDS)('authorization hot path on %s', (kind) => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService(kind);
  });
  afterAll(async () => {
    await s?.close();
  });

  it('concurrent taps of one token never pass the daily limit together; each is recorded once with its event', async () => {
    await s.issuer.request('POST', '/v1/issuer/programs', {
      name: 'Race',
      scheme: 'visa',
      aid: 'A0000000031010',
      profile: 'visa-cvn18',
      binRange: { low: '400000', high: '400000' },
      tokenBin: '489541',
      limits: { currency: '156', noCvmLimit: 30000, perTransaction: 5000, daily: 1000, velocityPerHour: 100 },
    });
    const device = await s.device();
    const p = await device.provision({ pan: '4000000000000002', expiry: futureExpiry(), cvv: '123' });
    const w = new PhoneWallet(p);
    await w.fetchKeys(device, 12);
    const taps = Array.from({ length: 12 }, () => w.tapRequest(300));
    const answers = await Promise.all(
      taps.map((t) => s.acquirer.request<AuthorizationResult>('POST', '/v1/acquirer/authorizations/tap', t)),
    );
    // 3 × 300 fits in 1000, a fourth does not: whatever the interleaving, exactly three are approved.
    expect(answers.filter((a) => a.approved)).toHaveLength(3);
    expect(answers.filter((a) => !a.approved).every((a) => a.reason === 'DAILY_LIMIT_EXCEEDED')).toBe(true);
    const db = s.server.deps.db.kysely;
    const rows = await db.selectFrom('authorizations').selectAll().where('token_id', '=', w.tokenId).execute();
    expect(rows.map((r) => r.id).sort()).toEqual(answers.map((a) => a.id).sort());
    const uses = await db.selectFrom('atc_uses').selectAll().where('token_id', '=', w.tokenId).execute();
    expect(uses.map((u) => u.atc).sort((a, b) => a - b)).toEqual(taps.map((t) => t.atc).sort((a, b) => a - b));
    const events = await db
      .selectFrom('events')
      .selectAll()
      .where(
        'subject_id',
        'in',
        answers.map((a) => a.id),
      )
      .execute();
    expect(events).toHaveLength(12);
    for (const a of answers) {
      const e = events.find((x) => x.subject_id === a.id);
      expect(e?.type).toBe(a.approved ? 'authorization.approved' : 'authorization.declined');
      expect(JSON.parse(e?.payload ?? '')).toEqual({
        tokenId: w.tokenId,
        amount: 300,
        currency: '156',
        // Same currency as the program's: billed as it is, no rate.
        billingAmount: 300,
        billingCurrency: '156',
        fxRate: null,
        fxMarkupBps: 0,
        fxRateDate: null,
        reason: a.reason,
      });
    }
    // The same taps again: every ATC is refused by the database, recorded once more as a decline.
    const again = await s.acquirer.request<AuthorizationResult>('POST', '/v1/acquirer/authorizations/tap', taps[0]);
    expect(again).toMatchObject({ approved: false, reason: 'ATC_REPLAYED', arc: '3035' });
  });

  it('the same tap twice in one batch: one approval, one ATC_REPLAYED, both recorded, one ATC use', async () => {
    const device = await s.device();
    const p = await device.provision({ pan: TEST_PAN, expiry: futureExpiry(), cvv: '123' });
    const w = new PhoneWallet(p);
    await w.fetchKeys(device, 2);
    const tap = w.tapRequest(100);
    // Sent together: both reach the service in the same turn and settle in one batch (one statement on
    // PostgreSQL, one commit on SQLite).
    const answers = await Promise.all(
      [tap, tap, w.tapRequest(100)].map((t) =>
        s.acquirer.request<AuthorizationResult>('POST', '/v1/acquirer/authorizations/tap', t),
      ),
    );
    const [first, second, other] = answers;
    expect([first?.reason, second?.reason].sort()).toEqual(['APPROVED', 'ATC_REPLAYED']);
    expect(other?.reason).toBe('APPROVED');
    const db = s.server.deps.db.kysely;
    const rows = await db
      .selectFrom('authorizations')
      .select(['id', 'reason'])
      .where('token_id', '=', w.tokenId)
      .execute();
    expect(rows.map((r) => r.id).sort()).toEqual(answers.map((a) => a.id).sort());
    const uses = await db.selectFrom('atc_uses').selectAll().where('token_id', '=', w.tokenId).execute();
    expect(uses).toHaveLength(2);
  });
});

describe.each(DB_KINDS)('per-principal rate limit across processes on %s', (kind) => {
  let db: TestDatabase;
  const services: Deps[] = [];
  const LIMIT = 640;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    const kek = Buffer.from(testKek(), 'hex');
    for (let i = 0; i < 2; i++) {
      // Two handles on one database: what two server processes share.
      const config = loadConfig({ DATABASE_URL: db.url, ARKPAY_KEK: testKek(), ARKPAY_RATE_LIMIT: String(LIMIT) });
      const d = await openDatabase(db.url);
      services.push({ db: d, kek, serviceKey: await loadServiceKey(d, kek), config, now: () => 1_700_000_010_000 });
    }
  });
  afterAll(async () => {
    for (const d of services) await d.db.close();
    await db?.drop();
  });

  it('lets through at most the limit in a window in total, refusing with 429 RATE_LIMITED past it', async () => {
    let allowed = 0;
    let refused = 0;
    for (let i = 0; i < 2 * LIMIT; i++) {
      try {
        await consumeRate(services[i % 2] as Deps, 'acquirer:acq_shared');
        allowed++;
      } catch (e) {
        expect(e).toBeInstanceOf(ApiError);
        expect(e).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
        refused++;
      }
    }
    expect(allowed).toBeLessThanOrEqual(LIMIT);
    // What each process reserved and did not use is at most one chunk (LIMIT / 64) each.
    expect(allowed).toBeGreaterThanOrEqual(LIMIT - 2 * (LIMIT / 64));
    expect(refused).toBe(2 * LIMIT - allowed);
    // Counted in the database in chunks, not one write per request.
    const rows = await (services[0] as Deps).db.kysely
      .selectFrom('rate_limits')
      .selectAll()
      .where('bucket', '=', 'acquirer:acq_shared')
      .execute();
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]?.count)).toBeGreaterThanOrEqual(LIMIT);
  });
});
