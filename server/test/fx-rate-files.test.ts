/**
 * Loading the rate table through the admin API on both databases: the ECB's XML and CSV files in their
 * published layouts (daily and history), the service's JSON table, the current table per base; bad files
 * refused whole with a code naming the place, nothing of them stored; the demo rates until real ones come.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoRates } from '../src/fx/demo-rates';
import { DB_KINDS } from './support/databases';
import { startTestService, type TestService } from './support/service';

const FIXTURES = new URL('./fixtures/fx/', import.meta.url);

function fixture(name: string): string {
  return fs.readFileSync(new URL(name, FIXTURES), 'utf8');
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

interface Loaded {
  source: string;
  rates: number;
  days: number;
  from: string | null;
  to: string | null;
  skipped: string[];
}

interface Current {
  tables: { base: string; date: string; source: string; rates: Record<string, string> }[];
}

describe.each(DB_KINDS)('rate files on %s', (kind) => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService(kind);
  });
  afterAll(async () => {
    await s?.close();
  });

  async function count(): Promise<number> {
    const r = await s.server.deps.db.kysely
      .selectFrom('fx_rates')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  function loadFile(text: string): Promise<Loaded> {
    return s.admin.request<Loaded>('POST', '/v1/admin/fx/rates/file', { file: b64(text) });
  }

  it('starts with the demo rates, marked as such, for issuers and acquirers too', async () => {
    expect(s.server.demoRates).toBe(true);
    for (const client of [s.admin, s.issuer, s.acquirer]) {
      const who = client === s.admin ? 'admin' : client === s.issuer ? 'issuer' : 'acquirer';
      const c = await client.request<Current>('GET', `/v1/${who}/fx/rates`);
      expect(c.tables).toHaveLength(1);
      expect(c.tables[0]).toMatchObject({ base: 'EUR', source: 'demo', date: new Date().toISOString().slice(0, 10) });
      for (const cur of ['CNY', 'RUB', 'JPY', 'KWD', 'THB', 'USD', 'HKD'])
        expect(c.tables[0].rates[cur], cur).toMatch(/^\d+\.\d+$/);
    }
  });

  it('refuses bad files with a code and the place, storing nothing of them', async () => {
    const before = await count();
    const daily = fixture('eurofxref-daily.xml');
    const cases: [string, string, RegExp][] = [
      [daily.replace("rate='161.37'", "rate='-161.37'"), 'FX_RATES_RATE', /line 10: .*JPY.*-161\.37/],
      [daily.replace("rate='24.987'", "rate='24,987'"), 'FX_RATES_RATE', /line 12/],
      [daily.replace("currency='USD'", "currency='US'"), 'FX_RATES_CURRENCY', /line 9: .*"US"/],
      [daily.replace("time='2026-11-26'", "time='2026-11-31'"), 'FX_RATES_DATE', /line 8: .*2026-11-31/],
      [daily.replace('\t</Cube>\n</gesmes:Envelope>', '</gesmes:Envelope>'), 'FX_RATES_FORMAT', /closes <Cube>/],
      [daily.replace('</gesmes:Envelope>\n', ''), 'FX_RATES_FORMAT', /ends inside <gesmes:Envelope>/],
      [`<!DOCTYPE x [<!ENTITY a "b">]>${daily}`, 'FX_RATES_FORMAT', /line 1: declarations/],
      [daily.replace("<Cube currency='CNY'", "<Cube currency='CNY' rate='1'/><Cube"), 'FX_RATES_FORMAT', /line 26/],
      [
        fixture('eurofxref.csv').replace('26 November 2026', '31 November 2026'),
        'FX_RATES_DATE',
        /line 2: "31 November 2026"/,
      ],
      [fixture('eurofxref.csv').replace(', 161.37', ''), 'FX_RATES_FORMAT', /line 2: 30 cells where the header has 31/],
      [fixture('eurofxref-hist.csv').replace('2026-11-25,1.0398', '2026-11-25,x'), 'FX_RATES_RATE', /line 3, USD/],
      ['Day, USD\n2026-11-26, 1.04\n', 'FX_RATES_FORMAT', /line 1: expected a header/],
      ['Date, USD\n', 'FX_RATES_EMPTY', /no rates/],
      ['{"base": "EUR", "date": "2026-11-26", "rates": {"XYZ": "1.5"}}', 'FX_RATES_CURRENCY', /rates\.XYZ/],
      ['{"base": "EUR", "date": "2026-11-26", "rates": {"USD": 1.04}}', 'FX_RATES_RATE', /decimal string/],
      ['{"base": "EUR", "date": "2026-11-26"', 'FX_RATES_FORMAT', /not valid JSON/],
    ];
    for (const [text, code, message] of cases) {
      const e = await loadFile(text).then(
        () => undefined,
        (x: unknown) => x as { status: number; code: string; message: string },
      );
      expect(e, code).toMatchObject({ status: 422, code });
      expect(e?.message, code).toMatch(message);
    }
    await expect(s.admin.request('POST', '/v1/admin/fx/rates/file', { file: 'not base64!' })).rejects.toMatchObject({
      status: 422,
      code: 'FX_RATES_FORMAT',
    });
    await expect(
      s.admin.request('POST', '/v1/admin/fx/rates', { base: 'EUR', date: '2026-02-30', rates: { USD: '1.1' } }),
    ).rejects.toMatchObject({ status: 422, code: 'FX_RATES_DATE' });
    // Not an admin: not loaded.
    await expect(s.issuer.request('POST', '/v1/admin/fx/rates/file', { file: b64(daily) })).rejects.toMatchObject({
      status: 401,
    });
    expect(await count()).toBe(before);
    // Still the demo table.
    const c = await s.admin.request<Current>('GET', '/v1/admin/fx/rates');
    expect(c.tables[0].source).toBe('demo');
  });

  it('loads the ECB daily XML, replacing the demo rates for good', async () => {
    const r = await loadFile(fixture('eurofxref-daily.xml'));
    expect(r).toEqual({ source: 'ecb-xml', rates: 30, days: 1, from: '2026-11-26', to: '2026-11-26', skipped: [] });
    const c = await s.admin.request<Current>('GET', '/v1/admin/fx/rates');
    expect(c.tables).toEqual([expect.objectContaining({ base: 'EUR', date: '2026-11-26', source: 'ecb-xml' })]);
    expect(c.tables[0].rates).toMatchObject({ USD: '1.0412', JPY: '161.37', CNY: '7.5468', ZAR: '18.9312' });
    expect(Object.keys(c.tables[0].rates)).toHaveLength(30);
    const demo = await s.server.deps.db.kysely
      .selectFrom('fx_rates')
      .select('currency')
      .where('source', '=', 'demo')
      .execute();
    expect(demo).toEqual([]);
    // A later start (what npm start runs) seeds nothing over the operator's rates.
    const before = await count();
    expect(await seedDemoRates(s.server.deps)).toBe(false);
    expect(await count()).toBe(before);
    expect((await s.admin.request<Current>('GET', '/v1/admin/fx/rates')).tables[0].source).toBe('ecb-xml');
  });

  it('loads the ECB history XML and both CSV layouts, skipping withdrawn currencies and N/A cells', async () => {
    const xml = await loadFile(fixture('eurofxref-hist.xml'));
    expect(xml).toMatchObject({ source: 'ecb-xml', rates: 15, days: 3, from: '2026-11-24', to: '2026-11-26' });
    const csv = await loadFile(fixture('eurofxref.csv'));
    expect(csv).toMatchObject({ source: 'ecb-csv', rates: 30, days: 1, from: '2026-11-26', skipped: [] });
    const hist = await loadFile(fixture('eurofxref-hist.csv'));
    // 30 + 6 + the 2008 row's USD JPY RUB CNY THB KRW (CYP, EEK and HRK are no longer ISO 4217 currencies).
    expect(hist).toMatchObject({ source: 'ecb-csv', rates: 42, days: 3, from: '2008-03-03', to: '2026-11-26' });
    expect(hist.skipped.sort()).toEqual(['CYP', 'EEK', 'HRK', 'LTL', 'LVL', 'MTL', 'ROL', 'SIT', 'SKK', 'TRL'].sort());
    const db = s.server.deps.db.kysely;
    const old = await db
      .selectFrom('fx_rates')
      .select(['currency', 'rate'])
      .where('rate_date', '=', '2008-03-03')
      .orderBy('currency')
      .execute();
    expect(old).toEqual([
      { currency: 'CNY', rate: '10.8972' },
      { currency: 'JPY', rate: '157.49' },
      { currency: 'KRW', rate: '1431.13' },
      { currency: 'RUB', rate: '36.9350' },
      { currency: 'THB', rate: '47.215' },
      { currency: 'USD', rate: '1.5167' },
    ]);
    const c = await s.admin.request<Current>('GET', '/v1/admin/fx/rates');
    expect(c.tables[0]).toMatchObject({ date: '2026-11-26', source: 'ecb-csv' });
  });

  it('loads the JSON table for another base; the current table shows each base', async () => {
    const r = await s.admin.request<Loaded>('POST', '/v1/admin/fx/rates', {
      base: 'USD',
      date: '2026-11-27',
      rates: { CNY: '7.2415', HKD: '7.7810' },
    });
    expect(r).toMatchObject({ source: 'json', rates: 2, days: 1 });
    const c = await s.issuer.request<Current>('GET', '/v1/issuer/fx/rates');
    expect(c.tables.map((t) => [t.base, t.date, t.source])).toEqual([
      ['EUR', '2026-11-26', 'ecb-csv'],
      ['USD', '2026-11-27', 'json'],
    ]);
  });
});
