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
