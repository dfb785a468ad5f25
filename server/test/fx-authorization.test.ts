/**
 * Cross-currency authorization on both databases: a CNY-billed UnionPay token pays in RUB, JPY and KWD at
 * the rate table's rates plus the program's markup; the limits hold in CNY; missing and stale rates
 * decline; refunds bill back at the original rate. Expected figures are worked out here with decimal.js
 * from the rates, independently of the service's bigint arithmetic.
 */

import { withCrc } from '@arkpay/core';
import { CardScheme, ProgramProfile, type SchemeRow, schemeRow } from '@arkpay/core/contract';
import type { AuthorizationResult, DeviceClient } from '@arkpay/server';
import Decimal from 'decimal.js';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SPENT, spentParams } from '../src/authorize/decision';
import type { AuthorizationViewT } from '../src/authorize/view';
import { putRates } from '../src/fx/rates';
import { DB_KINDS } from './support/databases';
import { withValues } from './support/explain';
import { luhnPan } from './support/raw';
import { futureExpiry, startTestService, type TestService } from './support/service';
import { PhoneWallet } from './support/wallet';

const UNIONPAY = schemeRow(CardScheme.UnionPay) as SchemeRow;
const MARKUP = 150;
/** Units per euro, loaded for today. */
const RATES: Record<string, string> = { CNY: '7.6400', RUB: '98.500', JPY: '161.50', KWD: '0.3245', USD: '1.0550' };
/** ISO 4217 numeric and exponent, written out here rather than read from the service's table. */
const ISO: Record<string, [number, number]> = { CNY: [156, 2], RUB: [643, 2], JPY: [392, 0], KWD: [414, 3] };
const LIMITS = { currency: '156', noCvmLimit: 30000, perTransaction: 500000, daily: 1000000, velocityPerHour: 60 };
const DAY = 86_400_000;

Decimal.set({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

/** The CNY rate of one unit of `cur`: through the euro, to ten significant digits (the service's rule). */
function rateToCny(cur: string): Decimal {
  return new Decimal(RATES.CNY).div(RATES[cur]).toSignificantDigits(10, Decimal.ROUND_HALF_UP);
}

/** `minor` of `cur` in CNY fen at `rate` plus `markup` basis points, rounded half up. */
function cnyFen(minor: number, cur: string, rate: Decimal, markup = MARKUP): number {
  const major = new Decimal(minor).div(new Decimal(10).pow(ISO[cur][1]));
  return major
    .mul(rate)
    .mul(new Decimal(1).plus(new Decimal(markup).div(10000)))
    .mul(100)
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
    .toNumber();
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

describe.each(DB_KINDS)('cross-currency authorization on %s', (kind) => {
  let s: TestService;
  let programId: string;

  async function loadRates(rates: Record<string, string>, date: string): Promise<void> {
    await putRates(
      s.server.deps.db.kysely,
      Object.entries(rates).map(([currency, rate]) => ({ base: 'EUR', currency, date, rate })),
      'test',
      Date.now(),
    );
  }

  /** A fresh UnionPay token of the CNY program with keys: its own limits window. */
  async function wallet(): Promise<PhoneWallet> {
    return (await walletAndDevice()).w;
  }

  async function walletAndDevice(): Promise<{ w: PhoneWallet; device: DeviceClient }> {
    const device = await s.device();
    const number = luhnPan(UNIONPAY.testPan.slice(0, 6), UNIONPAY.testPan.length);
    const p = await device.provision({ pan: number, expiry: futureExpiry(), cvv: '123', name: 'W L' }, 10);
    const w = new PhoneWallet(p);
    await w.fetchKeys(device, 10);
    return { w, device };
  }

  async function tap(w: PhoneWallet, cur: string, minor: number, verified: boolean): Promise<AuthorizationResult> {
    return s.acquirer.request<AuthorizationResult>(
      'POST',
      '/v1/acquirer/authorizations/tap',
      w.tapRequest(minor, verified, ISO[cur][0]),
    );
  }

  async function view(id: string): Promise<AuthorizationViewT> {
    const r = await s.issuer.request<{ authorizations: AuthorizationViewT[] }>(
      'GET',
      '/v1/issuer/authorizations?limit=500',
    );
    const a = r.authorizations.find((x) => x.id === id);
    if (a === undefined) throw new Error(`authorization ${id} not listed`);
    return a;
  }

  beforeAll(async () => {
    s = await startTestService(kind);
    const created = await s.issuer.request<{ id: string; fx: { markupBps: number; maxRateAgeHours: number } }>(
      'POST',
      '/v1/issuer/programs',
      {
        name: 'UnionPay CNY abroad',
        scheme: UNIONPAY.scheme,
        aid: UNIONPAY.aid,
        profile: ProgramProfile.UnionPayQuics,
        binRange: { low: UNIONPAY.testPan.slice(0, 6), high: UNIONPAY.testPan.slice(0, 6) },
        tokenBin: '621999',
        limits: LIMITS,
        fx: { markupBps: MARKUP, maxRateAgeHours: 48 },
      },
    );
    expect(created.fx).toEqual({ markupBps: MARKUP, maxRateAgeHours: 48 });
    programId = created.id;
    await loadRates(RATES, today());
  });
  afterAll(async () => {
    await s?.close();
  });

  it('approves RUB, JPY and KWD taps billed in CNY at the rate plus markup, recorded and reported', async () => {
    const w = await wallet();
    for (const [cur, minor] of [
      ['RUB', 150000],
      ['JPY', 20000],
      ['KWD', 50000],
    ] as const) {
      const r = await tap(w, cur, minor, true);
      expect(r, cur).toMatchObject({ approved: true, reason: 'APPROVED' });
      const rate = rateToCny(cur);
      const a = await view(r.id);
      expect(a).toMatchObject({ amount: minor, currency: String(ISO[cur][0]) });
      expect(a.billing).toEqual({
        amount: cnyFen(minor, cur, rate),
        currency: '156',
        rate: rate.toString(),
        markupBps: MARKUP,
        rateDate: today(),
      });
      const event = await s.server.deps.db.kysely
        .selectFrom('events')
        .select(['type', 'payload'])
        .where('subject_id', '=', r.id)
        .executeTakeFirstOrThrow();
      expect(event.type).toBe('authorization.approved');
      expect(JSON.parse(event.payload)).toMatchObject({
        amount: minor,
        currency: String(ISO[cur][0]),
        billingAmount: cnyFen(minor, cur, rate),
        billingCurrency: '156',
        fxRate: rate.toString(),
        fxMarkupBps: MARKUP,
        fxRateDate: today(),
        reason: 'APPROVED',
      });
    }
    // The same currency bills as it is, with no rate.
    const cny = await tap(w, 'CNY', 1250, true);
    expect((await view(cny.id)).billing).toEqual({
      amount: 1250,
      currency: '156',
      rate: null,
      markupBps: 0,
      rateDate: null,
    });
  });

  it('pays a merchant QR in yen (no decimals) and in-app in dinars (three), billed in CNY', async () => {
    const { w, device } = await walletAndDevice();
    // Field 53 392 (JPY), 54 "1250": 1,250 yen.
    const qr = withCrc('000201010212520458125303392540412505802JP5909Demo Shop6005Tokyo');
    const paid = await device.payMpm(w.tokenId, qr, undefined, true);
    expect(paid).toMatchObject({ approved: true });
    const mpm = await view(paid.id);
    expect(mpm).toMatchObject({ kind: 'qr', amount: 1250, currency: '392' });
    expect(mpm.billing?.amount).toBe(cnyFen(1250, 'JPY', rateToCny('JPY')));
    const inapp = await device.request<AuthorizationResult>('POST', '/v1/device/payments/inapp', {
      tokenId: w.tokenId,
      amount: 12500,
      currency: '414',
      merchant: { id: 'KW-1', name: 'Souq' },
    });
    expect(inapp).toMatchObject({ approved: true });
    expect((await view(inapp.id)).billing?.amount).toBe(cnyFen(12500, 'KWD', rateToCny('KWD')));
    await expect(
      device.request('POST', '/v1/device/payments/inapp', {
        tokenId: w.tokenId,
        amount: 100,
        currency: '999',
        merchant: { id: 'X', name: 'X' },
      }),
    ).rejects.toMatchObject({ status: 422, code: 'CURRENCY_UNKNOWN' });
  });

  it('holds the no-CVM and per-payment limits in CNY, not in the payment’s figure', async () => {
    const w = await wallet();
    // 9000 yen is numerically far under the no-CVM limit's 30000, but bills over 300.00 CNY.
    expect(cnyFen(9000, 'JPY', rateToCny('JPY'))).toBeGreaterThan(LIMITS.noCvmLimit);
    expect(await tap(w, 'JPY', 9000, false)).toMatchObject({ approved: false, reason: 'CVM_REQUIRED' });
    // 90.00 CNY unverified is fine.
    expect(await tap(w, 'CNY', 9000, false)).toMatchObject({ approved: true });
    // 6000.00 RUB is numerically over the per-payment limit's 500000 but bills under 5000.00 CNY.
    expect(cnyFen(600000, 'RUB', rateToCny('RUB'))).toBeLessThan(LIMITS.perTransaction);
    expect(await tap(w, 'RUB', 600000, true)).toMatchObject({ approved: true });
    // 150,000 yen bills over 5000.00 CNY.
    expect(cnyFen(150000, 'JPY', rateToCny('JPY'))).toBeGreaterThan(LIMITS.perTransaction);
    expect(await tap(w, 'JPY', 150000, true)).toMatchObject({ approved: false, reason: 'AMOUNT_OVER_LIMIT' });
  });

  it('sums the day in CNY: yen taps whose figures are small exceed the daily limit', async () => {
    const w = await wallet();
    const rate = rateToCny('JPY');
    let spent = 0;
    let declined = 0;
    const yen = 100000;
    for (let i = 0; i < 3; i++) {
      const billed = cnyFen(yen, 'JPY', rate);
      const r = await tap(w, 'JPY', yen, true);
      const expected = spent + billed > LIMITS.daily ? 'DAILY_LIMIT_EXCEEDED' : 'APPROVED';
      expect(r.reason, `tap ${i + 1}`).toBe(expected);
      if (r.approved) spent += billed;
      else declined++;
    }
    // Three taps of 100,000 yen are 300,000 in figures, under the daily limit's 1,000,000, yet one declines.
    expect(3 * yen).toBeLessThan(LIMITS.daily);
    expect(declined).toBe(1);
  });

  it('declines FX_RATE_MISSING without a rate and FX_RATE_STALE with an old one, recorded like any decline', async () => {
    const w = await wallet();
    // No THB in the table.
    const missing = await s.acquirer.request<AuthorizationResult>(
      'POST',
      '/v1/acquirer/authorizations/tap',
      w.tapRequest(100, true, 764),
    );
    expect(missing).toMatchObject({ approved: false, reason: 'FX_RATE_MISSING', arc: '3035' });
    const old = new Date(Date.now() - 5 * DAY).toISOString().slice(0, 10);
    await loadRates({ CNY: '7.70', HKD: '8.30' }, old);
    const stale = await s.acquirer.request<AuthorizationResult>(
      'POST',
      '/v1/acquirer/authorizations/tap',
      w.tapRequest(100, true, 344),
    );
    expect(stale).toMatchObject({ approved: false, reason: 'FX_RATE_STALE' });
    for (const r of [missing, stale]) {
      const a = await view(r.id);
      expect(a).toMatchObject({ approved: false, reason: r.reason, billing: null });
      const e = await s.server.deps.db.kysely
        .selectFrom('events')
        .select('type')
        .where('subject_id', '=', r.id)
        .executeTakeFirstOrThrow();
      expect(e.type).toBe('authorization.declined');
    }
    // The program accepts 48 hours; a program accepting a week takes the same rate.
    await s.issuer.request('PUT', `/v1/issuer/programs/${programId}`, {
      name: 'UnionPay CNY abroad',
      cardArt: '',
      domains: ['contactless', 'qr', 'inapp'],
      idvPolicy: { greenMaxRisk: 30, yellowMaxRisk: 70, otpTtlSeconds: 600 },
      limits: LIMITS,
      fx: { markupBps: MARKUP, maxRateAgeHours: 168 },
      decision: { mode: 'rules', timeoutMs: 1500, fallback: 'rules' },
    });
    const week = await s.acquirer.request<AuthorizationResult>(
      'POST',
      '/v1/acquirer/authorizations/tap',
      w.tapRequest(100, true, 344),
    );
    expect(week).toMatchObject({ approved: true });
    const rate = new Decimal('7.70').div('8.30').toSignificantDigits(10, Decimal.ROUND_HALF_UP);
    expect((await view(week.id)).billing).toMatchObject({ rate: rate.toString(), rateDate: old });
    await s.issuer.request('PUT', `/v1/issuer/programs/${programId}`, {
      name: 'UnionPay CNY abroad',
      cardArt: '',
      domains: ['contactless', 'qr', 'inapp'],
      idvPolicy: { greenMaxRisk: 30, yellowMaxRisk: 70, otpTtlSeconds: 600 },
      limits: LIMITS,
      decision: { mode: 'rules', timeoutMs: 1500, fallback: 'rules' },
    });
    // A PUT without fx keeps the terms.
    const p = await s.issuer.request<{ fx: unknown }>('GET', `/v1/issuer/programs/${programId}`);
    expect(p.fx).toEqual({ markupBps: MARKUP, maxRateAgeHours: 168 });
  });

  it('refunds at the original rate after the table changed; the last refund bills back exactly what is left', async () => {
    const w = await wallet();
    const paid = await tap(w, 'RUB', 100001, true);
    expect(paid.approved).toBe(true);
    const original = await view(paid.id);
    const rate = rateToCny('RUB');
    // The rouble moves a lot today.
    await loadRates({ ...RATES, RUB: '120.000' }, today());
    const part = await s.acquirer.request<AuthorizationResult>(
      'POST',
      `/v1/acquirer/authorizations/${paid.id}/refund`,
      { amount: 33333 },
    );
    const first = await view(part.id);
    expect(first).toMatchObject({ kind: 'refund', amount: 33333, currency: '643' });
    expect(first.billing).toEqual({
      amount: cnyFen(33333, 'RUB', rate),
      currency: '156',
      rate: rate.toString(),
      markupBps: MARKUP,
      rateDate: original.billing?.rateDate,
    });
    // A new payment converts at the new rate.
    const now = await tap(w, 'RUB', 100001, true);
    expect((await view(now.id)).billing?.rate).toBe(
      new Decimal(RATES.CNY).div('120').toSignificantDigits(10).toString(),
    );
    // The refund limit is in roubles.
    await expect(
      s.acquirer.request('POST', `/v1/acquirer/authorizations/${paid.id}/refund`, { amount: 66669 }),
    ).rejects.toMatchObject({ status: 409, code: 'REFUND_EXCEEDS_AMOUNT' });
    const rest = await s.acquirer.request<AuthorizationResult>(
      'POST',
      `/v1/acquirer/authorizations/${paid.id}/refund`,
      { amount: 66668 },
    );
    const last = await view(rest.id);
    expect(last.billing?.amount).toBe((original.billing?.amount ?? 0) - (first.billing?.amount ?? 0));
    expect(last.billing?.rate).toBe(rate.toString());
    const e = await s.server.deps.db.kysely
      .selectFrom('events')
      .select(['type', 'payload'])
      .where('subject_id', '=', rest.id)
      .executeTakeFirstOrThrow();
    expect(e.type).toBe('authorization.refund');
    expect(JSON.parse(e.payload)).toMatchObject({
      originalId: paid.id,
      amount: 66668,
      currency: '643',
      billingAmount: last.billing?.amount,
      fxRate: rate.toString(),
      fxMarkupBps: MARKUP,
    });
    await loadRates(RATES, today());
  });

  it('refuses a currency code that is not ISO 4217 with 422 CURRENCY_UNKNOWN', async () => {
    const w = await wallet();
    const req = { ...w.tapRequest(100, true), currency: '999' };
    await expect(s.acquirer.request('POST', '/v1/acquirer/authorizations/tap', req)).rejects.toMatchObject({
      status: 422,
      code: 'CURRENCY_UNKNOWN',
    });
    await expect(
      s.issuer.request('POST', '/v1/issuer/programs', {
        name: 'x',
        scheme: UNIONPAY.scheme,
        aid: UNIONPAY.aid,
        profile: ProgramProfile.UnionPayQuics,
        binRange: { low: '629999', high: '629999' },
        tokenBin: '621998',
        limits: { ...LIMITS, currency: '999' },
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      s.issuer.request('POST', '/v1/issuer/programs', {
        name: 'x',
        scheme: UNIONPAY.scheme,
        aid: UNIONPAY.aid,
        profile: ProgramProfile.UnionPayQuics,
        binRange: { low: '629999', high: '629999' },
        tokenBin: '621998',
        limits: LIMITS,
        fx: { markupBps: 10001 },
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('answers the billing-currency window from the index alone', async () => {
    const db = s.server.deps.db.kysely;
    // SPENT as the service runs it, with its parameters written in.
    const text = withValues(
      kind,
      SPENT,
      spentParams(Date.now(), 'tok_x').map((v) => (typeof v === 'string' ? `'${v}'` : v)),
    );
    if (kind === 'sqlite') {
      const r = await sql<{ detail: string }>`explain query plan ${sql.raw(text)}`.execute(db);
      // SQLite searches the partial index (it reads the row for the index's own condition, as before FX).
      expect(r.rows.map((x) => x.detail).join('\n')).toMatch(
        /SEARCH authorizations USING (COVERING )?INDEX auth_token_spend/,
      );
      return;
    }
    const plan = await db.transaction().execute(async (trx) => {
      // The table is small here: make the planner show what the index can do on a large one.
      await sql`set local enable_seqscan = off`.execute(trx);
      await sql`set local enable_bitmapscan = off`.execute(trx);
      const r = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(text)}`.execute(trx);
      return r.rows.map((x) => x['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Index Only Scan using auth_token_spend');
  });
});
