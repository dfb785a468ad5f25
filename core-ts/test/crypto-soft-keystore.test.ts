import { fromHex, padIso9797Method2, retailMac, SoftKeyStore, toHex, utf8Encode } from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import { describe, expect, it } from 'vitest';
import { errorCode as code } from './error-code';

const c = new NodeCrypto();
const K = fromHex('0123456789ABCDEFFEDCBA9876543210');

describe('SoftKeyStore', () => {
  it('computes with a stored key exactly as the raw-key functions do', () => {
    const ks = new SoftKeyStore(c);
    ks.importKey('sk', K);
    const data = padIso9797Method2(utf8Encode('cryptogram input'));
    expect(toHex(ks.retailMac('sk', data))).toBe(toHex(retailMac(c, K, data)));
    expect(toHex(ks.tdesEncrypt('sk', data))).toBe(toHex(c.tdesEncrypt(K, data)));
  });

  it('keeps its own copy: changing the caller buffer after import changes nothing', () => {
    const ks = new SoftKeyStore(c);
    const k = K.slice(0);
    ks.importKey('sk', k);
    k.fill(0);
    expect(toHex(ks.tdesEncrypt('sk', new Uint8Array(8)))).toBe(toHex(c.tdesEncrypt(K, new Uint8Array(8))));
  });

  it('has, deletes (idempotently) and then refuses to use a key', () => {
    const ks = new SoftKeyStore(c);
    expect(ks.hasKey('a')).toBe(false);
    ks.importKey('a', K);
    expect(ks.hasKey('a')).toBe(true);
    ks.deleteKey('a');
    ks.deleteKey('a');
    expect(ks.hasKey('a')).toBe(false);
    expect(code(() => ks.retailMac('a', new Uint8Array(8)))).toBe('KEY_NOT_FOUND');
    expect(code(() => ks.tdesEncrypt('a', new Uint8Array(8)))).toBe('KEY_NOT_FOUND');
  });

  it('reports typed errors for taken aliases, bad keys and bad data, never with key bytes', () => {
    const ks = new SoftKeyStore(c);
    ks.importKey('a', K);
    expect(code(() => ks.importKey('a', K))).toBe('KEY_EXISTS');
    expect(code(() => ks.importKey('b', new Uint8Array(8)))).toBe('KEY_INVALID');
    expect(code(() => ks.tdesEncrypt('a', new Uint8Array(5)))).toBe('DATA_INVALID');
    expect(code(() => ks.retailMac('a', new Uint8Array(5)))).toBe('MAC_DATA_INVALID');
    try {
      ks.importKey('a', K);
    } catch (e) {
      expect(String((e as Error).message)).not.toContain(toHex(K).substring(0, 8));
    }
  });

  it('a 24-byte (3-key) TDES key works for TDES but not for the 2-key retail MAC', () => {
    const ks = new SoftKeyStore(c);
    const k3 = fromHex('0123456789ABCDEFFEDCBA987654321089ABCDEF01234567');
    ks.importKey('k3', k3);
    expect(toHex(ks.tdesEncrypt('k3', new Uint8Array(8)))).toBe(toHex(c.tdesEncrypt(k3, new Uint8Array(8))));
    expect(code(() => ks.retailMac('k3', new Uint8Array(8)))).toBe('KEY_INVALID');
  });
});
