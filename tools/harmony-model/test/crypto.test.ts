import { createCipheriv, createECDH } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as cf from '../src/crypto/crypto-framework';

const hex = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

function codeOf(f: () => void): number {
  try {
    f();
    return 0;
  } catch (e) {
    return (e as { code: number }).code;
  }
}

describe('cryptoFramework model', () => {
  it('AES-128 ECB matches FIPS 197 C.1 and rejects a partial block (17630001)', () => {
    const key = cf.createSymKeyGenerator('AES128').convertKeySync({ data: hex('000102030405060708090a0b0c0d0e0f') });
    const c = cf.createCipher('AES128|ECB|NoPadding');
    c.initSync(cf.CryptoMode.ENCRYPT_MODE, key, null);
    expect(toHex(c.doFinalSync({ data: hex('00112233445566778899aabbccddeeff') }).data)).toBe(
      '69C4E0D86A7B0430D8CDB78070B4C55A',
    );
    c.initSync(cf.CryptoMode.ENCRYPT_MODE, key, null);
    expect(codeOf(() => c.doFinalSync({ data: new Uint8Array(5) }))).toBe(17630001);
  });

  it('3DES192|CBC|NoPadding with an IvParamsSpec matches the SSLeay/OpenSSL destest 3-key TDES-CBC answer', () => {
    const key = cf.createSymKeyGenerator('3DES192').convertKeySync({
      data: hex('0123456789abcdeff1e0d3c2b5a49786fedcba9876543210'),
    });
    const text = new Uint8Array(32);
    text.set(Buffer.from('7654321 Now is the time for ', 'latin1'), 0);
    const iv = { algName: 'IvParamsSpec', iv: { data: hex('fedcba9876543210') } };
    const c = cf.createCipher('3DES192|CBC|NoPadding');
    c.initSync(cf.CryptoMode.ENCRYPT_MODE, key, iv);
    const out = c.doFinalSync({ data: text }).data;
    expect(toHex(out)).toBe('3FE301C962AC01D02213763C1CBD4CDC799657C064ECF5D41C673812CFDE9675');
    const d = cf.createCipher('3DES192|CBC|NoPadding');
    d.initSync(cf.CryptoMode.DECRYPT_MODE, key, iv);
    expect(toHex(d.doFinalSync({ data: out }).data)).toBe(toHex(text));
    // the framework does not check a 3DES IV's length and OpenSSL reads its first 8 bytes
    c.initSync(cf.CryptoMode.ENCRYPT_MODE, key, { algName: 'IvParamsSpec', iv: { data: hex('fedcba98765432100000') } });
    expect(toHex(c.doFinalSync({ data: text }).data)).toBe(toHex(out));
    // NoPadding with a partial block fails doFinal
    c.initSync(cf.CryptoMode.ENCRYPT_MODE, key, iv);
    expect(codeOf(() => c.doFinalSync({ data: text.subarray(0, 28) }))).toBe(17630001);
  });

  it('CBC refuses a missing or foreign params spec and a short 3DES IV (401)', () => {
    const key = cf.createSymKeyGenerator('3DES192').convertKeySync({ data: new Uint8Array(24).fill(1) });
    const c = cf.createCipher('3DES192|CBC|NoPadding');
    expect(codeOf(() => c.initSync(cf.CryptoMode.ENCRYPT_MODE, key, null))).toBe(401);
    expect(
      codeOf(() =>
        c.initSync(cf.CryptoMode.ENCRYPT_MODE, key, { algName: 'IvParamsSpec', iv: { data: new Uint8Array(4) } }),
      ),
    ).toBe(401);
    const gcm = {
      algName: 'GcmParamsSpec',
      iv: { data: new Uint8Array(8) },
      aad: { data: new Uint8Array(0) },
      authTag: { data: new Uint8Array(16) },
    };
    expect(codeOf(() => c.initSync(cf.CryptoMode.ENCRYPT_MODE, key, gcm))).toBe(401);
  });

  it('AES128|CBC|NoPadding matches NIST SP 800-38A F.2.1 and wants a 16-byte IV (401 otherwise)', () => {
    const key = cf.createSymKeyGenerator('AES128').convertKeySync({ data: hex('2b7e151628aed2a6abf7158809cf4f3c') });
    const c = cf.createCipher('AES128|CBC|NoPadding');
    c.initSync(cf.CryptoMode.ENCRYPT_MODE, key, {
      algName: 'IvParamsSpec',
      iv: { data: hex('000102030405060708090a0b0c0d0e0f') },
    });
    const p = hex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51');
    expect(toHex(c.doFinalSync({ data: p }).data)).toBe(
      '7649ABAC8119B246CEE98E9B12E9197D5086CB9B507219EE95DB113A917678B2',
    );
    expect(
      codeOf(() =>
        c.initSync(cf.CryptoMode.ENCRYPT_MODE, key, { algName: 'IvParamsSpec', iv: { data: new Uint8Array(8) } }),
      ),
    ).toBe(401);
    expect(codeOf(() => cf.createCipher('3DES192|CBC|PKCS7'))).toBe(801);
  });

  it('3DES192 wants a 24-byte key (401 otherwise)', () => {
    expect(codeOf(() => cf.createSymKeyGenerator('3DES192').convertKeySync({ data: new Uint8Array(16) }))).toBe(401);
  });

  it('GCM: the tag ends doFinal on encryption and comes from GcmParamsSpec on decryption', () => {
    const raw = new Uint8Array(32).fill(3);
    const key = cf.createSymKeyGenerator('AES256').convertKeySync({ data: raw });
    const iv = new Uint8Array(12).fill(1);
    const aad = new Uint8Array([7]);
    const spec = {
      algName: 'GcmParamsSpec',
      iv: { data: iv },
      aad: { data: aad },
      authTag: { data: new Uint8Array(16) },
    };
    const enc = cf.createCipher('AES256|GCM|NoPadding');
    enc.initSync(cf.CryptoMode.ENCRYPT_MODE, key, spec);
    const body = enc.updateSync({ data: new Uint8Array([1, 2, 3]) }).data;
    const tag = enc.doFinalSync(null).data;
    expect(tag.length).toBe(16);
    const ref = createCipheriv('aes-256-gcm', raw, iv).setAAD(aad);
    const refBody = Buffer.concat([ref.update(Buffer.from([1, 2, 3])), ref.final()]);
    expect(toHex(body)).toBe(toHex(refBody));
    expect(toHex(tag)).toBe(toHex(ref.getAuthTag()));
    const dec = cf.createCipher('AES256|GCM|NoPadding');
    dec.initSync(cf.CryptoMode.DECRYPT_MODE, key, { ...spec, authTag: { data: tag } });
    expect([...dec.doFinalSync({ data: body }).data]).toEqual([1, 2, 3]);
    dec.initSync(cf.CryptoMode.DECRYPT_MODE, key, { ...spec, authTag: { data: new Uint8Array(16) } });
    expect(codeOf(() => dec.doFinalSync({ data: body }))).toBe(17630001);
  });

  it('ECDH on P-256 gives the shared x-coordinate; HKDF-SHA256 matches RFC 5869 case 1', () => {
    const gen = cf.createAsyKeyGenerator('ECC256');
    const mine = gen.generateKeyPairSync();
    const theirs = createECDH('prime256v1');
    theirs.generateKeys();
    const spki = mine.pubKey.getEncoded().data;
    const theirPub = gen.convertKeySync(
      { data: new Uint8Array([...spki.slice(0, spki.length - 65), ...theirs.getPublicKey()]) },
      null,
    ).pubKey;
    const shared = cf.createKeyAgreement('ECC256').generateSecretSync(mine.priKey, theirPub).data;
    expect(toHex(shared)).toBe(toHex(theirs.computeSecret(Buffer.from(spki.slice(spki.length - 65)))));
    const okm = cf.createKdf('HKDF|SHA256|EXTRACT_AND_EXPAND').generateSecretSync({
      algName: 'HKDF',
      key: hex('0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b'),
      salt: hex('000102030405060708090a0b0c'),
      info: hex('f0f1f2f3f4f5f6f7f8f9'),
      keySize: 42,
    }).data;
    expect(toHex(okm)).toBe('3CB25F25FAACD57A90434F64D0362F2A2D2D0A90CF1A5A4C5DB02D56ECC4C5BF34007208D5B887185865');
  });

  it('private keys round-trip as PKCS#8 and public keys as SPKI', () => {
    const gen = cf.createAsyKeyGenerator('ECC256');
    const kp = gen.generateKeyPairSync();
    const again = gen.convertKeySync(null, kp.priKey.getEncoded());
    expect(toHex(again.pubKey.getEncoded().data)).toBe(toHex(kp.pubKey.getEncoded().data));
    expect(codeOf(() => gen.convertKeySync({ data: new Uint8Array(10) }, null))).toBe(17630001);
  });
});
