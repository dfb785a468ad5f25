/**
 * Signed device calls: the string and the headers are the core's contract (@arkpay/core/contract,
 * device-signature.ts), shared with the app; this file holds the Node key handling around them.
 */
import { createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto';
import { deviceSigningString } from '@arkpay/core/contract';
import { sha256Hex } from './secrets';

/** The signing string of a call whose body is `body` as sent. */
export function signingString(method: string, path: string, body: string, nonce: string, timestamp: string): string {
  return deviceSigningString(method, path, sha256Hex(body), nonce, timestamp);
}

/** Parses an SPKI DER (base64) P-256 public key, or undefined if it is not one. */
export function parseDevicePublicKey(spkiBase64: string): KeyObject | undefined {
  try {
    const k = createPublicKey({ key: Buffer.from(spkiBase64, 'base64'), format: 'der', type: 'spki' });
    if (k.asymmetricKeyType !== 'ec' || k.asymmetricKeyDetails?.namedCurve !== 'prime256v1') return undefined;
    return k;
  } catch {
    return undefined;
  }
}

/**
 * The one stored form of a device key: SPKI DER of the parsed P-256 point (uncompressed), standard
 * base64 with padding. The same key sent without padding, as base64url, with whitespace or with a
 * compressed point has the same canonical form, so it cannot enrol twice. Undefined if not a P-256 key.
 */
export function canonicalDeviceKey(spkiBase64: string): string | undefined {
  const key = parseDevicePublicKey(spkiBase64.replace(/-/g, '+').replace(/_/g, '/'));
  return key?.export({ format: 'der', type: 'spki' }).toString('base64');
}

export function verifyDeviceSignature(key: KeyObject, message: string, signatureB64url: string): boolean {
  const sig = Buffer.from(signatureB64url, 'base64url');
  if (sig.length !== 64) return false;
  return createVerify('sha256').update(message).verify({ key, dsaEncoding: 'ieee-p1363' }, sig);
}

export function signDeviceMessage(privateKey: KeyObject, message: string): string {
  return createSign('sha256')
    .update(message)
    .sign({ key: privateKey, dsaEncoding: 'ieee-p1363' })
    .toString('base64url');
}
