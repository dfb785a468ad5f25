import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { fromHex, Sm3, Sm4, sm3, sm4DecryptEcb, sm4EncryptEcb, toHex, utf8Encode } from '@arkpay/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const nodeSm3 = (d: Uint8Array): string => createHash('sm3').update(d).digest('hex').toUpperCase();
const nodeSm4 = (key: Uint8Array, d: Uint8Array, decrypt: boolean): string => {
  const x = decrypt ? createDecipheriv('sm4-ecb', key, null) : createCipheriv('sm4-ecb', key, null);
  x.setAutoPadding(false);
  return Buffer.concat([x.update(d), x.final()])
    .toString('hex')
    .toUpperCase();
};

describe('SM3 (GB/T 32905)', () => {
  it('matches the GM/T known answers for "abc" and "abcd" × 16', () => {
    expect(toHex(sm3(utf8Encode('abc')))).toBe('66C7F0F462EEEDD9D1F2D46BDC10E4E24167C4875CF2F7A2297DA02B8F4BA8E0');
    expect(toHex(sm3(utf8Encode('abcd'.repeat(16))))).toBe(
      'DEBE9FF92275B8A138604889C18E5A4D6FDB70E5387E5765293DCBA39C0C5732',
    );
  });

  it('equals node:crypto sm3 on random input, every length around the padding boundaries', () => {
    for (let n = 0; n <= 130; n++) {
      const d = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(toHex(sm3(d))).toBe(nodeSm3(d));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (d) => {
        expect(toHex(sm3(d))).toBe(nodeSm3(d));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same digest however the input is split across update calls', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 6 }), (d, cuts) => {
        const h = new Sm3();
        let off = 0;
        for (const cut of cuts) {
          const end = Math.min(d.length, off + (cut % 100));
          h.update(d.subarray(off, end));
          off = end;
        }
        h.update(d.subarray(off));
        expect(toHex(h.digest())).toBe(toHex(sm3(d)));
      }),
    );
  });

  it('refuses to be used after digest()', () => {
    const h = new Sm3().update(utf8Encode('abc'));
    h.digest();
    expect(() => h.digest()).toThrow(/already/);
    expect(() => h.update(new Uint8Array(1))).toThrow(/already/);
  });
});

describe('SM4 (GB/T 32907)', () => {
  const K = fromHex('0123456789ABCDEFFEDCBA9876543210');

  it('matches the GM/T ECB known answer and decrypts it back', () => {
    expect(toHex(sm4EncryptEcb(K, K))).toBe('681EDF34D206965E86B3E94F536E4246');
    expect(toHex(sm4DecryptEcb(K, fromHex('681EDF34D206965E86B3E94F536E4246')))).toBe(toHex(K));
  });

  it('matches the GM/T 1,000,000-iteration known answer (encrypt the block with the same key 10^6 times)', () => {
    const s = new Sm4(K);
    let x = K;
    for (let i = 0; i < 1_000_000; i++) x = s.encrypt(x);
    expect(toHex(x)).toBe('595298C7C6FD271F0402F804C33D3F66');
  });

  it('equals node:crypto sm4-ecb in both directions on random keys and data', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 0, max: 8 }).chain((n) => fc.uint8Array({ minLength: 16 * n, maxLength: 16 * n })),
        (key, d) => {
          const s = new Sm4(key);
          expect(toHex(s.encrypt(d))).toBe(nodeSm4(key, d, false));
          expect(toHex(s.decrypt(d))).toBe(nodeSm4(key, d, true));
          expect(toHex(s.decrypt(s.encrypt(d)))).toBe(toHex(d));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects a wrong key size and partial blocks', () => {
    expect(() => new Sm4(new Uint8Array(15))).toThrow(/16 bytes/);
    expect(() => new Sm4(K).encrypt(new Uint8Array(15))).toThrow(/whole 16-byte blocks/);
  });
});
