/**
 * Transactional outbox: an event is written in the same transaction as the change it reports; the
 * webhook dispatcher (webhooks/dispatcher.ts) delivers it later, from whichever process gets there first.
 */
import type { Kysely } from 'kysely';
import { newId } from '../crypto/secrets';
import type { Database } from '../db/schema';

export type EventPayload = Record<string, string | number | boolean | null>;

export async function recordEvent(
  db: Kysely<Database>,
  now: number,
  issuerId: string,
  type: string,
  subjectId: string,
  payload: EventPayload,
): Promise<string> {
  const id = newId('evt');
  await db
    .insertInto('events')
    .values({
      id,
      issuer_id: issuerId,
      type,
      subject_id: subjectId,
      payload: JSON.stringify(payload),
      created_at: now,
      delivery: 'pending',
      attempts: 0,
      next_attempt_at: now,
    })
    .execute();
  return id;
}
