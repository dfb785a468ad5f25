/**
 * Authorisation response cryptogram (ARPC), EMV Book 2 section 8.2, with the session key (or, for
 * CVN 10, the ICC master key) that computed the ARQC.
 * Method 1: ARPC = TDES(SK, ARQC ⊕ (ARC ‖ 000000000000)), 8 bytes, ARC 2 bytes.
 * Method 2: ARPC = first 4 bytes of MAC algorithm 3 (method-2 padding) over ARQC ‖ CSU ‖ proprietary
 * authentication data (0–8 bytes), CSU 4 bytes.
 */

import { retailMac } from '../crypto/mac';
import { padIso9797Method2 } from '../crypto/padding';
import { ArkPayError } from '../errors';
import { bytesEqual, concatBytes } from '../hex';
import type { CryptoPort } from '../ports/crypto';
import type { KeyStore } from '../ports/keystore';

function check(name: string, v: Uint8Array, len: number): void {
  if (v.length !== len) {
    throw new ArkPayError('ARPC_DATA_INVALID', `${name} must be ${len} bytes, got ${v.length}`);
  }
}

/** The block method 1 encrypts: ARQC ⊕ (ARC ‖ 00…00). */
export function arpcMethod1Input(arqc: Uint8Array, arc: Uint8Array): Uint8Array {
  check('ARQC', arqc, 8);
  check('ARC', arc, 2);
  const x = arqc.slice(0);
  x[0] ^= arc[0];
  x[1] ^= arc[1];
  return x;
}

/** The padded MAC input of method 2: ARQC ‖ CSU ‖ proprietary authentication data, method 2 padding. */
export function arpcMethod2Input(arqc: Uint8Array, csu: Uint8Array, propAuthData: Uint8Array): Uint8Array {
  check('ARQC', arqc, 8);
  check('CSU', csu, 4);
  if (propAuthData.length > 8) {
    throw new ArkPayError('ARPC_DATA_INVALID', 'proprietary authentication data is at most 8 bytes');
  }
  return padIso9797Method2(concatBytes(arqc, csu, propAuthData));
}

export function arpcMethod1(c: CryptoPort, sk: Uint8Array, arqc: Uint8Array, arc: Uint8Array): Uint8Array {
  return c.tdesEncrypt(sk, arpcMethod1Input(arqc, arc));
}

export function arpcMethod2(
  c: CryptoPort,
  sk: Uint8Array,
  arqc: Uint8Array,
  csu: Uint8Array,
  propAuthData: Uint8Array,
): Uint8Array {
  return retailMac(c, sk, arpcMethod2Input(arqc, csu, propAuthData)).slice(0, 4);
}

/** Card side: method 1 with the stored session key. */
export function arpcMethod1WithKeyStore(ks: KeyStore, alias: string, arqc: Uint8Array, arc: Uint8Array): Uint8Array {
  return ks.tdesEncrypt(alias, arpcMethod1Input(arqc, arc));
}

/** Card side: method 2 with the stored session key. */
export function arpcMethod2WithKeyStore(
  ks: KeyStore,
  alias: string,
  arqc: Uint8Array,
  csu: Uint8Array,
  propAuthData: Uint8Array,
): Uint8Array {
  return ks.retailMac(alias, arpcMethod2Input(arqc, csu, propAuthData)).slice(0, 4);
}

/** Card side: whether the issuer's method-1 ARPC is genuine (constant-time comparison). */
export function verifyArpcMethod1WithKeyStore(
  ks: KeyStore,
  alias: string,
  arqc: Uint8Array,
  arc: Uint8Array,
  arpc: Uint8Array,
): boolean {
  return arpc.length === 8 && bytesEqual(arpcMethod1WithKeyStore(ks, alias, arqc, arc), arpc);
}

/** Card side: whether the issuer's method-2 ARPC is genuine (constant-time comparison). */
export function verifyArpcMethod2WithKeyStore(
  ks: KeyStore,
  alias: string,
  arqc: Uint8Array,
  csu: Uint8Array,
  propAuthData: Uint8Array,
  arpc: Uint8Array,
): boolean {
  return arpc.length === 4 && bytesEqual(arpcMethod2WithKeyStore(ks, alias, arqc, csu, propAuthData), arpc);
}

export function verifyArpcMethod1(
  c: CryptoPort,
  sk: Uint8Array,
  arqc: Uint8Array,
  arc: Uint8Array,
  arpc: Uint8Array,
): boolean {
  return arpc.length === 8 && bytesEqual(arpcMethod1(c, sk, arqc, arc), arpc);
}

export function verifyArpcMethod2(
  c: CryptoPort,
  sk: Uint8Array,
  arqc: Uint8Array,
  csu: Uint8Array,
  propAuthData: Uint8Array,
  arpc: Uint8Array,
): boolean {
  return arpc.length === 4 && bytesEqual(arpcMethod2(c, sk, arqc, csu, propAuthData), arpc);
}
