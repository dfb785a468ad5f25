/**
 * Limits per source address (the TCP peer of the socket: never a header such as X-Forwarded-For, which
 * the caller writes): failed authentications (bad or unknown API keys, bad, stale or replayed device
 * signatures, unknown devices) and enrolments. Counts are the database's (shared by every process);
 * once a source is over its failure limit, each process that sees it fail again also remembers the
 * block until the window ends, so further attempts are refused before any key is even looked up.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Deps } from '../deps';
import type { AppEnv } from './env';
import { ApiError, fail } from './errors';
import { consumeLimit } from './rate-limit';

interface SocketBindings {
  incoming?: { socket?: { remoteAddress?: string } };
}

/** The caller's address from the socket (@hono/node-server bindings); "local" for in-process calls. */
export function sourceOf(c: Context): string {
  const env = c.env as SocketBindings | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'local';
}

export class SourceBlocks {
  private readonly until = new Map<string, number>();

  block(source: string, until: number): void {
    this.until.set(source, until);
    // Entries are made only by sources past their limit; still, never let the map grow without bound.
    if (this.until.size > 10_000) for (const [s, t] of this.until) if (t <= until - 60_000) this.until.delete(s);
  }

  /** Seconds the source stays blocked, or 0. */
  remaining(source: string, now: number): number {
    const t = this.until.get(source);
    if (t === undefined) return 0;
    if (t <= now) {
      this.until.delete(source);
      return 0;
    }
    return Math.ceil((t - now) / 1000);
  }
}

/**
 * Wraps authentication: a source over its limit is refused at once (429); each 401 answer is counted,
 * and the failure that crosses the limit is already answered 429.
 */
export function authFailureLimit(deps: Deps, blocks: SourceBlocks): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const source = sourceOf(c);
    const wait = blocks.remaining(source, deps.now());
    if (wait > 0) throw fail('AUTH_RATE_LIMITED', 'too many failed authentications from this address', wait);
    await next();
    // Hono has already turned a thrown 401 into its answer by now: count it by status.
    if (c.res.status !== 401) return;
    try {
      await consumeLimit(
        deps,
        `authfail:${source}`,
        deps.config.authFailuresPerMinute,
        'AUTH_RATE_LIMITED',
        'failed authentications from this address',
      );
    } catch (limited) {
      if (limited instanceof ApiError && limited.retryAfterSeconds !== undefined)
        blocks.block(source, deps.now() + limited.retryAfterSeconds * 1000);
      throw limited;
    }
  };
}

/** Counts an enrolment attempt from this source; 429 ENROL_RATE_LIMITED past the limit. */
export async function consumeEnrolment(deps: Deps, c: Context): Promise<void> {
  await consumeLimit(
    deps,
    `enrol:${sourceOf(c)}`,
    deps.config.enrolmentsPerMinute,
    'ENROL_RATE_LIMITED',
    'enrolments from this address',
  );
}
