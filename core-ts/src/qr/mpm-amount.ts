/**
 * QR field 54 is a decimal in the currency of field 53 ("1250" JPY, "12.50" CNY, "1.250" KWD): the
 * amount in minor units needs both, by the ISO 4217 exponent of that currency.
 */
import { decimalAmount, parseAmount } from '../money/amount';
import { type Currency, findCurrency, MoneyError } from '../money/currency';
import type { Mpm } from './mpm';
import { QrError } from './qr-error';

/** The currency of field 53 (ISO 4217 numeric); QrError QR_CURRENCY_UNKNOWN when it is not one. */
export function mpmCurrency(numeric: string): Currency {
  const c = /^[0-9]{3}$/.test(numeric) ? findCurrency(numeric) : undefined;
  if (c === undefined) {
    throw new QrError('QR_CURRENCY_UNKNOWN', '53', `"${numeric}" is not an ISO 4217 numeric currency code`);
  }
  return c;
}

/** Field 54 text for `minor` units of the currency numbered `numeric` (the builder's input). */
export function mpmAmountText(minor: number, numeric: string): string {
  return decimalAmount(minor, mpmCurrency(numeric));
}

/**
 * Field 54 in minor units by field 53's currency; null when the code has no amount (static). QrError
 * QR_CURRENCY_MISSING (an amount without a currency), QR_CURRENCY_UNKNOWN, or QR_BAD_AMOUNT (more decimals
 * than the currency has, zero, or more than 12 digits of minor units).
 */
export function mpmAmountMinor(mpm: Mpm): number | null {
  const text = mpm.amount;
  if (text === null) {
    return null;
  }
  const numeric = mpm.currency;
  if (numeric === null) {
    throw new QrError('QR_CURRENCY_MISSING', '53', 'an amount needs its transaction currency');
  }
  const c = mpmCurrency(numeric);
  try {
    return parseAmount(text, c);
  } catch (e) {
    const err = e as Error;
    if (err instanceof MoneyError) {
      throw new QrError('QR_BAD_AMOUNT', '54', err.message);
    }
    throw err;
  }
}
