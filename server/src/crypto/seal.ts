/**
 * AES-256-GCM envelope under the key-encryption key: PANs, issuer master keys, webhook secrets.
 * Sealed form: base64(iv[12] ‖ ciphertext ‖ tag[16]); the AAD binds a value to its row and purpose,
 * so a sealed PAN cannot be swapped into another token.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ApiError } from '../http/errors';

export function seal(kek: Uint8Array, plaintext: Uint8Array, aad: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', kek, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(plaintext), c.final()]);
  return Buffer.concat([iv, body, c.getAuthTag()]).toString('base64');
}

export function unseal(kek: Uint8Array, sealed: string, aad: string): Uint8Array {
  const raw = Buffer.from(sealed, 'base64');
  if (raw.length < 28) throw new ApiError('SEALED_CORRUPT', 'stored secret is corrupt');
  const d = createDecipheriv('aes-256-gcm', kek, raw.subarray(0, 12));
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(raw.subarray(raw.length - 16));
  try {
    return Uint8Array.from(Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]));
  } catch {
    throw new ApiError('SEALED_CORRUPT', 'stored secret does not open under the configured KEK');
  }
}
