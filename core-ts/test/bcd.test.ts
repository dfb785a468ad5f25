import { ArkPayError, fromBcd, fromHex, toBcd, toHex } from '@arkpay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('BCD (format n)', () => {
  it('right-aligns digits, two a byte', () => {
    expect(toHex(toBcd(1234, 6))).toBe('000000001234');
    expect(toHex(toBcd('156', 2))).toBe('0156');
    expect(toHex(toBcd(0, 2))).toBe('0000');
  });

  it('refuses what is not a number that fits, with a code', () => {
    for (const bad of [-1, 1.5, 10000, Number.NaN]) {
      expect(() => toBcd(bad, 2)).toThrow(ArkPayError);
    }
    expect(() => toBcd('12a', 2)).toThrow(/digits/);
    expect(() => toBcd('', 2)).toThrow(ArkPayError);
  });

  it('reads back what it writes, and -1 for a nibble above 9', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 999999999999 }), (n) => fromBcd(toBcd(n, 6)) === n));
    expect(fromBcd(fromHex('0A00'))).toBe(-1);
    expect(fromBcd(fromHex('00F0'))).toBe(-1);
  });
});
