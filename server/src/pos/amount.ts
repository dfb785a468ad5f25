/** Amounts as the POS pages send them ("12.50") → minor units, by the currency's ISO 4217 exponent. */
const EXPONENTS = new Map<number, number>([
  [392, 0],
  [410, 0],
]);

export function currencyExponent(currency: number): number {
  return EXPONENTS.get(currency) ?? 2;
}

/** Minor units, or a message saying what is wrong. */
export function parseAmount(text: unknown, currency: number): number | string {
  const exp = currencyExponent(currency);
  const m = /^(\d{1,9})(?:\.(\d+))?$/.exec(String(text ?? ''));
  if (m === null || (m[2] ?? '').length > exp) return `amount: a positive decimal with at most ${exp} decimals`;
  const minor = Number(m[1]) * 10 ** exp + Number((m[2] ?? '').padEnd(exp, '0') || '0');
  return minor > 0 ? minor : 'amount: must be positive';
}

export function parseCurrency(v: unknown): number | string {
  const n = Number(v ?? 156);
  return Number.isInteger(n) && n >= 1 && n <= 999 ? n : 'currency: ISO 4217 numeric';
}
