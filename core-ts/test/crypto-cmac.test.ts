import { aesCmac, fromHex, toHex, verifyAesCmac } from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountingCrypto } from './counting-crypto';

const c = new NodeCrypto();
const K = fromHex('2B7E151628AED2A6ABF7158809CF4F3C');
const M64 = fromHex(
  '6BC1BEE22E409F96E93D7E117393172A AE2D8A571E03AC9C9EB76FAC45AF8E51 30C81C46A35CE411E5FBC1191A0A52EF F69F2445DF4F9B17AD2B417BE66C3710',
);

/** RFC 4493 section 2.4 step by step: subkeys from E(K, 0), then one aesEncrypt per block. */
function blockByBlockCmac(key: Uint8Array, m: Uint8Array): Uint8Array {
  const dbl = (b: Uint8Array): Uint8Array => {
    const out = b.map((x, i) => ((x << 1) | (i < 15 ? b[i + 1] >>> 7 : 0)) & 0xff);
    if (b[0] & 0x80) out[15] ^= 0x87;
    return out;
  };
  const k1 = dbl(c.aesEncrypt(key, new Uint8Array(16)));
  const n = Math.max(1, Math.ceil(m.length / 16));
  const complete = m.length > 0 && m.length % 16 === 0;
  const last = new Uint8Array(16);
  last.set(m.subarray((n - 1) * 16), 0);
  if (!complete) last[m.length - (n - 1) * 16] = 0x80;
  const sub = complete ? k1 : dbl(k1);
  let x: Uint8Array = new Uint8Array(16);
  for (let b = 0; b < n; b++) {
    const y = b < n - 1 ? m.subarray(b * 16, b * 16 + 16) : last.map((v, i) => v ^ sub[i]);
    x = c.aesEncrypt(
      key,
      x.map((v, i) => v ^ y[i]),
    );
  }
  return x;
}

describe('AES-CMAC (RFC 4493)', () => {
  it('matches RFC 4493 examples 1-4 (the first two are in docs/emv.md)', () => {
    expect(toHex(aesCmac(c, K, new Uint8Array(0)))).toBe('BB1D6929E95937287FA37D129B756746');
    expect(toHex(aesCmac(c, K, M64.subarray(0, 16)))).toBe('070A16B46B4D4144F79BDD9DD04A287C');
    expect(toHex(aesCmac(c, K, M64.subarray(0, 40)))).toBe('DFA66747DE9AE63030CA32611497C827');
    expect(toHex(aesCmac(c, K, M64))).toBe('51F0BEBF7E3B9D92FC49741779363CFE');
  });

  it('matches the NIST SP 800-38B AES-192 and AES-256 examples (D.2, D.3)', () => {
    const k192 = fromHex('8E73B0F7DA0E6452C810F32B809079E562F8EAD2522C6B7B');
    expect(toHex(aesCmac(c, k192, new Uint8Array(0)))).toBe('D17DDF46ADAACDE531CAC483DE7A9367');
    expect(toHex(aesCmac(c, k192, M64.subarray(0, 16)))).toBe('9E99A7BF31E710900662F65E617C5184');
    expect(toHex(aesCmac(c, k192, M64.subarray(0, 40)))).toBe('8A1DE5BE2EB31AAD089A82E6EE908B0E');
    expect(toHex(aesCmac(c, k192, M64))).toBe('A1D5DF0EED790F794D77589659F39A11');
    const k256 = fromHex('603DEB1015CA71BE2B73AEF0857D77811F352C073B6108D72D9810A30914DFF4');
    expect(toHex(aesCmac(c, k256, new Uint8Array(0)))).toBe('028962F61B7BF89EFC6B551F4667D983');
    expect(toHex(aesCmac(c, k256, M64.subarray(0, 16)))).toBe('28A7023F452E8F82BD4BF28D8C37C35C');
    expect(toHex(aesCmac(c, k256, M64.subarray(0, 40)))).toBe('AAF3D8F1DE5640C232F5B169B9C911E6');
    expect(toHex(aesCmac(c, k256, M64))).toBe('E1992190549F6ED5696A2C056C315410');
  });

  it('equals the block-by-block computation over aesEncrypt, in two cipher calls', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(16, 24, 32),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ maxLength: 90 }),
        (kl, raw, msg) => {
          const key = raw.subarray(0, kl);
          const counting = new CountingCrypto(c);
          expect(toHex(aesCmac(counting, key, msg))).toBe(toHex(blockByBlockCmac(key, msg)));
          expect(counting.calls).toBe(2);
        },
      ),
      { numRuns: 150 },
    );
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
