/**
 * Card data encrypted to the service: ECDH P-256 between a fresh ephemeral key of the wallet and the
 * service's static key (published at GET /v1/service-key), HKDF-SHA256 (salt = ephemeral public key,
 * info "arkpay card data v1") → AES-256-GCM key; AAD = the enrolled device id, so an envelope made for
 * one device cannot be replayed by another. Wire form: { epk: base64 uncompressed point, iv: base64(12),
 * ciphertext: base64(ciphertext ‖ tag) } of the JSON card data.
 */
import {
  createCipheriv,
  createDecipheriv,
  createECDH,
  createPrivateKey,
  createPublicKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';

export interface CardEnvelope {
  epk: string;
  iv: string;
  ciphertext: string;
}

const INFO = Buffer.from('arkpay card data v1', 'utf8');

function aesKey(shared: Buffer, epk: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, epk, INFO, 32));
}

/** Raw uncompressed (65-byte) public point of a P-256 key. */
export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.x === undefined || jwk.y === undefined) throw new Error('not an EC key');
  return Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x, 'base64url'), Buffer.from(jwk.y, 'base64url')]);
}

export function sealCardData(servicePublicRaw: Uint8Array, deviceId: string, plaintext: string): CardEnvelope {
  const eph = createECDH('prime256v1');
  const epk = eph.generateKeys();
  const key = aesKey(eph.computeSecret(servicePublicRaw), epk);
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(deviceId, 'utf8'));
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final(), c.getAuthTag()]);
  return { epk: epk.toString('base64'), iv: iv.toString('base64'), ciphertext: body.toString('base64') };
}

/** Opens an envelope with the service's private key (PKCS#8 DER); undefined when it does not open. */
export function openCardData(servicePrivatePkcs8: Uint8Array, deviceId: string, env: CardEnvelope): string | undefined {
  try {
    const priv = createPrivateKey({ key: Buffer.from(servicePrivatePkcs8), format: 'der', type: 'pkcs8' });
    const d = priv.export({ format: 'jwk' }).d;
    if (d === undefined) return undefined;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(d, 'base64url'));
    const epk = Buffer.from(env.epk, 'base64');
    const key = aesKey(ecdh.computeSecret(epk), epk);
    const raw = Buffer.from(env.ciphertext, 'base64');
    if (raw.length < 16) return undefined;
    const dec = createDecipheriv('aes-256-gcm', key, Buffer.from(env.iv, 'base64'));
    dec.setAAD(Buffer.from(deviceId, 'utf8'));
    dec.setAuthTag(raw.subarray(raw.length - 16));
    return Buffer.concat([dec.update(raw.subarray(0, raw.length - 16)), dec.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

export function publicKeyFromPkcs8(pkcs8: Uint8Array): KeyObject {
  return createPublicKey(createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' }));
}
