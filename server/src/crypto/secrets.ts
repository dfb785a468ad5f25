/** Random identifiers and API keys; keys are stored only as SHA-256 hashes. */
import { createHash, randomBytes } from 'node:crypto';
import { derivedId } from '../http/idempotent-ids';
import { idTime } from './id-time';

/**
 * A new id: `<prefix>_` + 12 hex digits of time + 20 hex digits (80 bits) at random, so it stays
 * unguessable; inside a request with an Idempotency-Key the random part is derived from the key
 * (http/idempotent-ids.ts).
 */
export function newId(prefix: string): string {
  return derivedId(prefix) ?? newRandomId(prefix);
}

/**
 * An id never derived from the request's Idempotency-Key: for a row its own handler finds again after a
 * crash (a quote's authorization), so a retry runs that handler, which answers in its own shape.
 */
export function newRandomId(prefix: string): string {
  return `${prefix}_${idTime(Date.now())}${randomBytes(10).toString('hex')}`;
}

export function newApiKey(prefix: string): string {
  return `${prefix}_${randomBytes(24).toString('base64url')}`;
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function hashApiKey(key: string): string {
  return sha256Hex(`arkpay-api-key:${key}`);
}
