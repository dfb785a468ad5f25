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

/** Stores rates, replacing the same (currency, base, date); nothing else is touched. */
export async function putRates(db: Kysely<Database>, rates: FxRate[], source: string, now: number): Promise<void> {
  if (rates.length === 0) return;
  await db.transaction().execute(async (trx) => {
    for (const r of rates) {
      await trx
        .insertInto('fx_rates')
        .values({ base: r.base, currency: r.currency, rate_date: r.date, rate: r.rate, source, loaded_at: now })
        .onConflict((oc) =>
          oc.columns(['currency', 'base', 'rate_date']).doUpdateSet({ rate: r.rate, source, loaded_at: now }),
        )
        .execute();
    }
  });
}

/** How many of the two currencies' newest rows are searched for a day quoting both. */
const SEARCH_ROWS = 256;

/**
 * Units of `to` for one unit of `from`, from the newest day on which one base quotes both (or is one of
 * them); rates of two different days are never combined. Undefined when no day connects them.
 */
export async function pairRate(db: Kysely<Database>, from: Currency, to: Currency): Promise<PairRate | undefined> {
  const rows = await db
    .selectFrom('fx_rates')
    .select(['base', 'currency', 'rate_date', 'rate'])
    .where((eb) => eb.or([eb('currency', 'in', [from.alpha, to.alpha]), eb('base', 'in', [from.alpha, to.alpha])]))
    .orderBy('rate_date', 'desc')
    .limit(SEARCH_ROWS)
    .execute();
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
