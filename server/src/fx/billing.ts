/**
 * What a payment costs the card holder in the program's billing currency. The same currency bills as it
 * is; another is converted at the rate table's rate plus the program's markup, or declined: no rate
 * between the two currencies (FX_RATE_MISSING) or none recent enough (FX_RATE_STALE). Never a guess.
 */
import { type Currency, convertAmount } from '@arkpay/core/money';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { pairRate } from './rates';

export class Billing {
  constructor(
    readonly amount: number,
    readonly currency: Currency,
    /** Units of the billing currency per unit of the payment's, before the markup; null when the same. */
    readonly rate: string | null,
    readonly markupBps: number,
    /** YYYY-MM-DD of the rate; null when the same currency. */
    readonly rateDate: string | null,
  ) {}
}

export interface BillingTerms {
  currency: Currency;
  markupBps: number;
  maxRateAgeHours: number;
}

/** A rate dated `date` (valid from that day's start, UTC) is stale `maxAgeHours` later. */
export function isStale(date: string, maxAgeHours: number, now: number): boolean {
  return Date.parse(`${date}T00:00:00Z`) + maxAgeHours * 3_600_000 < now;
}

export async function billingFor(
  db: Kysely<Database>,
  amount: number,
  currency: Currency,
  terms: BillingTerms,
  now: number,
): Promise<Billing | 'FX_RATE_MISSING' | 'FX_RATE_STALE'> {
  if (currency.alpha === terms.currency.alpha) return new Billing(amount, currency, null, 0, null);
  const pair = await pairRate(db, currency, terms.currency);
  if (pair === undefined) return 'FX_RATE_MISSING';
  if (isStale(pair.date, terms.maxRateAgeHours, now)) return 'FX_RATE_STALE';
  const billed = convertAmount(amount, currency, terms.currency, pair.rate, terms.markupBps);
  return new Billing(billed, terms.currency, pair.rate, terms.markupBps, pair.date);
}

/** A refund of `amount` of an authorization billed at `rate` and `markupBps`: the same terms again. */
export function refundBilling(amount: number, from: Currency, to: Currency, rate: string, markupBps: number): number {
  return convertAmount(amount, from, to, rate, markupBps);
}
