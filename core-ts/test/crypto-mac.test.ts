import { createCipheriv, createDecipheriv } from 'node:crypto';
import {
  ArkPayError,
  fromHex,
  macAlg1,
  padIso7816,
  padIso9797Method1,
  padIso9797Method2,
  retailMac,
  toHex,
  unpadIso9797Method2,
  utf8Encode,
} from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountingCrypto } from './counting-crypto';

const c = new NodeCrypto();
const K = fromHex('0123456789ABCDEFFEDCBA9876543210');

/** Independent single-DES ECB on node:crypto (OpenSSL 3 has no des-ecb: EDE with K‖K collapses to DES). */
function des(key: Uint8Array, block: Uint8Array, decrypt = false): Uint8Array {
  const k = Buffer.concat([key, key]);
  const x = decrypt ? createDecipheriv('des-ede-ecb', k, null) : createCipheriv('des-ede-ecb', k, null);
  x.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([x.update(block), x.final()]));
}

/** Retail MAC the way the core computed it before the port had CBC: one tdesEncrypt per block. */
function blockByBlockRetailMac(key: Uint8Array, padded: Uint8Array): Uint8Array {
  const k1 = Buffer.concat([key.subarray(0, 8), key.subarray(0, 8)]);
  let h: Uint8Array = new Uint8Array(8);
  for (let o = 0; o < padded.length; o += 8) {
    const x = h.map((b, i) => b ^ padded[o + i]);
    h = o + 8 < padded.length ? c.tdesEncrypt(k1, x) : c.tdesEncrypt(key, x);
  }
  return h;
}

/** Retail MAC computed independently: OpenSSL DES-CBC (as EDE K1‖K1 CBC) over all blocks, then D(K2), E(K1). */
function referenceRetailMac(key: Uint8Array, padded: Uint8Array): Uint8Array {
  const k1 = key.subarray(0, 8);
  const k2 = key.subarray(8, 16);
  const cbc = createCipheriv('des-ede-cbc', Buffer.concat([k1, k1]), Buffer.alloc(8));
  cbc.setAutoPadding(false);
  const all = Buffer.concat([cbc.update(padded), cbc.final()]);
  const h = new Uint8Array(all.subarray(all.length - 8));
  return des(k1, des(k2, h, true));
}

describe('ISO 9797-1 padding', () => {
  it('method 1 pads with zeros only when needed; an empty message becomes one zero block', () => {
    expect(toHex(padIso9797Method1(new Uint8Array(0)))).toBe('0000000000000000');
    for (let i = 1; i <= 8; i++) {
      const p = padIso9797Method1(new Uint8Array(i).fill(0x46));
      expect(p.length).toBe(8);
      expect(toHex(p)).toBe('46'.repeat(i) + '00'.repeat(8 - i));
    }
    expect(padIso9797Method1(new Uint8Array(17), 16).length).toBe(32);
  });

  it('method 2 always adds 80 then zeros, a whole block after a full one; 7816-4 is the same', () => {
    expect(toHex(padIso9797Method2(new Uint8Array(0)))).toBe('8000000000000000');
    for (let i = 0; i < 8; i++) {
      expect(toHex(padIso9797Method2(new Uint8Array(i).fill(0x46)))).toBe(`${'46'.repeat(i)}80${'00'.repeat(7 - i)}`);
    }
    expect(toHex(padIso9797Method2(new Uint8Array(8).fill(0x46)))).toBe(`${'46'.repeat(8)}80${'00'.repeat(7)}`);
    expect(toHex(padIso7816(fromHex('0102'), 16))).toBe(toHex(padIso9797Method2(fromHex('0102'), 16)));
  });

  it('method 2 round-trips and rejects what is not method-2 padding', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.constantFrom(8, 16), (d, n) => {
        expect(toHex(unpadIso9797Method2(padIso9797Method2(d, n), n))).toBe(toHex(d));
      }),
    );
    expect(() => unpadIso9797Method2(fromHex('0102030405060700'))).toThrow(ArkPayError);
    expect(() => unpadIso9797Method2(fromHex('0102030405068000FF'))).toThrow(/whole number of blocks/);
    expect(() => unpadIso9797Method2(fromHex('8000000000000000 0000000000000000'))).toThrow(/PADDING|padding/);
  });
});

describe('ISO 9797-1 MAC algorithm 3 (retail MAC)', () => {
  it('matches the published answer for "Now is the time for all " (docs/emv.md, test values)', () => {
    const mac = retailMac(c, K, padIso9797Method1(utf8Encode('Now is the time for all ')));
    expect(toHex(mac)).toBe('A1C72E74EA3FA9B6');
  });

  it('matches pyemv mac_iso9797_3 "hello world" with padding methods 1 and 2', () => {
    const k = fromHex('AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB');
    expect(toHex(retailMac(c, k, padIso9797Method1(utf8Encode('hello world'))))).toBe('78DA3D3DEB48FD4D');
    expect(toHex(retailMac(c, k, padIso9797Method2(utf8Encode('hello world'))))).toBe('2BC2D9EDE0CF31F6');
  });

  it('equals an independent computation on node:crypto for random keys and messages', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ maxLength: 100 }), (key, msg) => {
        const padded = padIso9797Method2(msg);
        expect(toHex(retailMac(c, key, padded))).toBe(toHex(referenceRetailMac(key, padded)));
      }),
      { numRuns: 200 },
    );
  });

  it('equals the block-by-block chain over the port for random keys and messages', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ maxLength: 100 }), (key, msg) => {
        const padded = padIso9797Method2(msg);
        expect(toHex(retailMac(c, key, padded))).toBe(toHex(blockByBlockRetailMac(key, padded)));
      }),
      { numRuns: 200 },
    );
  });

  it('costs two cipher calls however long the data (one CBC chain, one final TDES)', () => {
    const counting = new CountingCrypto(c);
    const padded = padIso9797Method2(new Uint8Array(60).fill(0x5a));
    expect(padded.length / 8).toBe(8);
    retailMac(counting, K, padded);
    expect(counting.calls).toBe(2);
    counting.calls = 0;
    retailMac(counting, K, padded.subarray(0, 8));
    expect(counting.calls).toBe(1);
  });

  it('rejects a key that is not 16 bytes and data that is not whole blocks', () => {
    expect(() => retailMac(c, K.subarray(0, 8), new Uint8Array(8))).toThrow(/16 bytes/);
    expect(() => retailMac(c, K, new Uint8Array(7))).toThrow(/whole 8-byte blocks/);
    expect(() => retailMac(c, K, new Uint8Array(0))).toThrow(ArkPayError);
  });
});

describe('ISO 9797-1 MAC algorithm 1 (CBC-MAC)', () => {
  it('with a single-DES key equals the last block of DES-CBC', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.uint8Array({ maxLength: 80 }), (key, msg) => {
        const padded = padIso9797Method1(msg);
        const cbc = createCipheriv('des-ede-cbc', Buffer.concat([key, key]), Buffer.alloc(8));
        cbc.setAutoPadding(false);
        const all = Buffer.concat([cbc.update(padded), cbc.final()]);
        expect(toHex(macAlg1(c, key, padded))).toBe(toHex(new Uint8Array(all.subarray(all.length - 8))));
      }),
      { numRuns: 100 },
    );
  });

  it('with a single-DES key gives the FIPS 113 / ANSI X9.9 MAC of "7654321 Now is the time for ", in one cipher call', () => {
    const counting = new CountingCrypto(c);
    const mac = macAlg1(
      counting,
      fromHex('0123456789ABCDEF'),
      padIso9797Method1(utf8Encode('7654321 Now is the time for ')),
    );
    expect(toHex(mac)).toBe('F1D30F6849312CA4');
    expect(counting.calls).toBe(1);
  });

  it('with a TDES key equals the last block of TDES-CBC, and differs from the retail MAC', () => {
    const padded = padIso9797Method2(utf8Encode('ArkPay MAC algorithm 1 check'));
    const cbc = createCipheriv('des-ede-cbc', K, Buffer.alloc(8));
    cbc.setAutoPadding(false);
    const all = Buffer.concat([cbc.update(padded), cbc.final()]);
    const mac1 = macAlg1(c, K, padded);
    expect(toHex(mac1)).toBe(toHex(new Uint8Array(all.subarray(all.length - 8))));
    expect(toHex(mac1)).not.toBe(toHex(retailMac(c, K, padded)));
    // single block: algorithm 3 with K1‖K2 is the TDES encryption, i.e. algorithm 1 under TDES
    const one = fromHex('0011223344556677');
    expect(toHex(retailMac(c, K, one))).toBe(toHex(macAlg1(c, K, one)));
    expect(toHex(macAlg1(c, K, one))).toBe(toHex(c.tdesEncrypt(K, one)));
  });

  it('rejects bad key lengths', () => {
    expect(() => macAlg1(c, new Uint8Array(10), new Uint8Array(8))).toThrow(/8, 16 or 24/);
  });
});
