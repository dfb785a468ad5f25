/** Random identifiers and API keys; keys are stored only as SHA-256 hashes. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { derivedId } from '../http/idempotent-ids';

/** A random id, or inside a request with an Idempotency-Key one derived from it (http/idempotent-ids.ts). */
export function newId(prefix: string): string {
  return derivedId(prefix) ?? `${prefix}_${randomUUID().replace(/-/g, '')}`;
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
