/**
 * What an attempt bills in its program's billing currency (the currency of the program's limits), worked
 * out before settling, read-only and outside the settling transaction: the same currency bills as it is
 * without touching the database (the hot path); another currency at the rate table's rate plus the
 * program's markup (fx/billing.ts); a billing fixed beforehand (a confirmed quote) as given.
 *
 * CURRENCY_NOT_SUPPORTED is what truly cannot be billed: a currency code that is not an ISO 4217 currency
 * (from card data; API calls refuse one with 422 CURRENCY_UNKNOWN first), a program whose billing currency
 * is not one, or a billing fixed beforehand in another currency than the program's (its currency changed
 * since the quote).
 */
import type { AuthorizationReason } from '@arkpay/core/contract';
import { type Currency, findCurrency } from '@arkpay/core/money';
import type { Deps } from '../deps';
import { Billing, billingFor } from '../fx/billing';
import { ApiError } from '../http/errors';
import type { LimitsT } from '../programs/model';
import type { AuthorizingProgram } from '../tokens/detokenise';
import type { Attempt } from './settle';

/** Billing currencies by the programs' numeric codes, looked up once (the hot path prices every tap). */
const billingCurrencies = new Map<string, Currency | undefined>();

/**
 * A payment in the program's own billing currency bills as it is, worked out synchronously without the
 * database; undefined for anything else (another currency, or a billing currency that is not ISO 4217).
 */
export function sameCurrencyBilling(amount: number, currency: string, limits: LimitsT): Billing | undefined {
  if (currency !== limits.currency) return undefined;
  let c = billingCurrencies.get(currency);
  if (c === undefined && !billingCurrencies.has(currency)) {
    c = findCurrency(currency);
    billingCurrencies.set(currency, c);
  }
  return c === undefined ? undefined : new Billing(amount, c, null, 0, null);
}

export async function priceAttempt(
  deps: Deps,
  a: Attempt,
  program: AuthorizingProgram,
  limits: LimitsT,
): Promise<Billing | AuthorizationReason> {
  const billing = findCurrency(limits.currency);
  const paid = findCurrency(a.currency);
  if (billing === undefined || paid === undefined) return 'CURRENCY_NOT_SUPPORTED';
  if (a.billing !== undefined) return a.billing.currency.alpha === billing.alpha ? a.billing : 'CURRENCY_NOT_SUPPORTED';
  if (paid.alpha === billing.alpha) return new Billing(a.amount, billing, null, 0, null);
  const terms = {
    currency: billing,
    markupBps: program.fx_markup_bps,
    maxRateAgeHours: program.fx_max_rate_age_hours,
  };
  return billingFor(deps.db.kysely, a.amount, paid, terms, deps.now());
}

/** The currency an API call names for its payment (ISO 4217 numeric), or 422 CURRENCY_UNKNOWN. */
export function paymentCurrency(code: string): Currency {
  const c = findCurrency(code);
  if (c === undefined) throw new ApiError('CURRENCY_UNKNOWN', `currency ${code} is not an ISO 4217 currency`);
  return c;
}
