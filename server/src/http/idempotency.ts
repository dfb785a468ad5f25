/**
 * Idempotency keys (`Idempotency-Key` header) on creating and moving calls: the first answer is stored
 * with a hash of the request; a retry gets that answer back, a different request under the same key a
 * 409 IDEMPOTENCY_MISMATCH.
 *
 * Stored answers are sealed under the KEK (AES-256-GCM, AAD bound to the scope and key): some hold
 * secrets shown once (new API keys, webhook secrets, single-use keys, the POS wallet's device key), and
 * a retry by the same caller with the same key must get the same answer back, so they are kept sealed
 * rather than dropped. They are deleted after a day (maintenance/housekeeping.ts).
 *
 * The first request holds the key under a lease (ARKPAY_IDEMPOTENCY_LEASE_MS). A retry while the lease
 * runs is 409 IDEMPOTENCY_IN_PROGRESS with Retry-After. If the holder died (kill -9, lost machine), its
 * lease lapses and the next retry takes the key over with a compare-and-set on the lease. Ids made
 * under a key are derived from it (idempotent-ids.ts), so the retry first looks for the authorization
 * (tap, QR, in-app, refund, reversal) the first run would have committed: found, it answers that
 * committed outcome; otherwise it runs the request again, and anything the first run did commit is
 * refused by its primary key (409 IDEMPOTENCY_COMMITTED), never made twice.
 */
import type { MiddlewareHandler } from 'hono';
import { toAuthorizationResult } from '../authorize/result-of';
import { seal, unseal } from '../crypto/seal';
import { sha256Hex } from '../crypto/secrets';
import type { Deps } from '../deps';
import type { AppEnv } from './env';
import { ApiError, fail } from './errors';
import { firstDerivedId, withIdempotentIds } from './idempotent-ids';

const PENDING = 0;
/** Marks a sealed stored answer (rows written before sealing hold clear JSON until sealed at start). */
export const SEALED_PREFIX = 'sealed:';

export function idempotencyAad(scope: string, key: string): string {
  return `idem:${scope}:${key}`;
}

export function sealAnswer(deps: Deps, scope: string, key: string, body: string): string {
  return SEALED_PREFIX + seal(deps.kek, new TextEncoder().encode(body), idempotencyAad(scope, key));
}

function openAnswer(deps: Deps, scope: string, key: string, stored: string): string {
  if (!stored.startsWith(SEALED_PREFIX)) return stored;
  return new TextDecoder().decode(unseal(deps.kek, stored.slice(SEALED_PREFIX.length), idempotencyAad(scope, key)));
}

export function idempotency(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined || c.req.method === 'GET') {
      // Random ids, even when called in-process from inside a keyed request (the POS tap).
      await withIdempotentIds(deps.kek, undefined, next);
      return;
    }
    if (!/^[\x21-\x7e]{1,128}$/.test(key))
      throw new ApiError('IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1–128 visible ASCII characters');
    const p = c.get('principal');
    const scope = `${p.kind}:${p.id}`;
    const path = new URL(c.req.url).pathname;
    const requestHash = sha256Hex(`${c.req.method} ${path}\n${await c.req.text()}`);
    const db = deps.db.kysely;
    const seed = `${scope}\n${key}`;
    const now = deps.now();
    const leaseMs = deps.config.idempotencyLeaseMs;
    const reserved = await db
      .insertInto('idempotency')
      .values({
        scope,
        idem_key: key,
        request_hash: requestHash,
        status: PENDING,
        response: '',
        created_at: now,
        lease_until: now + leaseMs,
      })
      .onConflict((oc) => oc.columns(['scope', 'idem_key']).doNothing())
      .returning('idem_key')
      .executeTakeFirst();
    if (reserved === undefined) {
      const prior = await db
        .selectFrom('idempotency')
        .selectAll()
        .where('scope', '=', scope)
        .where('idem_key', '=', key)
        .executeTakeFirstOrThrow();
      if (prior.request_hash !== requestHash)
        throw new ApiError('IDEMPOTENCY_MISMATCH', 'Idempotency-Key reused for a different request');
      if (prior.status !== PENDING) {
        c.header('idempotent-replayed', 'true');
        return c.body(openAnswer(deps, scope, key, prior.response), prior.status as 200, {
          'content-type': 'application/json',
        });
      }
      const inProgress = (until: number) =>
        fail(
          'IDEMPOTENCY_IN_PROGRESS',
          'the first request with this key is still running',
          Math.max(1, Math.ceil((until - now) / 1000)),
        );
      if (Number(prior.lease_until) > now) throw inProgress(Number(prior.lease_until));
      // The holder's lease lapsed (it died mid-request): take the key over, once, and run again.
      const taken = await db
        .updateTable('idempotency')
        .set({ lease_until: now + leaseMs })
        .where('scope', '=', scope)
        .where('idem_key', '=', key)
        .where('status', '=', PENDING)
        .where('lease_until', '=', prior.lease_until)
        .returning('idem_key')
        .executeTakeFirst();
      if (taken === undefined) throw inProgress(now + leaseMs);
      // The first run may have committed before it died: an authorization it made has a derived id.
      const committed = await db
        .selectFrom('authorizations')
        .selectAll()
        .where(
          'id',
          'in',
          ['auth', 'rfd', 'rev'].map((prefix) => firstDerivedId(deps.kek, seed, prefix)),
        )
        .executeTakeFirst();
      if (committed !== undefined) {
        const body = JSON.stringify(toAuthorizationResult(committed));
        await db
          .updateTable('idempotency')
          .set({ status: 200, response: sealAnswer(deps, scope, key, body) })
          .where('scope', '=', scope)
          .where('idem_key', '=', key)
          .execute();
        c.header('idempotent-replayed', 'true');
        return c.body(body, 200, { 'content-type': 'application/json' });
      }
    }
    try {
      await withIdempotentIds(deps.kek, seed, next);
    } catch (e) {
      // A failed first attempt must not pin its failure: release the key so a retry runs again.
      await db.deleteFrom('idempotency').where('scope', '=', scope).where('idem_key', '=', key).execute();
      throw e;
    }
    const status = c.res.status;
    if (status >= 500) {
      await db.deleteFrom('idempotency').where('scope', '=', scope).where('idem_key', '=', key).execute();
      return;
    }
    const body = await c.res.clone().text();
    await db
      .updateTable('idempotency')
      .set({ status, response: sealAnswer(deps, scope, key, body) })
      .where('scope', '=', scope)
      .where('idem_key', '=', key)
      .execute();
  };
}
