/**
 * The wallet's persisted state on the Storage port: tokens with their lifecycle events, the default
 * card, and the transaction log. Each change is one atomic commit, so a crash between two calls leaves
 * either the old or the new state. Single-use keys and the ATC live in the card's KeyBatch; the log
 * records per ATC (`log/<tokenId>/<ATC>`), so `reconcile` can find a spent ATC without its entry after
 * a crash and write it once, and no entry is ever written twice.
 */
import { ArkPayError } from '../errors';
import type { Clock } from '../ports/clock';
import { type Storage, StorageWrite } from '../ports/storage';
import { LifecycleEvent, TokenLifecycle } from './lifecycle';
import { TokenRecord } from './token-record';
import { atcEntryId, TxLogEntry, TxResult } from './tx-log';

const TOKEN: string = 'wallet/token/';
const EVENT: string = 'wallet/event/';
const LOG: string = 'wallet/log/';
const LOGGED_ATC: string = 'wallet/logged-atc/';
const DEFAULT: string = 'wallet/default';

interface EventJson {
  tokenId: string;
  from: string;
  to: string;
  event: string;
  actor: string;
  at: number;
  reason: string;
}

export class WalletStore {
  private readonly storage: Storage;
  private readonly clock: Clock;

  constructor(storage: Storage, clock: Clock) {
    this.storage = storage;
    this.clock = clock;
  }

  token(id: string): TokenRecord | null {
    const v = this.storage.get(TOKEN + id);
    return v === null ? null : TokenRecord.fromJson(v);
  }

  tokens(): TokenRecord[] {
    const out: TokenRecord[] = [];
    for (const k of this.storage.keys(TOKEN)) {
      const v = this.storage.get(k);
      if (v !== null) {
        out.push(TokenRecord.fromJson(v));
      }
    }
    return out;
  }

  /** Adds a token (and makes it the default when it is the first). Code WALLET_TOKEN_EXISTS. */
  addToken(t: TokenRecord): void {
    if (this.storage.get(TOKEN + t.id) !== null) {
      throw new ArkPayError('WALLET_TOKEN_EXISTS', `token ${t.id} already in the wallet`);
    }
    const writes: StorageWrite[] = [new StorageWrite(TOKEN + t.id, t.toJson())];
    if (this.defaultTokenId() === null) {
      writes.push(new StorageWrite(DEFAULT, t.id));
    }
    this.storage.commit(writes);
  }

  /** Applies a lifecycle event: the new state and the event record commit together. */
  applyLifecycle(tokenId: string, event: string, actor: string, reason: string = ''): LifecycleEvent {
    const t = this.token(tokenId);
    if (t === null) {
      throw new ArkPayError('WALLET_TOKEN_UNKNOWN', `no token ${tokenId}`);
    }
    const e = new TokenLifecycle(tokenId, this.clock, t.state).apply(event, actor, reason);
    const n = this.storage.keys(`${EVENT}${tokenId}/`).length;
    const writes: StorageWrite[] = [
      new StorageWrite(TOKEN + tokenId, t.withState(e.to).toJson()),
      new StorageWrite(`${EVENT}${tokenId}/${`${n}`.padStart(6, '0')}`, JSON.stringify(e)),
    ];
    if (this.defaultTokenId() === tokenId && e.to !== 'active') {
      writes.push(new StorageWrite(DEFAULT, null));
    }
    this.storage.commit(writes);
    return e;
  }

  lifecycleEvents(tokenId: string): LifecycleEvent[] {
    const out: LifecycleEvent[] = [];
    for (const k of this.storage.keys(`${EVENT}${tokenId}/`)) {
      const v = this.storage.get(k);
      if (v !== null) {
        const j = JSON.parse(v) as EventJson;
        out.push(new LifecycleEvent(j.tokenId, j.from, j.to, j.event, j.actor, j.at, j.reason));
      }
    }
    return out;
  }

  defaultTokenId(): string | null {
    return this.storage.get(DEFAULT);
  }

  setDefault(tokenId: string): void {
    const t = this.token(tokenId);
    if (t === null || t.state !== 'active') {
      throw new ArkPayError('WALLET_TOKEN_UNKNOWN', `no active token ${tokenId}`);
    }
    this.storage.commit([new StorageWrite(DEFAULT, tokenId)]);
  }

  /** Highest ATC that has a log entry for the token (0 when none). */
  loggedAtc(tokenId: string): number {
    const v = this.storage.get(LOGGED_ATC + tokenId);
    return v === null ? 0 : Number.parseInt(v, 10);
  }

  /**
   * Writes the entry unless one with its id exists; returns whether it wrote. An ATC-bearing entry
   * also advances the token's logged ATC in the same commit.
   */
  appendLog(e: TxLogEntry): boolean {
    if (this.storage.get(LOG + e.id) !== null) {
      return false;
    }
    const writes: StorageWrite[] = [new StorageWrite(LOG + e.id, e.toJson())];
    if (e.atc > this.loggedAtc(e.tokenId)) {
      writes.push(new StorageWrite(LOGGED_ATC + e.tokenId, `${e.atc}`));
    }
    this.storage.commit(writes);
    return true;
  }

  /** Every entry, oldest first. */
  log(): TxLogEntry[] {
    const out: TxLogEntry[] = [];
    for (const k of this.storage.keys(LOG)) {
      const v = this.storage.get(k);
      if (v !== null) {
        out.push(TxLogEntry.fromJson(v));
      }
    }
    return out.sort((a: TxLogEntry, b: TxLogEntry): number => a.at - b.at || (a.id < b.id ? -1 : 1));
  }

  /**
   * After a restart: every ATC the card spent (up to `cardAtc`) that has no log entry gets one with
   * result Unknown, in one commit. Returns how many it wrote.
   */
  reconcile(tokenId: string, cardAtc: number): number {
    const t = this.token(tokenId);
    const masked = t === null ? '' : t.masked;
    const writes: StorageWrite[] = [];
    for (let atc = this.loggedAtc(tokenId) + 1; atc <= cardAtc; atc++) {
      const id = atcEntryId(tokenId, atc);
      if (this.storage.get(LOG + id) === null) {
        const e = new TxLogEntry(id, tokenId, masked, -1, '', '', TxResult.Unknown, atc, this.clock.now());
        writes.push(new StorageWrite(LOG + id, e.toJson()));
      }
    }
    if (cardAtc > this.loggedAtc(tokenId)) {
      writes.push(new StorageWrite(LOGGED_ATC + tokenId, `${cardAtc}`));
    }
    this.storage.commit(writes);
    return writes.length === 0 ? 0 : writes.length - 1;
  }
}
