/** A CryptoPort that counts the cipher calls it passes on, to check what the MACs cost in cipher set-ups. */
import type { CryptoPort } from '@arkpay/core';

/** Counts the port's cipher calls (each is one cipher set-up on node:crypto and cryptoFramework). */
export class CountingCrypto implements CryptoPort {
  calls = 0;
  constructor(private readonly inner: CryptoPort) {}
  tdesEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
    this.calls++;
    return this.inner.tdesEncrypt(key, data);
  }
  tdesDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
    this.calls++;
    return this.inner.tdesDecrypt(key, data);
  }
  aesEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array {
    this.calls++;
    return this.inner.aesEncrypt(key, data);
  }
  tdesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
    this.calls++;
    return this.inner.tdesCbcEncrypt(key, iv, data);
  }
  aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
    this.calls++;
    return this.inner.aesCbcEncrypt(key, iv, data);
  }
  sha1(data: Uint8Array): Uint8Array {
    return this.inner.sha1(data);
  }
  sha256(data: Uint8Array): Uint8Array {
    return this.inner.sha256(data);
  }
}
