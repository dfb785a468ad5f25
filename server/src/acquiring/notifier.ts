/** The acquirer side's background work: settle payments past their cut-off, then deliver notifications. */
import type { Deps } from '../deps';
import { dispatchNotifications } from './notifications';
import { settleDue } from './payments';

/** One run: cut-off settlements first, so their notifications go out in the same run. */
export async function notifyDue(deps: Deps): Promise<number> {
  await settleDue(deps);
  return dispatchNotifications(deps);
}

/** Runs notifyDue every `intervalMs` until stopped. */
export function startNotifier(deps: Deps, intervalMs = 500): () => Promise<void> {
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(() => (stopped ? 0 : notifyDue(deps))).catch(() => 0);
  }, intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
