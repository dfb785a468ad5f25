/**
 * Amounts and currencies as the POS pages send them ("12.50", "KWD" or "414") → minor units and the
 * ISO 4217 numeric code, by the core's currency table. Errors are messages for VALIDATION_FAILED.
 */
import { findCurrency, MoneyError, parseAmount as parseMoney } from '@arkpay/core/money';

/** Minor units of the currency numbered `currency`, or a message saying what is wrong. */
export function parseAmount(text: unknown, currency: number): number | string {
  const c = findCurrency(currency);
  if (c === undefined) return `currency: ${currency} is not an ISO 4217 currency`;
  if (typeof text !== 'string' && typeof text !== 'number') return 'amount: a decimal such as 12.50';
  try {
    return parseMoney(String(text), c);
  } catch (e) {
    if (e instanceof MoneyError) return `amount: ${e.message}`;
    throw e;
  }
}

/** The ISO 4217 numeric code for "CNY", "156" or 156 (default CNY), or a message saying what is wrong. */
export function parseCurrency(v: unknown): number | string {
  if (v === undefined || v === null) return 156;
  const c = typeof v === 'string' || typeof v === 'number' ? findCurrency(v) : undefined;
  return c === undefined ? `currency: "${String(v).slice(0, 20)}" is not an ISO 4217 currency code` : c.code;
}
