/**
 * The CryptoPort's CBC primitives (one cipher set-up per chain, what the MACs stand on): published answers,
 * equality with the block-by-block chain over the port's ECB calls, and the errors for bad input.
 */
import { ArkPayError, fromHex, toHex, utf8Encode } from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const c = new NodeCrypto();

/** CBC as the textbook chain: xor the previous ciphertext block in, encrypt one block at a time. */
function blockByBlock(ecb: (block: Uint8Array) => Uint8Array, n: number, iv: Uint8Array, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let o = 0; o < data.length; o += n) {
    const x = new Uint8Array(n);
    for (let i = 0; i < n; i++) x[i] = prev[i] ^ data[o + i];
    prev = ecb(x);
    out.set(prev, o);
  }
  return out;
}

function codeOf(f: () => void): string {
  try {
    f();
    return 'none';
  } catch (e) {
    return e instanceof ArkPayError ? e.code : `untyped: ${String(e)}`;
  }
}

/** "7654321 Now is the time for " and zeros to 32 bytes: the DES test text of FIPS 113 / ANSI X9.9 and SSLeay's destest. */
const NOW = new Uint8Array(32);
NOW.set(utf8Encode('7654321 Now is the time for '), 0);
const DES_K_K = fromHex('0123456789ABCDEF0123456789ABCDEF');

describe('CryptoPort.tdesCbcEncrypt', () => {
  it('matches the published DES-CBC and 3-key TDES-CBC answers (SSLeay/OpenSSL destest, also in EDK2)', () => {
    // single DES K as the 2-key TDES key K‖K
    expect(toHex(c.tdesCbcEncrypt(DES_K_K, fromHex('FEDCBA9876543210'), NOW))).toBe(
      'CCD173FFAB2039F4ACD8AEFDDFD8A1EB468E91157888BA681D269397F7FE62B4',
    );
    const k3 = fromHex('0123456789ABCDEF F1E0D3C2B5A49786 FEDCBA9876543210');
    expect(toHex(c.tdesCbcEncrypt(k3, fromHex('FEDCBA9876543210'), NOW))).toBe(
      '3FE301C962AC01D02213763C1CBD4CDC799657C064ECF5D41C673812CFDE9675',
    );
  });

  it('ends in the FIPS 113 / ANSI X9.9 DES MAC F1D30F68... with IV zero', () => {
    const out = c.tdesCbcEncrypt(DES_K_K, new Uint8Array(8), NOW);
    expect(toHex(out.subarray(24))).toBe('F1D30F6849312CA4');
  });

  it('equals the block-by-block chain over tdesEncrypt for random 2- and 3-key TDES', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(16, 24),
        fc.uint8Array({ minLength: 24, maxLength: 24 }),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 12 }),
        fc.uint8Array({ minLength: 96, maxLength: 96 }),
        (kl, raw, iv, blocks, bytes) => {
          const key = raw.subarray(0, kl);
          const data = bytes.subarray(0, blocks * 8);
          const ref = blockByBlock((b) => c.tdesEncrypt(key, b), 8, iv, data);
          expect(toHex(c.tdesCbcEncrypt(key, iv, data))).toBe(toHex(ref));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects an IV that is not 8 bytes and data that is empty or not whole blocks', () => {
    expect(codeOf(() => c.tdesCbcEncrypt(DES_K_K, new Uint8Array(16), NOW))).toBe('CRYPTO_IV_LENGTH');
    expect(codeOf(() => c.tdesCbcEncrypt(DES_K_K, new Uint8Array(8), NOW.subarray(0, 12)))).toBe('CRYPTO_DATA_LENGTH');
    expect(codeOf(() => c.tdesCbcEncrypt(DES_K_K, new Uint8Array(8), new Uint8Array(0)))).toBe('CRYPTO_DATA_LENGTH');
  });
});

/** NIST SP 800-38A appendix F.2: the four-block plaintext, IV 000102...0F. */
const SP38A_P = fromHex(
  '6BC1BEE22E409F96E93D7E117393172A AE2D8A571E03AC9C9EB76FAC45AF8E51 30C81C46A35CE411E5FBC1191A0A52EF F69F2445DF4F9B17AD2B417BE66C3710',
);
const SP38A_IV = fromHex('000102030405060708090A0B0C0D0E0F');

describe('CryptoPort.aesCbcEncrypt', () => {
  it('matches NIST SP 800-38A F.2.1 (CBC-AES128) and F.2.5 (CBC-AES256)', () => {
    expect(toHex(c.aesCbcEncrypt(fromHex('2B7E151628AED2A6ABF7158809CF4F3C'), SP38A_IV, SP38A_P))).toBe(
      '7649ABAC8119B246CEE98E9B12E9197D5086CB9B507219EE95DB113A917678B273BED6B8E3C1743B7116E69E222295163FF1CAA1681FAC09120ECA307586E1A7',
    );
    const k256 = fromHex('603DEB1015CA71BE2B73AEF0857D77811F352C073B6108D72D9810A30914DFF4');
    expect(toHex(c.aesCbcEncrypt(k256, SP38A_IV, SP38A_P))).toBe(
      'F58C4C04D6E5F1BA779EABFB5F7BFBD69CFC4E967EDB808D679F777BC6702C7D39F23369A9D9BACFA530E26304231461B2EB05E2C39BE9FCDA6C19078C6A9D1B',
    );
  });

  it('equals the block-by-block chain over aesEncrypt for random keys of every size', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(16, 24, 32),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.integer({ min: 1, max: 8 }),
        fc.uint8Array({ minLength: 128, maxLength: 128 }),
        (kl, raw, iv, blocks, bytes) => {
          const key = raw.subarray(0, kl);
          const data = bytes.subarray(0, blocks * 16);
          const ref = blockByBlock((b) => c.aesEncrypt(key, b), 16, iv, data);
          expect(toHex(c.aesCbcEncrypt(key, iv, data))).toBe(toHex(ref));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects an IV that is not 16 bytes and data that is empty or not whole blocks', () => {
    const k = new Uint8Array(16);
    expect(codeOf(() => c.aesCbcEncrypt(k, new Uint8Array(8), SP38A_P))).toBe('CRYPTO_IV_LENGTH');
    expect(codeOf(() => c.aesCbcEncrypt(k, SP38A_IV, SP38A_P.subarray(0, 20)))).toBe('CRYPTO_DATA_LENGTH');
    expect(codeOf(() => c.aesCbcEncrypt(k, SP38A_IV, new Uint8Array(0)))).toBe('CRYPTO_DATA_LENGTH');
  });
});
