/**
 * Storage port: a small key-value store whose batches commit atomically, so a crash between two
 * writes can never leave half a change behind (e.g. a spent key without its log entry).
 */
export class StorageWrite {
  readonly key: string;
  /** New value, or null to delete the key. */
  readonly value: string | null;

  constructor(key: string, value: string | null) {
    this.key = key;
    this.value = value;
  }
}

export interface Storage {
  get(key: string): string | null;
  /** Keys starting with the prefix, in ascending order. */
  keys(prefix: string): string[];
  /** Applies every write or none. */
  commit(writes: StorageWrite[]): void;
}
