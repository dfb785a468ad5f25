/**
 * PostgreSQL only: which issuer or acquirer an API key's hash belongs to, kept in the process so that an
 * authorization does not spend a round trip on it. Correct across processes: a trigger on `issuers` and
 * `acquirers` (migration 0010) notifies `arkpay_keys` when any row changes or goes, and every process
 * listens on a connection of its own and empties its cache on the notification. While that connection is
 * down nothing is served from the cache (it is emptied when lost and again once listening). A lookup that
 * raced a notification is not cached (the generation moved). Only known keys are kept (a new key works at
 * once), a minute at most, and only hashes: the keys themselves are never held. On SQLite the lookup costs
 * microseconds and there is no cache.
 */
import pg from 'pg';

const CHANNEL = 'arkpay_keys';
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
const RETRY_MS = 1_000;

export type KeyKind = 'issuer' | 'acquirer';

export class ApiKeyCache {
  private readonly entries = new Map<string, { id: string; until: number }>();
  private listening = false;
  private stopped = false;
  private client: pg.Client | undefined;
  /** Moves on every notification and every loss of the listening connection. */
  private generation = 0;

  constructor(
    private readonly url: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts listening; resolves when listening or after the first failure (it keeps retrying). */
  async start(): Promise<void> {
    await this.listen().catch(() => this.lost(undefined));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.listening = false;
    this.entries.clear();
    await this.client?.end().catch(() => undefined);
  }

  /** The generation to hand back to `put`: a lookup started before a change is not cached. */
  mark(): number {
    return this.generation;
  }

  get(kind: KeyKind, hash: string): string | undefined {
    if (!this.listening) return undefined;
    const e = this.entries.get(`${kind}:${hash}`);
    if (e === undefined) return undefined;
    if (e.until > this.now()) return e.id;
    this.entries.delete(`${kind}:${hash}`);
    return undefined;
  }

  put(kind: KeyKind, hash: string, id: string, mark: number): void {
    if (!this.listening || mark !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(`${kind}:${hash}`, { id, until: this.now() + TTL_MS });
  }

  private invalidate(): void {
    this.generation++;
    this.entries.clear();
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url, application_name: 'arkpay-key-listener' });
    this.client = client;
    client.on('notification', () => this.invalidate());
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    // Whatever changed while not listening is forgotten.
    this.invalidate();
    this.listening = !this.stopped;
  }

  private lost(client: pg.Client | undefined): void {
    if (client !== undefined && client !== this.client) return;
    this.listening = false;
    this.invalidate();
    this.client = undefined;
    client?.end().catch(() => undefined);
    if (this.stopped) return;
    setTimeout(() => {
      if (!this.stopped && this.client === undefined) this.listen().catch(() => this.lost(this.client));
    }, RETRY_MS).unref();
  }
}
