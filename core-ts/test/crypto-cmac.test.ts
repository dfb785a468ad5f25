import { aesCmac, fromHex, toHex, verifyAesCmac } from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const c = new NodeCrypto();
const K = fromHex('2B7E151628AED2A6ABF7158809CF4F3C');
const M64 = fromHex(
  '6BC1BEE22E409F96E93D7E117393172A AE2D8A571E03AC9C9EB76FAC45AF8E51 30C81C46A35CE411E5FBC1191A0A52EF F69F2445DF4F9B17AD2B417BE66C3710',
);

describe('AES-CMAC (RFC 4493)', () => {
  it('matches RFC 4493 examples 1-4 (the first two are in docs/emv.md)', () => {
    expect(toHex(aesCmac(c, K, new Uint8Array(0)))).toBe('BB1D6929E95937287FA37D129B756746');
    expect(toHex(aesCmac(c, K, M64.subarray(0, 16)))).toBe('070A16B46B4D4144F79BDD9DD04A287C');
    expect(toHex(aesCmac(c, K, M64.subarray(0, 40)))).toBe('DFA66747DE9AE63030CA32611497C827');
    expect(toHex(aesCmac(c, K, M64))).toBe('51F0BEBF7E3B9D92FC49741779363CFE');
  });

  it('verifies full and truncated tags and rejects any flipped bit', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70 }), fc.integer({ min: 4, max: 16 }), fc.nat(), (msg, len, bit) => {
        const tag = aesCmac(c, K, msg).slice(0, len);
        expect(verifyAesCmac(c, K, msg, tag)).toBe(true);
        const bad = tag.slice(0);
        bad[(bit >>> 3) % len] ^= 1 << (bit & 7);
        expect(verifyAesCmac(c, K, msg, bad)).toBe(false);
      }),
      { numRuns: 100 },
    );
    expect(verifyAesCmac(c, K, M64, aesCmac(c, K, M64).slice(0, 3))).toBe(false);
  });

  it('works with 192- and 256-bit keys and rejects other key sizes', () => {
    expect(aesCmac(c, new Uint8Array(24), M64).length).toBe(16);
    expect(aesCmac(c, new Uint8Array(32), M64).length).toBe(16);
    expect(() => aesCmac(c, new Uint8Array(15), M64)).toThrow(/16, 24 or 32/);
  });
});
