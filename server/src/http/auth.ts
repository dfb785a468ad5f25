/**
 * Authentication middleware. Issuers, acquirers and the admin present `Authorization: Bearer <key>`
 * (only SHA-256 hashes are stored); devices sign every call (crypto/device-signature.ts) and each nonce
 * is recorded once in the database, so a replayed call is refused by a unique key.
 */
import { DeviceHeader } from '@arkpay/core/contract';
import type { MiddlewareHandler } from 'hono';
import {
  canonicalDeviceKey,
  parseDevicePublicKey,
  signingString,
  verifyDeviceSignature,
} from '../crypto/device-signature';
import { hashApiKey, sha256Hex } from '../crypto/secrets';
import type { KeyKind } from '../db/api-key-cache';
import { HotQuery, hot } from '../db/hot-query';
import type { Deps } from '../deps';
import { consumeEnrolment } from './abuse-limit';
import type { AppEnv } from './env';
import { ApiError } from './errors';
import { consumeRate } from './rate-limit';

function bearer(header: string | undefined): string {
  const m = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
  if (m === null || m[1] === undefined) throw new ApiError('UNAUTHENTICATED', 'missing Bearer API key');
  return m[1];
}

const ISSUER_BY_KEY = new HotQuery('select id from issuers where api_key_hash = ?');
const ACQUIRER_BY_KEY = new HotQuery('select id from acquirers where api_key_hash = ?');

async function principalForKey(deps: Deps, kind: 'admin' | KeyKind, key: string): Promise<string> {
  const hash = hashApiKey(key);
  if (kind === 'admin') {
    const row = await deps.db.kysely
      .selectFrom('settings')
      .select('value')
      .where('name', '=', 'admin_key_hash')
      .executeTakeFirst();
    if (row?.value === hash) return 'admin';
  } else {
    const cache = deps.db.apiKeys;
    const cached = cache?.get(kind, hash);
    if (cached !== undefined) return cached;
    const mark = cache?.mark() ?? 0;
    const [row] = await hot<{ id: string }>(deps.db.kysely, kind === 'issuer' ? ISSUER_BY_KEY : ACQUIRER_BY_KEY, [
      hash,
    ]);
    if (row !== undefined) {
      cache?.put(kind, hash, row.id, mark);
      return row.id;
    }
  }
  throw new ApiError('UNAUTHENTICATED', `not a valid ${kind} API key`);
}

/** The acquirer an API key belongs to, or undefined (the relay's POS hello). */
export async function acquirerForKey(deps: Deps, key: string): Promise<string | undefined> {
  try {
    return await principalForKey(deps, 'acquirer', key);
  } catch (e) {
    if (e instanceof ApiError) return undefined;
    throw e;
  }
}

export function apiKeyAuth(deps: Deps, kind: 'admin' | 'issuer' | 'acquirer'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const id = await principalForKey(deps, kind, bearer(c.req.header('authorization')));
    await consumeRate(deps, `${kind}:${id}`);
    c.set('principal', { kind, id });
    await next();
  };
}

function header(value: string | undefined, name: string): string {
  if (value === undefined || value === '') throw new ApiError('SIGNATURE_MISSING', `missing ${name} header`);
  return value;
}

/**
 * Verifies a signed device call. Enrolment (`enrolPath`) is signed with the key being enrolled
 * (proof of possession), found in the body; every other call with the enrolled key.
 */
export function deviceAuth(deps: Deps, enrolPath: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const nonce = header(c.req.header(DeviceHeader.NONCE), DeviceHeader.NONCE);
    const ts = header(c.req.header(DeviceHeader.TIMESTAMP), DeviceHeader.TIMESTAMP);
    const sig = header(c.req.header(DeviceHeader.SIGNATURE), DeviceHeader.SIGNATURE);
    if (!/^[A-Za-z0-9_-]{16,128}$/.test(nonce))
      throw new ApiError('SIGNATURE_INVALID', 'nonce must be 16–128 url-safe characters');
    if (!/^\d{1,15}$/.test(ts) || Math.abs(deps.now() - Number(ts)) > deps.config.signatureWindowMs) {
      throw new ApiError('SIGNATURE_EXPIRED', 'timestamp outside the accepted window');
    }
    const body = await c.req.text();
    const url = new URL(c.req.url);
    const path = url.pathname;
    let deviceId: string;
    let spki: string;
    let lost = false;
    if (path === enrolPath && c.req.method === 'POST') {
      // Every attempt counts, valid or not: enrolment is what a key-farming client repeats.
      await consumeEnrolment(deps, c);
      let parsed: { publicKey?: unknown } | null;
      try {
        parsed = JSON.parse(body) as { publicKey?: unknown } | null;
      } catch {
        throw new ApiError('VALIDATION_FAILED', 'body is not JSON');
      }
      if (typeof parsed?.publicKey !== 'string') throw new ApiError('VALIDATION_FAILED', 'publicKey is required');
      const canonical = canonicalDeviceKey(parsed.publicKey);
      if (canonical === undefined)
        throw new ApiError('DEVICE_KEY_INVALID', 'publicKey must be an SPKI DER (base64) P-256 key');
      spki = canonical;
      // Until enrolled, the key itself is the caller (nonces and idempotency keys are scoped to it).
      deviceId = `enrol:${sha256Hex(spki).slice(0, 32)}`;
    } else {
      deviceId = header(c.req.header(DeviceHeader.DEVICE), DeviceHeader.DEVICE);
      const row = await deps.db.kysely
        .selectFrom('devices')
        .select(['public_key', 'state'])
        .where('id', '=', deviceId)
        .executeTakeFirst();
      if (row === undefined) throw new ApiError('DEVICE_UNKNOWN', 'device is not enrolled');
      lost = row.state === 'lost';
      spki = row.public_key;
    }
    const key = parseDevicePublicKey(spki);
    if (key === undefined) throw new ApiError('DEVICE_KEY_INVALID', 'publicKey must be an SPKI DER (base64) P-256 key');
    if (!verifyDeviceSignature(key, signingString(c.req.method, path + url.search, body, nonce, ts), sig)) {
      throw new ApiError('SIGNATURE_INVALID', 'device signature does not verify');
    }
    const fresh = await deps.db.kysely
      .insertInto('device_nonces')
      .values({ device_id: deviceId, nonce, created_at: deps.now() })
      .onConflict((oc) => oc.columns(['device_id', 'nonce']).doNothing())
      .returning('nonce')
      .executeTakeFirst();
    if (fresh === undefined) throw new ApiError('SIGNATURE_REPLAYED', 'nonce already used');
    // A device reported lost may still read, never change anything.
    if (lost && c.req.method !== 'GET') throw new ApiError('DEVICE_LOST', 'device was reported lost');
    await consumeRate(deps, `device:${deviceId}`);
    c.set('principal', { kind: 'device', id: deviceId });
    await next();
  };
}
