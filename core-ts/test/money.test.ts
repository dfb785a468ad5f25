import {
  allCurrencies,
  convertAmount,
  crossRate,
  currencyOf,
  decimalAmount,
  findCurrency,
  formatAmount,
  formatAmountSymbol,
  MoneyError,
  parseAmount,
  parseMinorUnits,
} from '@arkpay/core/money';
import cc from 'currency-codes';
import Decimal from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** ISO 4217 gives these "N.A." minor units: nothing is paid in them. */
const NOT_PAYABLE = ['XAG', 'XAU', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XPD', 'XPT', 'XSU', 'XTS', 'XUA', 'XXX'];

describe('ISO 4217 table', () => {
  it('matches an independent copy of the list, code for code', () => {
    const reference = cc.data
      .filter((r) => !NOT_PAYABLE.includes(r.code))
      .map((r) => `${r.code} ${r.number} ${r.digits}`)
      .sort();
    const ours = allCurrencies()
      .map((c) => `${c.alpha} ${c.numeric} ${c.exponent}`)
      .sort();
    expect(ours).toEqual(reference);
    expect(ours.length).toBeGreaterThan(150);
  });

  it('finds a currency by alphabetic or numeric code, and refuses others with a code', () => {
    expect(findCurrency('jpy')?.exponent).toBe(0);
    expect(findCurrency(410)?.alpha).toBe('KRW');
    expect(findCurrency('048')?.alpha).toBe('BHD');
    expect(findCurrency('48')?.alpha).toBe('BHD');
    expect(currencyOf('KWD').exponent).toBe(3);
    expect(currencyOf('156').alpha).toBe('CNY');
    expect(findCurrency('XAU')).toBeUndefined();
    expect(() => currencyOf('ABC')).toThrow(MoneyError);
    try {
      currencyOf('999');
    } catch (e) {
      expect((e as MoneyError).code).toBe('CURRENCY_UNKNOWN');
    }
  });
});

describe('amounts', () => {
  const CNY = currencyOf('CNY');
  const JPY = currencyOf('JPY');
  const KWD = currencyOf('KWD');

  it('displays by the currency', () => {
    expect(formatAmountSymbol(1250, JPY)).toBe('¥1,250');
    expect(formatAmount(1250, CNY)).toBe('12.50 CNY');
    expect(formatAmount(1250, KWD)).toBe('1.250 KWD');
    expect(formatAmount(123456789, CNY)).toBe('1,234,567.89 CNY');
    expect(formatAmountSymbol(5, CNY)).toBe('¥0.05');
    expect(formatAmountSymbol(-1250, currencyOf('USD'))).toBe('-$12.50');
    expect(formatAmountSymbol(1250, currencyOf('BHD'))).toBe('1.250 BHD');
  });

  it('writes QR field 54 text by the exponent', () => {
    expect(decimalAmount(1250, CNY)).toBe('12.50');
    expect(decimalAmount(1250, JPY)).toBe('1250');
    expect(decimalAmount(1250, KWD)).toBe('1.250');
    expect(decimalAmount(7, KWD)).toBe('0.007');
  });

  it('parses what people type, refusing more decimals than the currency has', () => {
    expect(parseAmount('12.5', CNY)).toBe(1250);
    expect(parseAmount('1250', JPY)).toBe(1250);
    expect(parseAmount('1.25', KWD)).toBe(1250);
    expect(parseAmount('0.001', KWD)).toBe(1);
    const bad: [string, string][] = [
      ['12.5', 'JPY'],
      ['1.2345', 'KWD'],
      ['12,50', 'CNY'],
      ['-1', 'CNY'],
      ['0.00', 'CNY'],
      ['10000000000', 'CNY'],
      ['', 'CNY'],
    ];
    for (const [text, code] of bad) {
      expect(() => parseAmount(text, currencyOf(code)), `${text} ${code}`).toThrow(MoneyError);
    }
  });

  it('parses zero where zero is allowed (limits, refunds), never for a payment', () => {
    expect(parseMinorUnits('0', CNY)).toBe(0);
    expect(parseMinorUnits('0.000', KWD)).toBe(0);
    expect(parseMinorUnits('5000.00', CNY)).toBe(500000);
    expect(() => parseMinorUnits('0.0', JPY)).toThrow(MoneyError);
    expect(() => parseAmount('0', KWD)).toThrow(MoneyError);
  });

  it('reads back what it writes, for every currency', () => {
    const all = allCurrencies();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999_999_999 }), fc.integer({ min: 0, max: all.length - 1 }), (n, i) => {
        const c = all[i];
        return parseAmount(decimalAmount(n, c), c) === n;
      }),
    );
  });
});

describe('conversion', () => {
  const RUB = currencyOf('RUB');
  const CNY = currencyOf('CNY');
  const JPY = currencyOf('JPY');
  const KWD = currencyOf('KWD');

  it('converts worked examples by hand', () => {
    // 1,000.00 RUB at 0.0725 CNY/RUB, 1 % markup: 1000 × 0.0725 × 1.01 = 73.2250 → 73.23 CNY (half up).
    expect(convertAmount(100000, RUB, CNY, '0.0725', 100)).toBe(7323);
    // ¥1,250 JPY at 0.0481 CNY/JPY, no markup: 60.125 → 60.13 CNY.
    expect(convertAmount(1250, JPY, CNY, '0.0481', 0)).toBe(6013);
    // 1.250 KWD at 23.12 CNY/KWD: 28.90 CNY.
    expect(convertAmount(1250, KWD, CNY, '23.12', 0)).toBe(2890);
    // 10.00 CNY at 20.6 JPY/CNY: ¥206.
    expect(convertAmount(1000, CNY, JPY, '20.6', 0)).toBe(206);
    expect(convertAmount(1000, CNY, CNY, '7', 250)).toBe(1000);
    expect(() => convertAmount(1, RUB, CNY, '0', 0)).toThrow(MoneyError);
    expect(() => convertAmount(1, RUB, CNY, '1e3', 0)).toThrow(MoneyError);
    expect(() => convertAmount(1, RUB, CNY, '1', -1)).toThrow(MoneyError);
  });

  it('cross rates from euro reference rates keep ten significant digits', () => {
    // ECB-style table, units per euro: CNY 7.8509, JPY 156.33, KWD 0.3395, RUB 98.5.
    expect(crossRate('7.8509', '156.33')).toBe('19.91236674');
    expect(crossRate('0.3395', '7.8509')).toBe('23.12488954');
    expect(crossRate('98.5', '7.8509')).toBe('0.07970456853');
    expect(crossRate('1', '1')).toBe('1');
    expect(crossRate('3', '300000')).toBe('100000');
  });

  it('agrees with decimal.js on random amounts, rates and markups', () => {
    const all = allCurrencies();
    Decimal.set({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 999_999_999 }),
        fc.integer({ min: 1, max: 99_999_999 }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: all.length - 1 }),
        fc.integer({ min: 0, max: all.length - 1 }),
        (amount, units, scale, bps, i, j) => {
          const from = all[i];
          const to = all[j];
          const rate = new Decimal(units).div(new Decimal(10).pow(scale)).toFixed(scale);
          const expected =
            from.alpha === to.alpha
              ? amount
              : new Decimal(amount)
                  .div(new Decimal(10).pow(from.exponent))
                  .mul(rate)
                  .mul(new Decimal(10000 + bps).div(10000))
                  .mul(new Decimal(10).pow(to.exponent))
                  .toDecimalPlaces(0, Decimal.ROUND_HALF_UP)
                  .toNumber();
          return convertAmount(amount, from, to, rate, bps) === expected;
        },
      ),
    );
  });

  it('cross rates agree with decimal.js to ten significant digits', () => {
    Decimal.set({ precision: 60, rounding: Decimal.ROUND_HALF_UP });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), fc.integer({ min: 1, max: 99_999_999 }), (a, b) => {
        const from = (a / 10000).toFixed(4);
        const to = (b / 1000).toFixed(3);
        const expected = new Decimal(to).div(from).toSignificantDigits(10, Decimal.ROUND_HALF_UP);
        return new Decimal(crossRate(from, to)).eq(expected);
      }),
    );
  });
});
