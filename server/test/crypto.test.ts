/** Property tests of the service's own crypto: KEK sealing, card-data envelopes, device signatures, webhook HMAC. */
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openCardData, rawPublicKey, sealCardData } from '../src/crypto/card-envelope';
import {
  parseDevicePublicKey,
  signDeviceMessage,
  signingString,
  verifyDeviceSignature,
} from '../src/crypto/device-signature';
import { seal, unseal } from '../src/crypto/seal';
import { hashApiKey, sha256Hex } from '../src/crypto/secrets';
import { keyCheckValue } from '../src/programs/store';
import { backoffMs } from '../src/webhooks/delivery';
import { signWebhook, verifyWebhook } from '../src/webhooks/signature';

const kek = randomBytes(32);

describe('KEK sealing (AES-256-GCM)', () => {
  it('round-trips any value and refuses another AAD, another KEK or a flipped bit', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.string({ maxLength: 20 }), fc.nat(), (data, aad, bit) => {
        const sealed = seal(kek, data, aad);
        expect(Buffer.from(unseal(kek, sealed, aad))).toEqual(Buffer.from(data));
        expect(() => unseal(kek, sealed, `${aad}x`)).toThrow(/KEK/);
        expect(() => unseal(randomBytes(32), sealed, aad)).toThrow();
        const raw = Buffer.from(sealed, 'base64');
        raw[bit % raw.length] ^= 1;
        expect(() => unseal(kek, raw.toString('base64'), aad)).toThrow();
      }),
      { numRuns: 50 },
    );
  });
  it('never stores the plaintext', () => {
    expect(Buffer.from(seal(kek, Buffer.from('4761739001010119'), 'pan:t'), 'base64').toString('latin1')).not.toContain(
      '4761739001010119',
    );
  });
});

describe('card data envelope (ECDH P-256 + HKDF + AES-GCM)', () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pkcs8 = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
  const pub = rawPublicKey(pair.publicKey);
  it('opens for the same device and only for it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.string({ minLength: 1, maxLength: 40 }), (text, device) => {
        const env = sealCardData(pub, device, text);
        expect(openCardData(pkcs8, device, env)).toBe(text);
        expect(openCardData(pkcs8, `${device}!`, env)).toBeUndefined();
      }),
      { numRuns: 30 },
    );
  });
  it('refuses another service key and tampered ciphertext', () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const env = sealCardData(rawPublicKey(other.publicKey), 'dev', '{"pan":"4761739001010119"}');
    expect(openCardData(pkcs8, 'dev', env)).toBeUndefined();
    const good = sealCardData(pub, 'dev', 'hello');
    const ct = Buffer.from(good.ciphertext, 'base64');
    ct[0] ^= 1;
    expect(openCardData(pkcs8, 'dev', { ...good, ciphertext: ct.toString('base64') })).toBeUndefined();
    expect(openCardData(pkcs8, 'dev', { ...good, epk: 'AAAA' })).toBeUndefined();
  });
});

describe('device signatures (ECDSA P-256, P1363)', () => {
  const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
  it('verify over exactly the signed method, path, body, nonce and time', () => {
    fc.assert(
      fc.property(fc.constantFrom('GET', 'POST'), fc.webPath(), fc.string(), (method, path, body) => {
        const key = parseDevicePublicKey(spki);
        if (key === undefined) throw new Error('key');
        const msg = signingString(method, path, body, 'n'.repeat(16), '1');
        const sig = signDeviceMessage(pair.privateKey, msg);
        expect(verifyDeviceSignature(key, msg, sig)).toBe(true);
        expect(verifyDeviceSignature(key, signingString(method, path, `${body}.`, 'n'.repeat(16), '1'), sig)).toBe(
          false,
        );
        expect(verifyDeviceSignature(key, signingString(method, `${path}/x`, body, 'n'.repeat(16), '1'), sig)).toBe(
          false,
        );
      }),
      { numRuns: 30 },
    );
  });
  it('accepts only P-256 SPKI keys', () => {
    expect(parseDevicePublicKey('not a key')).toBeUndefined();
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 })
      .publicKey.export({ format: 'der', type: 'spki' })
      .toString('base64');
    expect(parseDevicePublicKey(rsa)).toBeUndefined();
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' })
      .publicKey.export({ format: 'der', type: 'spki' })
      .toString('base64');
    expect(parseDevicePublicKey(p384)).toBeUndefined();
  });
  it('signs the body by its SHA-256 (FIPS 180-2 "abc" vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(signingString('post', '/v1/x', 'abc', 'N', 'T')).toBe(
      'POST\n/v1/x\nba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\nN\nT',
    );
    expect(hashApiKey('a')).not.toBe(hashApiKey('b'));
  });
});

describe('webhook signatures and back-off', () => {
  it('HMAC-SHA256 over "<t>.<body>" (RFC 4231 case 2 key/data shape)', () => {
    const h = signWebhook('Jefe', 1, 'what do ya want for nothing?');
    expect(h).toBe(`t=1,v1=${createHmac('sha256', 'Jefe').update('1.what do ya want for nothing?').digest('hex')}`);
    expect(verifyWebhook('Jefe', h, 'what do ya want for nothing?')).toBe(true);
    expect(verifyWebhook('jefe', h, 'what do ya want for nothing?')).toBe(false);
    expect(verifyWebhook('Jefe', 'garbage', '')).toBe(false);
  });
  it('backs off exponentially up to ten minutes', () => {
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffMs(20)).toBe(600_000);
  });
  it('key check value of the docs/emv.md test IMK', () => {
    // KCV = first 3 bytes of TDES(key, 0…0); 0123456789ABCDEFFEDCBA9876543210 → 08D7B4 (the widely published KCV).
    expect(keyCheckValue(Buffer.from('0123456789ABCDEFFEDCBA9876543210', 'hex'))).toBe('08D7B4');
  });
});
