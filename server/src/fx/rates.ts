/**
 * The operator's exchange-rate table: reference rates per day against a base currency (the ECB publishes
 * units of each currency for one euro), and the rate between any two currencies found in it.
 */
import { type Currency, crossRate } from '@arkpay/core/money';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** One published rate: `rate` units of `currency` for one unit of `base` on `date` (YYYY-MM-DD). */
export interface FxRate {
  base: string;
  currency: string;
  date: string;
  rate: string;
}

/** A rate between two currencies as the table gives it, and the (older) date of the two rates it uses. */
export interface PairRate {
  /** Units of the target currency for one unit of the source. */
  rate: string;
  date: string;
}

/** Rows per insert statement: a history file (some 200,000 rates) in a few hundred statements. */
const CHUNK = 500;

/**
 * Stores rates in one transaction (all or nothing), replacing the same (currency, base, date); nothing
 * else is touched, but for the demo rates, which any other load removes. A file naming one (currency,
 * base, date) twice keeps its last rate.
 */
export async function putRates(db: Kysely<Database>, rates: FxRate[], source: string, now: number): Promise<void> {
  if (rates.length === 0) return;
  const unique = new Map<string, FxRate>();
  for (const r of rates) unique.set(`${r.currency} ${r.base} ${r.date}`, r);
  const rows = [...unique.values()].map((r) => ({
    base: r.base,
    currency: r.currency,
    rate_date: r.date,
    rate: r.rate,
    source,
    loaded_at: now,
  }));
  await db.transaction().execute(async (trx) => {
    // The operator's rates replace the demo table whole (fx/demo-rates.ts): no demo rate is ever used again.
    if (source !== 'demo') await trx.deleteFrom('fx_rates').where('source', '=', 'demo').execute();
    for (let i = 0; i < rows.length; i += CHUNK) {
      await trx
        .insertInto('fx_rates')
        .values(rows.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.columns(['currency', 'base', 'rate_date']).doUpdateSet((eb) => ({
            rate: eb.ref('excluded.rate'),
            source: eb.ref('excluded.source'),
            loaded_at: eb.ref('excluded.loaded_at'),
          })),
        )
        .execute();
    }
  });
}

/** One base's newest day in the table: what a payment converts at today. */
export interface RateDay {
  base: string;
  date: string;
  source: string;
  loadedAt: number;
  rates: Record<string, string>;
}

/** The newest day of each base, with its rates and where they came from. */
export async function currentRates(db: Kysely<Database>): Promise<RateDay[]> {
  const newest = await db
    .selectFrom('fx_rates')
    .select(['base', (eb) => eb.fn.max('rate_date').as('date')])
    .groupBy('base')
    .orderBy('base')
    .execute();
  const days: RateDay[] = [];
  for (const n of newest) {
    const rows = await db
      .selectFrom('fx_rates')
      .select(['currency', 'rate', 'source', 'loaded_at'])
      .where('base', '=', n.base)
      .where('rate_date', '=', n.date)
      .orderBy('currency')
      .execute();
    const rates: Record<string, string> = {};
    for (const r of rows) rates[r.currency] = r.rate;
    // One day may mix loads (a file, then a correction): the latest load names the source.
    const last = rows.reduce((a, r) => (a === undefined || r.loaded_at > a.loaded_at ? r : a), rows[0]);
    days.push({
      base: n.base,
      date: n.date,
      source: last?.source ?? '',
      loadedAt: Number(last?.loaded_at ?? 0),
      rates,
    });
  }
  return days;
}

/**
 * How many of each currency's newest rows are searched for a day quoting both: a few first (the newest
 * day usually has both), then more, so an old or one-sided table still gives its stale date.
 */
const SEARCH_ROWS = [8, 128];

interface QuoteRow {
  base: string;
  currency: string;
  rate_date: string;
  rate: string;
}

/** A currency's newest quotes against any base (index fx_rates_currency_date: a short range scan). */
function newestQuotes(db: Kysely<Database>, currency: string, limit: number): Promise<QuoteRow[]> {
  return db
    .selectFrom('fx_rates')
    .select(['base', 'currency', 'rate_date', 'rate'])
    .where('currency', '=', currency)
    .orderBy('rate_date', 'desc')
    .limit(limit)
    .execute();
}

/**
 * Units of `to` for one unit of `from`, from the newest day on which one base quotes both (or is one of
 * them); rates of two different days are never combined. Undefined when no day connects them. Each
 * currency's own quotes are read (a base is implied by its day's quotes), so the cost does not grow with
 * the history loaded.
 */
export async function pairRate(db: Kysely<Database>, from: Currency, to: Currency): Promise<PairRate | undefined> {
  for (const limit of SEARCH_ROWS) {
    const [a, b] = await Promise.all([newestQuotes(db, from.alpha, limit), newestQuotes(db, to.alpha, limit)]);
    const found = commonDay([...a, ...b], from, to);
    if (found !== undefined || (a.length < limit && b.length < limit)) return found;
  }
  return undefined;
}

/** The pair's rate on the newest (day, base) of `rows` quoting both, or undefined. */
function commonDay(quotes: QuoteRow[], from: Currency, to: Currency): PairRate | undefined {
  const rows = quotes.sort((x, y) => (x.rate_date < y.rate_date ? 1 : x.rate_date > y.rate_date ? -1 : 0));
  const days = new Map<string, Map<string, string>>();
  for (const r of rows) {
    const key = `${r.rate_date} ${r.base}`;
    const day = days.get(key) ?? new Map<string, string>([[r.base, '1']]);
    day.set(r.currency, r.rate);
    days.set(key, day);
  }
  for (const [key, day] of days) {
    const f = day.get(from.alpha);
    const t = day.get(to.alpha);
    if (f !== undefined && t !== undefined) return { rate: crossRate(f, t), date: key.slice(0, 10) };
  }
  return undefined;
}
