/**
 * Drops rows that can no longer matter: device nonces older than twice the signature window (a call that
 * old is refused by its timestamp anyway), idempotency answers older than a day, old rate-limit windows,
 * merchant QR quotes that expired unpaid a day ago. Safe to run from every process at once (plain range deletes).
 */
import type { Deps } from '../deps';

const DAY_MS = 86_400_000;

export async function housekeeping(deps: Deps): Promise<void> {
  const now = deps.now();
  const db = deps.db.kysely;
  await db
    .deleteFrom('device_nonces')
    .where('created_at', '<', now - 2 * deps.config.signatureWindowMs)
    .execute();
  await db
    .deleteFrom('idempotency')
    .where('created_at', '<', now - DAY_MS)
    .execute();
  await db
    .deleteFrom('rate_limits')
    .where('window_start', '<', now - 120_000)
    .execute();
  await db
    .deleteFrom('qr_quotes')
    .where('state', '=', 'open')
    .where('expires_at', '<', now - DAY_MS)
    .execute();
}

/** Runs housekeeping every `intervalMs` until stopped. */
export function startHousekeeping(deps: Deps, intervalMs = 60_000): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => housekeeping(deps)).catch(() => undefined);
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
