/** AES-CMAC (RFC 4493, NIST SP 800-38B) on the CryptoPort's AES: one block for the subkey, one CBC chain. */
import { ArkPayError } from '../errors';
import { bytesEqual } from '../hex';
import type { CryptoPort } from '../ports/crypto';

/** Doubling in GF(2^128) as RFC 4493 generates subkeys: shift left one bit, xor 0x87 on carry. */
function dbl(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    out[i] = ((b[i] << 1) | (i < 15 ? b[i + 1] >>> 7 : 0)) & 0xff;
  }
  if ((b[0] & 0x80) !== 0) {
    out[15] ^= 0x87;
  }
  return out;
}

/** The 16-byte AES-CMAC of the message under a 16, 24 or 32-byte AES key. */
export function aesCmac(c: CryptoPort, key: Uint8Array, message: Uint8Array): Uint8Array {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new ArkPayError('KEY_INVALID', `AES key must be 16, 24 or 32 bytes, got ${key.length}`);
  }
  const k1 = dbl(c.aesEncrypt(key, new Uint8Array(16)));
  const n = message.length === 0 ? 1 : Math.ceil(message.length / 16);
  const complete = message.length > 0 && message.length % 16 === 0;
  const last = new Uint8Array(16);
  const tail = message.subarray((n - 1) * 16);
  last.set(tail, 0);
  const sub = complete ? k1 : dbl(k1);
  if (!complete) {
    last[tail.length] = 0x80;
  }
  // The whole CBC chain, the masked last block included, in one cipher call: its last block is the tag.
  const chain = new Uint8Array(n * 16);
  chain.set(message.subarray(0, (n - 1) * 16), 0);
  for (let i = 0; i < 16; i++) {
    chain[(n - 1) * 16 + i] = last[i] ^ sub[i];
  }
  return c.aesCbcEncrypt(key, new Uint8Array(16), chain).slice((n - 1) * 16);
}

/** Whether `mac` (the full 16 bytes or a truncation of at least 4) is the message's CMAC. */
export function verifyAesCmac(c: CryptoPort, key: Uint8Array, message: Uint8Array, mac: Uint8Array): boolean {
  if (mac.length < 4 || mac.length > 16) {
    return false;
  }
  return bytesEqual(aesCmac(c, key, message).subarray(0, mac.length), mac);
}
