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

/** "12.50" in a currency with exponent 2 → 1250 minor units; more decimals than the currency has is an error. */
export function minorUnits(text: string, exponent: number): number {
  const m = /^(\d{1,10})(?:\.(\d+))?$/.exec(text.trim());
  if (m === null) throw new CliError('BAD_AMOUNT', `amount "${text}" must be digits with an optional decimal point`);
  const frac = m[2] ?? '';
  if (frac.length > exponent) throw new CliError('BAD_AMOUNT', `amount "${text}" has more than ${exponent} decimals`);
  return Number(m[1]) * 10 ** exponent + Number(frac.padEnd(exponent, '0') || '0');
}

/** n → n digits of BCD in `bytes` bytes (9F02 is 6 bytes: 12 digits). */
export function bcd(n: number, bytes: number): Uint8Array {
  const digits = String(n).padStart(bytes * 2, '0');
  if (digits.length > bytes * 2) throw new CliError('BAD_AMOUNT', `${n} does not fit ${bytes} BCD bytes`);
  return new Uint8Array(Buffer.from(digits, 'hex'));
}

export function formatMinor(minor: number, c: Currency): string {
  return `${(minor / 10 ** c.exponent).toFixed(c.exponent)} ${c.alpha}`;
}
