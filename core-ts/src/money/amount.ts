/**
 * Amounts are integers in the minor unit of their currency. These convert them from and to the decimal
 * text people type and QR field 54 carries ("12.50" CNY, "1250" JPY, "1.250" KWD), and display them.
 */
import { type Currency, MoneyError } from './currency';

/** EMV 9F02 is n12: at most 12 digits of minor units. */
export const MAX_MINOR: number = 999999999999;

const DECIMAL: RegExp = /^([0-9]+)(?:\.([0-9]+))?$/;

/**
 * "12.50" in CNY → 1250; "0" → 0 (limits and refunds may be zero; payments use parseAmount). No more
 * decimals than the currency has, digits and one point only, at most 12 digits of minor units.
 * MoneyError AMOUNT_FORMAT or AMOUNT_RANGE.
 */
export function parseMinorUnits(text: string, c: Currency): number {
  const m = DECIMAL.exec(text.trim());
  if (m === null) {
    throw new MoneyError('AMOUNT_FORMAT', `amount "${text}" is not a decimal number such as 12.50`);
  }
  const frac = m[2] === undefined ? '' : m[2];
  if (frac.length > c.exponent) {
    const allowed = c.exponent === 0 ? 'no decimals' : `at most ${c.exponent} decimals`;
    throw new MoneyError('AMOUNT_FORMAT', `amount "${text}": ${c.alpha} has ${allowed}`);
  }
  const digits = `${m[1]}${frac.padEnd(c.exponent, '0')}`.replace(/^0+(?=[0-9])/, '');
  if (digits.length > 12) {
    throw new MoneyError('AMOUNT_RANGE', `amount "${text}" is more than 12 digits of ${c.alpha} minor units`);
  }
  return Number(digits);
}

/** A payment amount: as parseMinorUnits, and more than zero (MoneyError AMOUNT_RANGE). */
export function parseAmount(text: string, c: Currency): number {
  const minor = parseMinorUnits(text, c);
  if (minor <= 0) {
    throw new MoneyError('AMOUNT_RANGE', `amount "${text}" must be more than zero`);
  }
  return minor;
}

/** 1250 CNY → "12.50"; 1250 JPY → "1250"; 1250 KWD → "1.250" (QR field 54, no grouping). */
export function decimalAmount(minor: number, c: Currency): string {
  const negative = minor < 0;
  const digits = `${Math.abs(Math.trunc(minor))}`.padStart(c.exponent + 1, '0');
  const whole = digits.slice(0, digits.length - c.exponent);
  const frac = digits.slice(digits.length - c.exponent);
  return `${negative ? '-' : ''}${whole}${c.exponent > 0 ? `.${frac}` : ''}`;
}

/** Symbols shown before the amount; every other currency shows its code after it. */
const SYMBOLS: Map<string, string> = new Map<string, string>([
  ['CNY', '¥'],
  ['JPY', '¥'],
  ['USD', '$'],
  ['EUR', '€'],
  ['GBP', '£'],
  ['KRW', '₩'],
  ['RUB', '₽'],
  ['THB', '฿'],
  ['HKD', 'HK$'],
  ['SGD', 'S$'],
]);

function grouped(decimal: string): string {
  const point = decimal.indexOf('.');
  const whole = point < 0 ? decimal : decimal.slice(0, point);
  const rest = point < 0 ? '' : decimal.slice(point);
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = sign === '' ? whole : whole.slice(1);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) {
    groups.unshift(digits.slice(Math.max(0, end - 3), end));
  }
  return `${sign}${groups.join(',')}${rest}`;
}

/** For people, with the code: 1250 CNY → "12.50 CNY", 1250 KWD → "1.250 KWD", 125000 JPY → "125,000 JPY". */
export function formatAmount(minor: number, c: Currency): string {
  return `${grouped(decimalAmount(minor, c))} ${c.alpha}`;
}

/** For people, with the symbol where the currency has a common one: 1250 JPY → "¥1,250"; else as formatAmount. */
export function formatAmountSymbol(minor: number, c: Currency): string {
  const symbol = SYMBOLS.get(c.alpha);
  if (symbol === undefined) {
    return formatAmount(minor, c);
  }
  const text = grouped(decimalAmount(minor, c));
  return text.startsWith('-') ? `-${symbol}${text.slice(1)}` : `${symbol}${text}`;
}
