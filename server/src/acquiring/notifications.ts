/**
 * Payment notifications to acquiring partners: an outbox row per state change, written with the change;
 * a dispatcher claims due rows one at a time with a conditional update (a lease), posts them signed
 * (core contract acquirer-notification.ts), logs every attempt and retries with the issuer webhooks'
 * back-off (1 s · 2^n, at most 10 minutes) up to 8 attempts. Before dispatching it settles payments
 * whose cut-off has passed, so their notification goes out in the same run.
 */
import { createHmac } from 'node:crypto';
import {
  type AcquiredPayment,
  type AcquirerNotification,
  AcquirerNotificationHeader,
  type AcquirerNotificationType,
  formatNotificationSignature,
  notificationSigningString,
} from '@arkpay/core/contract';
import type { Kysely, Transaction } from 'kysely';
import { newId } from '../crypto/secrets';
import type { AcquirerNotificationsTable, Database } from '../db/schema';
import type { Deps } from '../deps';
import { afterAttempt, claimDue, drainDue, postSigned } from '../webhooks/delivery';
import { endpointOf } from './endpoint';

export function signNotification(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(notificationSigningString(timestamp, body)).digest('hex');
  return formatNotificationSignature(timestamp, mac);
}

/** Queues the notification of a payment's change (inside the transaction that made the change). */
export async function queueNotification(
  db: Kysely<Database> | Transaction<Database>,
  now: number,
  acquirerId: string,
  type: AcquirerNotificationType,
  payment: AcquiredPayment,
): Promise<void> {
  const id = newId('ntf');
  const message: AcquirerNotification = { id, type, createdAt: now, payment };
  await db
    .insertInto('acquirer_notifications')
    .values({
      id,
      acquirer_id: acquirerId,
      payment_id: payment.id,
      type,
      body: JSON.stringify(message),
      delivery: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    })
    .execute();
}

async function deliver(deps: Deps, n: AcquirerNotificationsTable): Promise<void> {
  const db = deps.db.kysely;
  const endpoint = await endpointOf(deps, n.acquirer_id);
  if (endpoint === undefined) {
    await db.updateTable('acquirer_notifications').set({ delivery: 'none' }).where('id', '=', n.id).execute();
    return;
  }
  const { status, error, ok } = await postSigned(
    endpoint.url,
    {
      [AcquirerNotificationHeader.TYPE]: n.type,
      [AcquirerNotificationHeader.SIGNATURE]: signNotification(endpoint.secret, deps.now(), n.body),
    },
    n.body,
    deps.config.webhookTimeoutMs,
  );
  const now = deps.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('acquirer_deliveries')
      .values({
        id: newId('adl'),
        notification_id: n.id,
        acquirer_id: n.acquirer_id,
        attempt: n.attempts,
        status_code: status,
        ok: ok ? 1 : 0,
        error,
        created_at: now,
      })
      .execute();
    const next = afterAttempt(ok, n.attempts, now);
    await trx.updateTable('acquirer_notifications').set(next).where('id', '=', n.id).execute();
  });
}

/** Delivers every due notification once; returns how many were attempted. */
export function dispatchNotifications(deps: Deps, max = 100): Promise<number> {
  return drainDue(
    max,
    () => claimDue<AcquirerNotificationsTable>(deps.db.kysely, 'acquirer_notifications', deps.now()),
    (n) => deliver(deps, n),
  );
}
