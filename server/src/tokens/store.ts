/** Token look-ups scoped to their owner: another issuer's or device's token is "not found". */
import type { TokensTable } from '../db/schema';
import type { Deps } from '../deps';
import { ApiError } from '../http/errors';

export async function tokenFor(
  deps: Deps,
  owner: 'issuer' | 'device',
  ownerId: string,
  id: string,
): Promise<TokensTable> {
  const t = await deps.db.kysely
    .selectFrom('tokens')
    .selectAll()
    .where('id', '=', id)
    .where(owner === 'issuer' ? 'issuer_id' : 'device_id', '=', ownerId)
    .executeTakeFirst();
  if (t === undefined) throw new ApiError('TOKEN_NOT_FOUND', 'no such token');
  return t;
}
