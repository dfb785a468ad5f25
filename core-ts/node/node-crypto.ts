/** CryptoPort on node:crypto, for the Node packages (server, CLI, tests). */
import { createCipheriv, createDecipheriv, createHash } from 'node:crypto';
import type { CryptoPort } from '../src/ports/crypto';

function ecb(alg: string, key: Uint8Array, data: Uint8Array, decrypt: boolean): Uint8Array {
  const c = decrypt ? createDecipheriv(alg, key, null) : createCipheriv(alg, key, null);
  c.setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(data), c.final()]));
}

function tdesAlg(key: Uint8Array): string {
  if (key.length === 16) return 'des-ede-ecb';
  if (key.length === 24) return 'des-ede3-ecb';
  throw new RangeError(`TDES key must be 16 or 24 bytes, got ${key.length}`);
}

export class NodeCrypto implements CryptoPort {
  tdesEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
    return ecb(tdesAlg(key), key, data, false);
  }
  tdesDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
    return ecb(tdesAlg(key), key, data, true);
  }
  aesEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
    return ecb(`aes-${key.length * 8}-ecb`, key, data, false);
  }
  sha1(data: Uint8Array): Uint8Array {
    return new Uint8Array(createHash('sha1').update(data).digest());
  }
  sha256(data: Uint8Array): Uint8Array {
    return new Uint8Array(createHash('sha256').update(data).digest());
  }
}
