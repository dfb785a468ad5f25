/**
 * Outbox dispatcher: claims due events one at a time with a conditional update (a lease), so several
 * processes can run it against one database without delivering an event twice at once; posts them
 * signed to the issuer's webhook; logs every attempt; retries with exponential back-off (1 s · 2^n,
 * at most 10 minutes) up to 8 attempts, then marks the event failed.
 */
import { randomBytes } from 'node:crypto';
import { unseal } from '../crypto/seal';
import { newId } from '../crypto/secrets';
import type { EventsTable } from '../db/schema';
import type { Deps } from '../deps';
import { openEventPayload } from '../events/sealed-payload';
import { afterAttempt, claimDue, drainDue, postSigned } from './delivery';
import { webhookSecretAad } from './secret';
import { signWebhook } from './signature';

async function deliver(deps: Deps, e: EventsTable): Promise<void> {
  const db = deps.db.kysely;
  const hook = await db.selectFrom('webhooks').selectAll().where('issuer_id', '=', e.issuer_id).executeTakeFirst();
  if (hook === undefined) {
    await db.updateTable('events').set({ delivery: 'none' }).where('id', '=', e.id).execute();
    return;
  }
  const secret = Buffer.from(unseal(deps.kek, hook.secret_sealed, webhookSecretAad(hook.issuer_id))).toString('utf8');
  const body = JSON.stringify({
    id: e.id,
    type: e.type,
    subjectId: e.subject_id,
    payload: openEventPayload(deps.kek, e.subject_id, e.payload),
    createdAt: e.created_at,
  });
  const { status, error, ok } = await postSigned(
    hook.url,
    { 'x-arkpay-event': e.type, 'x-arkpay-signature': signWebhook(secret, deps.now(), body) },
    body,
    deps.config.webhookTimeoutMs,
  );
  const now = deps.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('deliveries')
      .values({
        id: newId('dlv'),
        event_id: e.id,
        issuer_id: e.issuer_id,
        attempt: e.attempts,
        status_code: status,
        ok: ok ? 1 : 0,
        error,
        created_at: now,
      })
      .execute();
    const next = afterAttempt(ok, e.attempts, now);
    await trx.updateTable('events').set(next).where('id', '=', e.id).execute();
  });
}

/** Delivers every due event once; returns how many were attempted. */
export function dispatchDue(deps: Deps, max = 100): Promise<number> {
  return drainDue(
    max,
    () => claimDue<EventsTable>(deps.db.kysely, 'events', deps.now()),
    (e) => deliver(deps, e),
  );
}

export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/** Runs dispatchDue every `intervalMs` until stopped. */
export function startDispatcher(deps: Deps, intervalMs = 500): () => Promise<void> {
  let stopped = false;
  let running: Promise<number> = Promise.resolve(0);
  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(() => (stopped ? 0 : dispatchDue(deps))).catch(() => 0);
  }, intervalMs);
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
