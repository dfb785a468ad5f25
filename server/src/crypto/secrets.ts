/** Random identifiers and API keys; keys are stored only as SHA-256 hashes. */
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
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
  return `${prefix}_${idTime(Date.now())}${poolHex(10)}`;
}

/**
 * The random part of ids, drawn from a pool refilled 4 KiB at a time from the CSPRNG (as Node does for
 * randomUUID): one call into OpenSSL per ~400 ids instead of one per id, which profiled at 30-40 µs of a
 * tap's CPU (two ids each). Bytes are used once. Keys and secrets never come from it (newApiKey below).
 */
const ID_POOL = Buffer.alloc(4096);
let idPoolAt = ID_POOL.length;

function poolHex(bytes: number): string {
  if (idPoolAt + bytes > ID_POOL.length) {
    randomFillSync(ID_POOL);
    idPoolAt = 0;
  }
  const hex = ID_POOL.toString('hex', idPoolAt, idPoolAt + bytes);
  idPoolAt += bytes;
  return hex;
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
