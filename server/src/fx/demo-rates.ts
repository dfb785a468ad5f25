/**
 * Demo exchange rates, so that a payment in another currency works out of the box on `npm start`: a
 * dozen currencies against the euro, rounded figures of the ECB's reference rates of late 2026, marked
 * source "demo" and dated today (refreshed on each start, so they never go stale on a demo). Not real
 * rates: the banner and the console say so. Once the operator has loaded any rate (source other than
 * "demo"), nothing here is ever written again.
 */
import type { Deps } from '../deps';
import { type FxRate, putRates } from './rates';

export const DEMO_SOURCE = 'demo';

/** Units per euro. */
const DEMO_RATES: Record<string, string> = {
  USD: '1.0550',
  CNY: '7.6400',
  JPY: '161.50',
  KWD: '0.3245',
  RUB: '98.500',
  THB: '37.250',
  HKD: '8.2100',
  GBP: '0.8350',
  SGD: '1.4150',
  KRW: '1468.00',
  MYR: '4.7200',
  AUD: '1.6250',
  CHF: '0.9350',
};

/** Seeds (or refreshes to today) the demo rates unless the operator loaded rates; true when it did. */
export async function seedDemoRates(deps: Deps): Promise<boolean> {
  const real = await deps.db.kysely
    .selectFrom('fx_rates')
    .select('currency')
    .where('source', '<>', DEMO_SOURCE)
    .limit(1)
    .executeTakeFirst();
  if (real !== undefined) return false;
  const date = new Date(deps.now()).toISOString().slice(0, 10);
  const rates: FxRate[] = Object.entries(DEMO_RATES).map(([currency, rate]) => ({ base: 'EUR', currency, date, rate }));
  await putRates(deps.db.kysely, rates, DEMO_SOURCE, deps.now());
  return true;
}
