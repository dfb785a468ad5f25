/** Amounts and currencies as people type them ("12.50", "CNY") and as EMV carries them (BCD, ISO 4217 numeric). */
import { CliError } from '../cli-error';

export class Currency {
  constructor(
    readonly alpha: string,
    readonly numeric: number,
    readonly exponent: number,
  ) {}
}

const CURRENCIES: Currency[] = [
  new Currency('CNY', 156, 2),
  new Currency('HKD', 344, 2),
  new Currency('JPY', 392, 0),
  new Currency('SGD', 702, 2),
  new Currency('THB', 764, 2),
  new Currency('MYR', 458, 2),
  new Currency('GBP', 826, 2),
  new Currency('USD', 840, 2),
  new Currency('EUR', 978, 2),
];

/** "CNY", "cny" or "156" → the currency; unknown codes are a BAD_CURRENCY error. */
export function currency(text: string): Currency {
  const t = text.trim().toUpperCase();
  const hit = CURRENCIES.find((c) => c.alpha === t || String(c.numeric).padStart(3, '0') === t.padStart(3, '0'));
  if (hit === undefined) {
    throw new CliError(
      'BAD_CURRENCY',
      `unknown currency "${text}" (known: ${CURRENCIES.map((c) => c.alpha).join(', ')})`,
    );
  }
  return hit;
}

/**
 * "12.50" in a currency with exponent 2 → 1250 minor units. Digits with an optional decimal point, at
 * most 10 before it (EMV's 12-digit amount) and no more decimals than the currency has.
 */
export function minorUnits(text: string, exponent: number): number {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (m === null) {
    throw new CliError('BAD_AMOUNT', `amount "${text}" must be digits with an optional decimal point, e.g. 12.50`);
  }
  if (m[1].replace(/^0+(?=\d)/, '').length > 10) {
    throw new CliError('BAD_AMOUNT', `amount "${text}" is too large: at most 10 digits before the decimal point`);
  }
  const frac = m[2] ?? '';
  if (frac.length > exponent) {
    const allowed = exponent === 0 ? 'no decimals' : `at most ${exponent} decimals`;
    throw new CliError('BAD_AMOUNT', `amount "${text}" has too many decimals: the currency has ${allowed}`);
  }
  return Number(m[1]) * 10 ** exponent + Number(frac.padEnd(exponent, '0') || '0');
}

/** A positive amount in minor units (tap, QR codes): zero is a BAD_AMOUNT error too. */
export function positiveMinorUnits(text: string, exponent: number): number {
  const n = minorUnits(text, exponent);
  if (n <= 0) throw new CliError('BAD_AMOUNT', `amount "${text}" must be more than zero`);
  return n;
}

export function formatMinor(minor: number, c: Currency): string {
  return `${(minor / 10 ** c.exponent).toFixed(c.exponent)} ${c.alpha}`;
}
