/** CryptoPort on node:crypto, for the Node packages (server, CLI, tests). */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import { ArkPayError } from '../src/errors';
import type { CryptoPort } from '../src/ports/crypto';

function ecb(alg: string, key: Uint8Array, data: Uint8Array, decrypt: boolean): Uint8Array {
  const c = decrypt ? createDecipheriv(alg, key, null) : createCipheriv(alg, key, null);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

/** One cipher object for the whole chain: that single set-up is the point of the port's CBC calls. */
function cbcEncrypt(alg: string, key: Uint8Array, iv: Uint8Array, data: Uint8Array, blockSize: number): Uint8Array {
  if (iv.length !== blockSize) {
    throw new ArkPayError('CRYPTO_IV_LENGTH', `CBC IV must be ${blockSize} bytes, got ${iv.length}`);
  }
  if (data.length === 0 || data.length % blockSize !== 0) {
    throw new ArkPayError('CRYPTO_DATA_LENGTH', `CBC data must be whole ${blockSize}-byte blocks, got ${data.length}`);
  }
  const c = createCipheriv(alg, key, iv);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

function tdesAlg(key: Uint8Array, mode: 'ecb' | 'cbc'): string {
  if (key.length === 16) return `des-ede-${mode}`;
  if (key.length === 24) return `des-ede3-${mode}`;
  throw new RangeError(`TDES key must be 16 or 24 bytes, got ${key.length}`);
}

export class NodeCrypto implements CryptoPort {
  tdesEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
    return ecb(tdesAlg(key, 'ecb'), key, data, false);
  }
  tdesDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
    return ecb(tdesAlg(key, 'ecb'), key, data, true);
  }
  aesEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
    return ecb(`aes-${key.length * 8}-ecb`, key, data, false);
  }
  tdesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
    return cbcEncrypt(tdesAlg(key, 'cbc'), key, iv, data, 8);
  }
  aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
    return cbcEncrypt(`aes-${key.length * 8}-cbc`, key, iv, data, 16);
  }
  sha1(data: Uint8Array): Uint8Array {
    return new Uint8Array(createHash('sha1').update(data).digest());
  }
  sha256(data: Uint8Array): Uint8Array {
    return new Uint8Array(createHash('sha256').update(data).digest());
  }
}
