/**
 * Amounts and currencies as people type them ("12.50", "CNY", "414") on the core's ISO 4217 table:
 * any currency, each amount in its own exponent. Errors are the CLI's BAD_CURRENCY and BAD_AMOUNT.
 */
import {
  type Currency,
  findCurrency,
  formatAmount,
  MoneyError,
  parseAmount,
  parseMinorUnits,
} from '@arkpay/core/money';
import { CliError } from '../cli-error';

export type { Currency };

/** "CNY", "cny", "156" or "414" → the currency; anything outside ISO 4217 is a BAD_CURRENCY error. */
export function currency(text: string): Currency {
  const c = findCurrency(text);
  if (c === undefined) {
    throw new CliError(
      'BAD_CURRENCY',
      `unknown currency "${text}": give an ISO 4217 code such as CNY, JPY, KWD or its number (156)`,
    );
  }
  return c;
}

/** The ISO numeric code as the API writes it: "156". */
export function numericCode(c: Currency): string {
  return c.numeric;
}

function amountError(text: string, c: Currency, e: unknown): CliError {
  if (!(e instanceof MoneyError)) throw e;
  if (e.code === 'AMOUNT_FORMAT' && /^\s*\d+(\.\d+)?\s*$/.test(text)) {
    const allowed = c.exponent === 0 ? 'no decimals' : `at most ${c.exponent} decimals`;
    return new CliError('BAD_AMOUNT', `amount "${text}" has too many decimals: ${c.alpha} has ${allowed}`);
  }
  if (e.code === 'AMOUNT_FORMAT') {
    return new CliError('BAD_AMOUNT', `amount "${text}" must be digits with an optional decimal point, e.g. 12.50`);
  }
  if (/^\s*[0.]+\s*$/.test(text)) return new CliError('BAD_AMOUNT', `amount "${text}" must be more than zero`);
  return new CliError('BAD_AMOUNT', `amount "${text}" is too large: at most 12 digits of ${c.alpha} minor units`);
}

/** "12.50" CNY → 1250 minor units; zero allowed (limits, refunds). BAD_AMOUNT otherwise. */
export function minorUnits(text: string, c: Currency): number {
  try {
    return parseMinorUnits(text, c);
  } catch (e) {
    throw amountError(text, c, e);
  }
}

/** A payment amount in minor units (tap, QR codes): zero is a BAD_AMOUNT error too. */
export function positiveMinorUnits(text: string, c: Currency): number {
  try {
    return parseAmount(text, c);
  } catch (e) {
    throw amountError(text, c, e);
  }
}

/** 1250 CNY → "12.50 CNY", 1250 KWD → "1.250 KWD". */
export function formatMinor(minor: number, c: Currency): string {
  return formatAmount(minor, c);
}

/** Minor units and an API's ISO numeric code → "12.50 CNY"; an unknown code shows as it came. */
export function formatApiAmount(minor: number, numeric: string): string {
  const c = findCurrency(numeric);
  return c === undefined ? `${minor} (${numeric})` : formatAmount(minor, c);
}
