/** ISO 4217 currencies: lookup by alphabetic or numeric code, with the exponent of the minor unit. */
import { ArkPayError } from '../errors';
import { ISO_4217_TABLE } from './iso4217';

/**
 * Codes: CURRENCY_UNKNOWN (not an ISO 4217 code), AMOUNT_FORMAT (not a decimal in the currency's
 * exponent), AMOUNT_RANGE (zero, negative or more than EMV's 12 digits), FX_RATE (a rate that is not a
 * positive decimal).
 */
export class MoneyError extends ArkPayError {
  constructor(code: string, message: string) {
    super(code, message);
    this.name = 'MoneyError';
  }
}

export class Currency {
  /** "CNY". */
  readonly alpha: string;
  /** "156": three digits, as EMV 5F2A (BCD) and QR field 53 carry it. */
  readonly numeric: string;
  /** Minor unit: amounts are integers of 10^-exponent of the major unit. */
  readonly exponent: number;

  constructor(alpha: string, numeric: string, exponent: number) {
    this.alpha = alpha;
    this.numeric = numeric;
    this.exponent = exponent;
  }

  /** The numeric code as a number (EMV terminal configuration). */
  get code(): number {
    return Number(this.numeric);
  }
}

const BY_ALPHA: Map<string, Currency> = new Map<string, Currency>();
const BY_NUMERIC: Map<string, Currency> = new Map<string, Currency>();

for (const row of ISO_4217_TABLE.split(/[|\n]/)) {
  const parts = row.trim().split(' ');
  if (parts.length === 3) {
    const c = new Currency(parts[0], parts[1], Number(parts[2]));
    BY_ALPHA.set(c.alpha, c);
    BY_NUMERIC.set(c.numeric, c);
  }
}

/** Every currency of the table, in alphabetic order. */
export function allCurrencies(): Currency[] {
  return Array.from(BY_ALPHA.values());
}

/** The currency for "CNY", "cny", "156" or 156; undefined when the code is not in ISO 4217. */
export function findCurrency(code: string | number): Currency | undefined {
  const text = `${code}`.trim().toUpperCase();
  if (/^[0-9]{1,3}$/.test(text)) {
    return BY_NUMERIC.get(text.padStart(3, '0'));
  }
  return BY_ALPHA.get(text);
}

/** As findCurrency, or MoneyError CURRENCY_UNKNOWN. */
export function currencyOf(code: string | number): Currency {
  const c = findCurrency(code);
  if (c === undefined) {
    throw new MoneyError('CURRENCY_UNKNOWN', `"${code}" is not an ISO 4217 currency code`);
  }
  return c;
}
