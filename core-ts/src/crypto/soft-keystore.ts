/**
 * KeyStore held in memory on top of a CryptoPort: for Node, tests and platforms without a hardware
 * keystore. Key bytes go in through importKey and never come out; errors never carry key material.
 */
import { ArkPayError } from '../errors';
import type { CryptoPort } from '../ports/crypto';
import type { KeyStore } from '../ports/keystore';
import { retailMac } from './mac';

export class SoftKeyStore implements KeyStore {
  private readonly crypto: CryptoPort;
  private readonly keys: Map<string, Uint8Array> = new Map<string, Uint8Array>();

  constructor(crypto: CryptoPort) {
    this.crypto = crypto;
  }

  /** Stores a copy of a 16- or 24-byte TDES key; KEY_EXISTS if the alias is taken. */
  importKey(alias: string, key: Uint8Array): void {
    if (this.keys.has(alias)) {
      throw new ArkPayError('KEY_EXISTS', `key alias "${alias}" already exists`);
    }
    if (key.length !== 16 && key.length !== 24) {
      throw new ArkPayError('KEY_INVALID', `TDES key must be 16 or 24 bytes, got ${key.length}`);
    }
    this.keys.set(alias, key.slice(0));
  }

  hasKey(alias: string): boolean {
    return this.keys.has(alias);
  }

  /** Wipes and forgets the key; deleting a missing alias is a no-op, so a retried delete is safe. */
  deleteKey(alias: string): void {
    const k = this.keys.get(alias);
    if (k !== undefined) {
      k.fill(0);
      this.keys.delete(alias);
    }
  }

  tdesEncrypt(alias: string, data: Uint8Array): Uint8Array {
    if (data.length === 0 || data.length % 8 !== 0) {
      throw new ArkPayError('DATA_INVALID', `TDES data must be whole 8-byte blocks, got ${data.length} bytes`);
    }
    return this.crypto.tdesEncrypt(this.key(alias), data);
  }

  retailMac(alias: string, paddedData: Uint8Array): Uint8Array {
    return retailMac(this.crypto, this.key(alias), paddedData);
  }

  private key(alias: string): Uint8Array {
    const k = this.keys.get(alias);
    if (k === undefined) {
      throw new ArkPayError('KEY_NOT_FOUND', `no key under alias "${alias}"`);
    }
    return k;
  }
}
