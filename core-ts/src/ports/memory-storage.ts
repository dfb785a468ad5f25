/** In-memory Storage for tests and ephemeral wallets. Commits are all-or-nothing like every Storage. */
import type { Storage, StorageWrite } from './storage';

export class MemoryStorage implements Storage {
  private readonly data: Map<string, string> = new Map<string, string>();

  get(key: string): string | null {
    const v = this.data.get(key);
    return v === undefined ? null : v;
  }

  keys(prefix: string): string[] {
    const out: string[] = [];
    this.data.forEach((_v: string, k: string) => {
      if (k.startsWith(prefix)) {
        out.push(k);
      }
    });
    return out.sort();
  }

  commit(writes: StorageWrite[]): void {
    for (const w of writes) {
      if (w.value === null) {
        this.data.delete(w.key);
      } else {
        this.data.set(w.key, w.value);
      }
    }
  }
}
