/**
 * Fixed-window attempt counter per key (a source address), in memory like the relay itself: the
 * relay's sockets belong to one process, so its limits do too.
 */
export class AttemptLimit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds to wait before another attempt from `key`, or 0 if one is allowed now (not counted). */
  retryAfter(key: string, now: number): number {
    const w = this.windows.get(key);
    if (w === undefined || now - w.start >= this.windowMs) return 0;
    return w.count >= this.max ? Math.max(1, Math.ceil((w.start + this.windowMs - now) / 1000)) : 0;
  }

  /** Counts one failed attempt. */
  fail(key: string, now: number): void {
    const w = this.windows.get(key);
    if (w === undefined || now - w.start >= this.windowMs) this.windows.set(key, { start: now, count: 1 });
    else w.count++;
    if (this.windows.size > 10_000) this.prune(now);
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
