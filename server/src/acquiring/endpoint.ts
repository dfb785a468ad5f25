/**
 * An acquirer's notification endpoint: the URL payment notifications are posted to and the signing
 * secret, shown once when set or rotated and kept sealed under the KEK (like issuer webhook secrets).
 */
import { randomBytes } from 'node:crypto';
import { seal, unseal } from '../crypto/seal';
import type { Deps } from '../deps';
import { ApiError } from '../http/errors';

export function endpointSecretAad(acquirerId: string): string {
  return `acquirer-endpoint:${acquirerId}`;
}

function newSecret(): string {
  return `acqsec_${randomBytes(24).toString('base64url')}`;
}

export interface EndpointSecret {
  url: string;
  secret: string;
}

/** Sets the URL with a new secret (setting the same URL again rotates the secret). */
export async function setEndpoint(deps: Deps, acquirerId: string, url: string): Promise<EndpointSecret> {
  const secret = newSecret();
  const sealed = seal(deps.kek, new TextEncoder().encode(secret), endpointSecretAad(acquirerId));
  await deps.db.kysely
    .insertInto('acquirer_endpoints')
    .values({ acquirer_id: acquirerId, url, secret_sealed: sealed, created_at: deps.now() })
    .onConflict((oc) => oc.column('acquirer_id').doUpdateSet({ url, secret_sealed: sealed }))
    .execute();
  return { url, secret };
}

/** A new secret for the URL already set. */
export async function rotateSecret(deps: Deps, acquirerId: string): Promise<EndpointSecret> {
  const row = await endpointOf(deps, acquirerId);
  if (row === undefined) throw new ApiError('NOTIFICATION_URL_NOT_SET', 'set a notification URL first');
  return setEndpoint(deps, acquirerId, row.url);
}

export async function endpointOf(deps: Deps, acquirerId: string): Promise<{ url: string; secret: string } | undefined> {
  const row = await deps.db.kysely
    .selectFrom('acquirer_endpoints')
    .selectAll()
    .where('acquirer_id', '=', acquirerId)
    .executeTakeFirst();
  if (row === undefined) return undefined;
  const secret = new TextDecoder().decode(unseal(deps.kek, row.secret_sealed, endpointSecretAad(acquirerId)));
  return { url: row.url, secret };
}
