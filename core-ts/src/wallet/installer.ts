/**
 * Installs an approved token on the device: its single-use keys into the KeyStore and the card's
 * KeyBatch, then the token record into the WalletStore (last, so a token in the wallet always has its
 * keys). Every step is skipped when already done, so after a crash `install` simply runs again.
 */
import { KeyBatch, SingleUseKey } from '../card/key-batch';
import type { KeyStore } from '../ports/keystore';
import type { Storage } from '../ports/storage';
import type { TokenInstaller } from './provisioning-port';
import type { TokenRecord } from './token-record';
import type { WalletStore } from './wallet-store';

export class ProvisionedKey {
  readonly atc: number;
  /** The single-use key (delivered under transport protection the platform removes). */
  readonly key: Uint8Array;

  constructor(atc: number, key: Uint8Array) {
    this.atc = atc;
    this.key = key;
  }
}

export class ProvisionedToken {
  readonly token: TokenRecord;
  readonly keys: ProvisionedKey[];

  constructor(token: TokenRecord, keys: ProvisionedKey[]) {
    this.token = token;
    this.keys = keys;
  }
}

/** Token service call: the approved token and its first key batch (idempotent per request). */
export interface TokenFetcher {
  fetchToken(requestId: string): Promise<ProvisionedToken>;
}

export class WalletInstaller implements TokenInstaller {
  private readonly fetcher: TokenFetcher;
  private readonly storage: Storage;
  private readonly keyStore: KeyStore;
  private readonly store: WalletStore;

  constructor(fetcher: TokenFetcher, storage: Storage, keyStore: KeyStore, store: WalletStore) {
    this.fetcher = fetcher;
    this.storage = storage;
    this.keyStore = keyStore;
    this.store = store;
  }

  async install(requestId: string): Promise<string> {
    const p = await this.fetcher.fetchToken(requestId);
    const id = p.token.id;
    if (this.store.token(id) !== null) {
      return id;
    }
    const batch = new KeyBatch(this.storage, this.keyStore, id);
    const keys: SingleUseKey[] = [];
    for (const k of p.keys) {
      const alias = `${id}/suk/${k.atc}`;
      if (!this.keyStore.hasKey(alias)) {
        this.keyStore.importKey(alias, k.key);
      }
      keys.push(new SingleUseKey(k.atc, alias));
    }
    // KeyBatch.add is all-or-none: keys already there mean an earlier run got this far.
    if (batch.remaining() === 0 && batch.atc() === 0) {
      batch.add(keys);
    }
    this.store.addToken(p.token);
    return id;
  }
}
