/**
 * `arkpay fx load|rates` and `arkpay tap --currency` for any ISO 4217 currency, against a running service
 * (built binary): the demo rates of a fresh start, a rouble tap billed in CNY, an ECB file loaded whole or
 * refused with its code.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeyClient } from '@arkpay/server';
import Decimal from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arkpayAsync as arkpay } from './run-cli';
import { type ConsoleService, startConsoleService } from './support/service';

let s: ConsoleService;
let adminKey: string;

beforeAll(async () => {
  s = await startConsoleService();
  if (s.server.adminKey === undefined) throw new Error('no admin key generated');
  adminKey = s.server.adminKey;
});
afterAll(async () => {
  await s?.close();
});

interface Tables {
  tables: { base: string; date: string; source: string; rates: Record<string, string> }[];
}

interface Billing {
  amount: number;
  currency: string;
  rate: string | null;
  markupBps: number;
  rateDate: string | null;
}

async function run(args: string[]): Promise<{ status: number | null; json: Record<string, unknown>; text: string }> {
  const r = await arkpay(['--json', ...args, '--server', s.url]);
  return { status: r.status, json: JSON.parse(r.stdout) as Record<string, unknown>, text: r.stdout };
}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

describe('arkpay fx and tap --currency (built binary)', () => {
  it('taps 1500 roubles on a fresh start: billed in CNY at the demo rates', async () => {
    const rates = await run(['fx', 'rates', '--issuer-key', s.demo.issuerKey]);
    expect(rates.status).toBe(0);
    const t = (rates.json as unknown as Tables).tables[0];
    expect(t).toMatchObject({ base: 'EUR', source: 'demo', date: today() });
    const wallet = join(s.dir, 'wallet.json');
    const tap = await run([
      'tap',
      '--currency',
      'RUB',
      '--amount',
      '1500',
      '--acquirer-key',
      s.demo.acquirerKey,
      '--wallet',
      wallet,
    ]);
    expect(tap.status).toBe(0);
    const auth = tap.json.authorization as { id: string };
    expect(tap.json.result).toBe('approved');
    const issuer = new KeyClient(s.url, s.demo.issuerKey);
    const list = await issuer.request<{
      authorizations: { id: string; amount: number; currency: string; billing: Billing }[];
    }>('GET', '/v1/issuer/authorizations');
    const a = list.authorizations.find((x) => x.id === auth.id);
    // 1500.00 RUB through the euro into CNY, the demo program has no markup.
    const rate = new Decimal(t.rates.CNY).div(t.rates.RUB).toSignificantDigits(10, Decimal.ROUND_HALF_UP);
    expect(a).toMatchObject({ amount: 150000, currency: '643' });
    expect(a?.billing).toEqual({
      amount: new Decimal(1500).mul(rate).mul(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(),
      currency: '156',
      rate: rate.toString(),
      markupBps: 0,
      rateDate: today(),
    });
    // Yen have no decimals; an unknown code is refused before anything is sent.
    const yen = await run(['tap', '--currency', 'JPY', '--amount', '12.5', '--acquirer-key', 'x']);
    expect((yen.json.error as { code: string }).code).toBe('BAD_AMOUNT');
    const bad = await run(['tap', '--currency', 'XYZ', '--amount', '1', '--acquirer-key', 'x']);
    expect((bad.json.error as { code: string; message: string }).code).toBe('BAD_CURRENCY');
  });

  it('loads an ECB CSV file with the admin key, and refuses a bad one with its code', async () => {
    const [y, m, d] = today().split('-');
    const month = new Date(`${today()}T00:00:00Z`).toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' });
    const file = join(s.dir, 'eurofxref.csv');
    writeFileSync(file, `Date, USD, JPY, CNY, RUB, \n${d} ${month} ${y}, 1.0412, 161.37, 7.5468, 99.10, \n`);
    expect(m).toMatch(/^\d\d$/);
    const loaded = await run(['fx', 'load', file, '--admin-key', adminKey]);
    expect(loaded.status).toBe(0);
    expect(loaded.json).toEqual({ source: 'ecb-csv', rates: 4, days: 1, from: today(), to: today(), skipped: [] });
    const rates = await run(['fx', 'rates', '--issuer-key', s.demo.issuerKey]);
    expect((rates.json as unknown as Tables).tables).toEqual([
      {
        base: 'EUR',
        date: today(),
        source: 'ecb-csv',
        loadedAt: expect.any(Number),
        rates: { USD: '1.0412', JPY: '161.37', CNY: '7.5468', RUB: '99.10' },
      },
    ]);
    const broken = join(s.dir, 'broken.csv');
    writeFileSync(broken, `Date, USD, JPY, \n${d} ${month} ${y}, 1.0412, -161.37, \n`);
    const refused = await run(['fx', 'load', broken, '--admin-key', adminKey]);
    expect(refused.status).not.toBe(0);
    expect(refused.json.error).toMatchObject({
      code: 'FX_RATES_RATE',
      message: expect.stringContaining('line 2, JPY'),
    });
    const human = await arkpay(['fx', 'load', file, '--admin-key', adminKey, '--server', s.url]);
    expect(human.stdout).toContain(`loaded 4 rates of 1 day(s), ${today()}, as ecb-csv`);
    const noKey = await arkpay(['--json', 'fx', 'load', file, '--server', s.url], { ARKPAY_ADMIN_KEY: '' });
    expect(JSON.parse(noKey.stdout).error.code).toBe('NO_ADMIN_KEY');
  });
});
