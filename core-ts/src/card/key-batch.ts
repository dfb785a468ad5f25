/**
 * Single-use session keys (cloud-based payments): each key is bound to one ATC and lives in the
 * KeyStore under an opaque alias. A key is spent only after its cryptogram is made (a failed computation
 * costs nothing); spending moves the card's ATC to that key's ATC and forgets the key in one atomic
 * Storage commit, so no restart can ever use an ATC twice.
 */
import { ArkPayError } from '../errors';
import type { KeyStore } from '../ports/keystore';
import type { Storage } from '../ports/storage';
import { StorageWrite } from '../ports/storage';

export class SingleUseKey {
  readonly atc: number;
  readonly alias: string;

  constructor(atc: number, alias: string) {
    this.atc = atc;
    this.alias = alias;
  }
}

const MAX_ATC: number = 0xffff;

export class KeyBatch {
  private readonly storage: Storage;
  private readonly keyStore: KeyStore;
  private readonly prefix: string;

  /** `tokenId` namespaces the Storage keys: `card/<tokenId>/atc` and `card/<tokenId>/suk/<ATC hex>`. */
  constructor(storage: Storage, keyStore: KeyStore, tokenId: string) {
    this.storage = storage;
    this.keyStore = keyStore;
    this.prefix = `card/${tokenId}/`;
  }

  /** The ATC of the last cryptogram (0 before the first). */
  atc(): number {
    const v = this.storage.get(`${this.prefix}atc`);
    return v === null ? 0 : Number.parseInt(v, 10);
  }

  remaining(): number {
    return this.storage.keys(`${this.prefix}suk/`).length;
  }

  /**
   * Adds keys whose aliases already hold keys in the KeyStore, all or none. Codes: KEY_ATC_USED (ATC at
   * or below the card's ATC), KEY_ATC_DUPLICATE, KEY_ATC_INVALID, KEY_MISSING (alias not in the store).
   */
  add(keys: SingleUseKey[]): void {
    const last = this.atc();
    const writes: StorageWrite[] = [];
    const seen = new Set<number>();
    for (const k of keys) {
      if (!Number.isInteger(k.atc) || k.atc < 1 || k.atc > MAX_ATC) {
        throw new ArkPayError('KEY_ATC_INVALID', `ATC ${k.atc} out of range`);
      }
      if (k.atc <= last) {
        throw new ArkPayError('KEY_ATC_USED', `ATC ${k.atc} is not above the card's ATC ${last}`);
      }
      if (seen.has(k.atc) || this.storage.get(this.slot(k.atc)) !== null) {
        throw new ArkPayError('KEY_ATC_DUPLICATE', `a key for ATC ${k.atc} is already held`);
      }
      if (!this.keyStore.hasKey(k.alias)) {
        throw new ArkPayError('KEY_MISSING', `no key under alias ${k.alias}`);
      }
      seen.add(k.atc);
      writes.push(new StorageWrite(this.slot(k.atc), k.alias));
    }
    this.storage.commit(writes);
  }

  /** The lowest-ATC key, still held: the next cryptogram is made with it. Null when none is left. */
  next(): SingleUseKey | null {
    const slots = this.storage.keys(`${this.prefix}suk/`);
    if (slots.length === 0) {
      return null;
    }
    const alias = this.storage.get(slots[0]);
    return alias === null ? null : new SingleUseKey(Number.parseInt(slots[0].slice(slots[0].length - 4), 16), alias);
  }

  /**
   * Spends a key once its cryptogram is made: the new ATC and the key's removal commit together, then the
   * key leaves the KeyStore (it can never be used again anyway: its ATC is gone). KEY_ATC_USED if the
   * key's ATC is not above the card's ATC.
   */
  spend(key: SingleUseKey): void {
    const last = this.atc();
    if (key.atc <= last) {
      throw new ArkPayError('KEY_ATC_USED', `ATC ${key.atc} is not above the card's ATC ${last}`);
    }
    this.storage.commit([
      new StorageWrite(`${this.prefix}atc`, `${key.atc}`),
      new StorageWrite(this.slot(key.atc), null),
    ]);
    if (this.keyStore.hasKey(key.alias)) {
      this.keyStore.deleteKey(key.alias);
    }
  }

  private slot(atc: number): string {
    return `${this.prefix}suk/${(0x10000 + atc).toString(16).slice(1)}`;
  }
}
