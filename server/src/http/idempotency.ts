/**
 * Idempotency keys (`Idempotency-Key` header) on creating and moving calls: the first answer is stored
 * with a hash of the request; a retry gets that answer back, a different request under the same key a
 * 409, and a concurrent duplicate (row reserved, answer not yet stored) a 409 IDEMPOTENCY_IN_PROGRESS.
 */
import type { MiddlewareHandler } from 'hono';
import { sha256Hex } from '../crypto/secrets';
import type { Deps } from '../deps';
import type { AppEnv } from './env';
import { ApiError } from './errors';

const PENDING = 0;

export function idempotency(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header('idempotency-key');
    if (key === undefined || c.req.method === 'GET') {
      await next();
      return;
    }
    if (!/^[\x21-\x7e]{1,128}$/.test(key))
      throw new ApiError(400, 'IDEMPOTENCY_KEY_INVALID', 'Idempotency-Key must be 1–128 visible ASCII characters');
    const p = c.get('principal');
    const scope = `${p.kind}:${p.id}`;
    const path = new URL(c.req.url).pathname;
    const requestHash = sha256Hex(`${c.req.method} ${path}\n${await c.req.text()}`);
    const db = deps.db.kysely;
    const reserved = await db
      .insertInto('idempotency')
      .values({
        scope,
        idem_key: key,
        request_hash: requestHash,
        status: PENDING,
        response: '',
        created_at: deps.now(),
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
        throw new ApiError(409, 'IDEMPOTENCY_MISMATCH', 'Idempotency-Key reused for a different request');
      if (prior.status === PENDING)
        throw new ApiError(409, 'IDEMPOTENCY_IN_PROGRESS', 'the first request with this key is still running');
      c.header('idempotent-replayed', 'true');
      return c.body(prior.response, prior.status as 200, { 'content-type': 'application/json' });
    }
    try {
      await next();
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
      .set({ status, response: body })
      .where('scope', '=', scope)
      .where('idem_key', '=', key)
      .execute();
  };
}
