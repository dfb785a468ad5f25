/**
 * ISO/IEC 9797-1 MAC algorithms 1 and 3 with DES/TDES, on already padded data (see padding.ts).
 * Node's OpenSSL 3 has no single DES, so single DES under K is TDES under K‖K (EDE collapses to E).
 */
import { ArkPayError } from '../errors';
import { concatBytes } from '../hex';
import type { CryptoPort } from '../ports/crypto';

function checkBlocks(data: Uint8Array): void {
  if (data.length === 0 || data.length % 8 !== 0) {
    throw new ArkPayError('MAC_DATA_INVALID', `MAC input must be whole 8-byte blocks, got ${data.length} bytes`);
  }
}

/** The single-DES key K as the 2-key TDES key K‖K. */
export function singleDesKey(k: Uint8Array): Uint8Array {
  return concatBytes(k, k);
}

/**
 * CBC chaining value h after encrypting the first `blocks` blocks of data (IV zero) with the given
 * (TDES-form) key: the last ciphertext block of one CBC call, so the chain costs one cipher set-up.
 */
function cbcChain(c: CryptoPort, key: Uint8Array, data: Uint8Array, blocks: number): Uint8Array {
  if (blocks === 0) {
    return new Uint8Array(8);
  }
  const out = c.tdesCbcEncrypt(key, new Uint8Array(8), data.subarray(0, blocks * 8));
  return out.slice(out.length - 8);
}

/**
 * MAC algorithm 1 (CBC-MAC): the last CBC block. An 8-byte key is single DES, a 16/24-byte key TDES.
 */
export function macAlg1(c: CryptoPort, key: Uint8Array, paddedData: Uint8Array): Uint8Array {
  checkBlocks(paddedData);
  if (key.length !== 8 && key.length !== 16 && key.length !== 24) {
    throw new ArkPayError('KEY_INVALID', `MAC algorithm 1 key must be 8, 16 or 24 bytes, got ${key.length}`);
  }
  const k = key.length === 8 ? singleDesKey(key) : key;
  return cbcChain(c, k, paddedData, paddedData.length / 8);
}

/**
 * MAC algorithm 3 (the "retail MAC", ANSI X9.19): single-DES CBC under K1, and the last block
 * D(K2) then E(K1), which is exactly one TDES-EDE(K1,K2) encryption of the last chained block.
 */
export function retailMac(c: CryptoPort, key: Uint8Array, paddedData: Uint8Array): Uint8Array {
  checkBlocks(paddedData);
  if (key.length !== 16) {
    throw new ArkPayError('KEY_INVALID', `MAC algorithm 3 key must be 16 bytes, got ${key.length}`);
  }
  const blocks = paddedData.length / 8;
  const h = cbcChain(c, singleDesKey(key.subarray(0, 8)), paddedData, blocks - 1);
  for (let i = 0; i < 8; i++) {
    h[i] ^= paddedData[(blocks - 1) * 8 + i];
  }
  return c.tdesEncrypt(key, h);
}
