/**
 * Transactional outbox: an event is written in the same transaction as the change it reports; the
 * webhook dispatcher (webhooks/dispatcher.ts) delivers it later, from whichever process gets there first.
 */
import type { Kysely } from 'kysely';
import { newId } from '../crypto/secrets';
import { HotQuery, hot } from '../db/hot-query';
import type { Database } from '../db/schema';

export type EventPayload = Record<string, string | number | boolean | null>;

export const INSERT_EVENT = new HotQuery(
  `insert into events (id, issuer_id, type, subject_id, payload, created_at, delivery, attempts, next_attempt_at)
   values (?, ?, ?, ?, ?, ?, 'pending', 0, ?)`,
);

/** The parameters of INSERT_EVENT for a new event (its id made here, first). */
export function eventParams(
  now: number,
  issuerId: string,
  type: string,
  subjectId: string,
  payload: EventPayload,
): [string, string, string, string, string, number, number] {
  return [newId('evt'), issuerId, type, subjectId, JSON.stringify(payload), now, now];
}

export async function recordEvent(
  db: Kysely<Database>,
  now: number,
  issuerId: string,
  type: string,
  subjectId: string,
  payload: EventPayload,
): Promise<string> {
  const params = eventParams(now, issuerId, type, subjectId, payload);
  await hot(db, INSERT_EVENT, params);
  return params[0];
}
