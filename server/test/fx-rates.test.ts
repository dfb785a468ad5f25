/** The exchange-rate table and billing on both databases: cross rates through a base, dates, stale and missing rates. */
import { currencyOf } from '@arkpay/core/money';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { billingFor } from '../src/fx/billing';
import { pairRate, putRates } from '../src/fx/rates';
import { DB_KINDS } from './support/databases';
import { startTestService, type TestService } from './support/service';

const CNY = currencyOf('CNY');
const RUB = currencyOf('RUB');
const JPY = currencyOf('JPY');
const KWD = currencyOf('KWD');
const THB = currencyOf('THB');
const DAY = 86_400_000;

describe.each(DB_KINDS)('fx rates on %s', (kind) => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService(kind);
    const db = s.server.deps.db.kysely;
    const now = Date.parse('2026-11-27T12:00:00Z');
    // Units per euro, two days; the newer day misses JPY.
    await putRates(
      db,
      [
        { base: 'EUR', currency: 'CNY', date: '2026-11-25', rate: '7.80' },
        { base: 'EUR', currency: 'JPY', date: '2026-11-25', rate: '160' },
        { base: 'EUR', currency: 'CNY', date: '2026-11-26', rate: '7.8509' },
        { base: 'EUR', currency: 'RUB', date: '2026-11-26', rate: '98.5' },
        { base: 'EUR', currency: 'KWD', date: '2026-11-26', rate: '0.3395' },
        { base: 'EUR', currency: 'THB', date: '2026-11-01', rate: '38.0' },
        { base: 'EUR', currency: 'CNY', date: '2026-11-01', rate: '7.70' },
      ],
      'test',
      now,
    );
  });
  afterAll(async () => {
    await s?.close();
  });

  it('crosses two currencies through the base on their newest common footing', async () => {
    const db = s.server.deps.db.kysely;
    expect(await pairRate(db, RUB, CNY)).toEqual({ rate: '0.07970456853', date: '2026-11-26' });
    // JPY is only on the 25th: the pair comes from that day alone, never from two days' rates.
    expect(await pairRate(db, JPY, CNY)).toEqual({ rate: '0.04875', date: '2026-11-25' });
    expect(await pairRate(db, currencyOf('EUR'), CNY)).toEqual({ rate: '7.8509', date: '2026-11-26' });
    expect(await pairRate(db, CNY, currencyOf('USD'))).toBeUndefined();
  });

  it('bills in the program currency with its markup, and declines missing or stale rates', async () => {
    const db = s.server.deps.db.kysely;
    const now = Date.parse('2026-11-27T12:00:00Z');
    const terms = { currency: CNY, markupBps: 100, maxRateAgeHours: 96 };
    const rub = await billingFor(db, 100000, RUB, terms, now);
    expect(rub).not.toBeTypeOf('string');
    if (typeof rub === 'string') return;
    // 1,000.00 RUB × 0.07970456853 × 1.01 = 80.5016 → 80.50 CNY.
    expect(rub.amount).toBe(8050);
    expect(rub.rateDate).toBe('2026-11-26');
    const kwd = await billingFor(db, 1250, KWD, { ...terms, markupBps: 0 }, now);
    // 1.250 KWD × (7.8509 / 0.3395 = 23.12488954) = 28.906 → 28.91 CNY.
    expect(typeof kwd === 'string' ? kwd : kwd.amount).toBe(2891);
    const same = await billingFor(db, 1234, CNY, terms, now);
    expect(typeof same === 'string' ? same : [same.amount, same.rate]).toEqual([1234, null]);
    expect(await billingFor(db, 100, currencyOf('USD'), terms, now)).toBe('FX_RATE_MISSING');
    expect(await billingFor(db, 100, THB, terms, now)).toBe('FX_RATE_STALE');
    expect(await billingFor(db, 100, THB, { ...terms, maxRateAgeHours: 30 * 24 }, now)).not.toBeTypeOf('string');
    // Four days on, the 26th's rates are stale too.
    expect(await billingFor(db, 100000, RUB, terms, now + 4 * DAY)).toBe('FX_RATE_STALE');
  });

  it('loading a day again replaces that day only', async () => {
    const db = s.server.deps.db.kysely;
    await putRates(db, [{ base: 'EUR', currency: 'RUB', date: '2026-11-26', rate: '100' }], 'test', Date.now());
    expect((await pairRate(db, RUB, CNY))?.rate).toBe('0.078509');
    const rows = await db.selectFrom('fx_rates').selectAll().where('currency', '=', 'RUB').execute();
    expect(rows).toHaveLength(1);
  });
});
