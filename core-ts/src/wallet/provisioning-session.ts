/** The provisioning session as stored: no card data, only what is needed to continue after a restart. */
import { type Storage, StorageWrite } from '../ports/storage';
import { PROVISIONING_TABLE, ProvState } from './provisioning-table';

const PREFIX: string = 'wallet/prov/';

/** The persisted session: no card data, only what is needed to continue. */
export class ProvSession {
  id: string = '';
  state: string = ProvState.Entry;
  idempotencyKey: string = '';
  requestId: string = '';
  /** Masked funding card, for display while resuming. */
  masked: string = '';
  otpExpiresAt: number = 0;
  attemptsLeft: number = 0;
  resendsLeft: number = 0;
  otpTtlMs: number = 0;
  tokenId: string = '';
  updatedAt: number = 0;
}

/** The stored session, or null. */
export function loadProvSession(storage: Storage, id: string): ProvSession | null {
  const v = storage.get(PREFIX + id);
  return v === null ? null : (JSON.parse(v) as ProvSession);
}

export function saveProvSession(storage: Storage, s: ProvSession): void {
  storage.commit([new StorageWrite(PREFIX + s.id, JSON.stringify(s))]);
}

/** Ids of stored sessions that are not finished. */
export function unfinishedProvSessions(storage: Storage): string[] {
  const out: string[] = [];
  for (const k of storage.keys(PREFIX)) {
    const v = storage.get(k);
    if (v !== null && !PROVISIONING_TABLE.isFinal((JSON.parse(v) as ProvSession).state)) {
      out.push(k.substring(PREFIX.length));
    }
  }
  return out;
}
