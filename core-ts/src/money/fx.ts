/**
 * Currency conversion for cross-currency payments, in exact integer arithmetic (bigint): a payment of
 * `minor` in one currency becomes a billing amount in another at a rate and a markup in basis points,
 * rounded half up to the billing currency's minor unit. Rates are decimal strings (units of the target
 * currency for one unit of the source), so what was applied can be stored and applied again exactly
 * (a refund at the original rate).
 */
import { type Currency, MoneyError } from './currency';

const RATE: RegExp = /^([0-9]{1,12})(?:\.([0-9]{1,20}))?$/;

/** Significant digits of a cross rate: more than any published reference rate has (ECB: 5 to 6). */
export const RATE_DIGITS: number = 10;

function pow10(n: number): bigint {
  let p = BigInt(1);
  for (let i = 0; i < n; i++) {
    p = p * BigInt(10);
  }
  return p;
}

/** "98.1234" → 981234 / 10^4. */
class Decimal {
  readonly units: bigint;
  readonly scale: number;

  constructor(units: bigint, scale: number) {
    this.units = units;
    this.scale = scale;
  }
}

function parseRate(text: string): Decimal {
  const m = RATE.exec(text.trim());
  if (m === null) {
    throw new MoneyError('FX_RATE', `rate "${text}" is not a positive decimal`);
  }
  const frac = m[2] === undefined ? '' : m[2];
  const d = new Decimal(BigInt(`${m[1]}${frac}`), frac.length);
  if (d.units === BigInt(0)) {
    throw new MoneyError('FX_RATE', `rate "${text}" is zero`);
  }
  return d;
}

/** n / d rounded half up (both positive). */
function divRound(n: bigint, d: bigint): bigint {
  return (n * BigInt(2) + d) / (d * BigInt(2));
}

/** True when `text` is a rate this module accepts. */
export function isRate(text: string): boolean {
  const m = RATE.exec(text.trim());
  return m !== null && BigInt(`${m[1]}${m[2] === undefined ? '' : m[2]}`) > BigInt(0);
}

/**
 * The rate from one currency to another when both are quoted against a common base (the ECB's daily
 * reference rates are units of each currency for one euro): to ÷ from, to RATE_DIGITS significant digits.
 */
export function crossRate(fromPerBase: string, toPerBase: string): string {
  const f = parseRate(fromPerBase);
  const t = parseRate(toPerBase);
  // to/from = (t.units / 10^t.scale) / (f.units / 10^f.scale), computed with 40 extra decimals.
  const extra = 40;
  const q = divRound(t.units * pow10(f.scale + extra), f.units * pow10(t.scale));
  const digits = `${q}`;
  const drop = Math.max(0, digits.length - RATE_DIGITS);
  const kept = drop === 0 ? q : divRound(q, pow10(drop));
  const decimals = extra - drop;
  let text = `${kept}`.padStart(decimals + 1, '0');
  if (decimals > 0) {
    text = `${text.slice(0, text.length - decimals)}.${text.slice(text.length - decimals)}`;
  } else {
    text = `${text}${'0'.repeat(-decimals)}`;
  }
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A markup in basis points: 0 to 10000 (100 %). */
export function checkMarkup(bps: number): number {
  if (!Number.isInteger(bps) || bps < 0 || bps > 10000) {
    throw new MoneyError('FX_RATE', `markup ${bps} is not a whole number of basis points from 0 to 10000`);
  }
  return bps;
}

/**
 * `minor` of `from` in `to`'s minor units at `rate` (units of `to` per unit of `from`) plus `markupBps`,
 * rounded half up. The same currency converts 1:1 with no markup.
 */
export function convertAmount(minor: number, from: Currency, to: Currency, rate: string, markupBps: number): number {
  if (from.alpha === to.alpha) {
    return minor;
  }
  const r = parseRate(rate);
  checkMarkup(markupBps);
  const shift = to.exponent - from.exponent;
  const n = BigInt(minor) * r.units * BigInt(10000 + markupBps) * pow10(Math.max(0, shift));
  const d = pow10(r.scale) * BigInt(10000) * pow10(Math.max(0, -shift));
  return Number(divRound(n, d));
}
