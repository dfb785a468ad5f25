/**
 * Ids derived from the Idempotency-Key. While a request with a key runs, `newId` makes each id as
 * HMAC-SHA256(KEK, scope, key, prefix, n) instead of at random, so running the same request again
 * (a retry that took over a lapsed lease) makes the same ids: what the first run committed is found
 * by its id, and can never be created a second time (the primary key refuses it). The KEK keeps the
 * ids unpredictable to anyone but the service. They have no time part (unlike other ids:
 * crypto/id-time.ts): the same key must give the same id even after its idempotency record is gone,
 * so a keyed authorization lands at a random place in the id index.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac } from 'node:crypto';

interface IdSeed {
  kek: Uint8Array;
  seed: string;
  counts: Map<string, number>;
}

const current = new AsyncLocalStorage<IdSeed | undefined>();

function derive(kek: Uint8Array, seed: string, prefix: string, n: number): string {
  return `${prefix}_${createHmac('sha256', kek).update(`id\n${seed}\n${prefix}\n${n}`).digest('hex').slice(0, 32)}`;
}

/** Runs `fn` with ids derived from (scope, key); `undefined` scope: random ids (no key). */
export function withIdempotentIds<T>(kek: Uint8Array, seed: string | undefined, fn: () => Promise<T>): Promise<T> {
  return current.run(seed === undefined ? undefined : { kek, seed, counts: new Map() }, fn);
}

/** The next derived id for `prefix` in this request, or undefined outside a keyed request. */
export function derivedId(prefix: string): string | undefined {
  const s = current.getStore();
  if (s === undefined) return undefined;
  const n = s.counts.get(prefix) ?? 0;
  s.counts.set(prefix, n + 1);
  return derive(s.kek, s.seed, prefix, n);
}

/** The first id with `prefix` that a request under `seed` makes (to find what it committed). */
export function firstDerivedId(kek: Uint8Array, seed: string, prefix: string): string {
  return derive(kek, seed, prefix, 0);
}

/** Whether the running request derives its ids from an Idempotency-Key. */
export function inKeyedRequest(): boolean {
  return current.getStore() !== undefined;
}
