/** Issuers and acquirers: created by the admin, each with an API key shown once and stored hashed. */
import { hashApiKey, newApiKey, newId } from '../crypto/secrets';
import type { Deps } from '../deps';

export interface CreatedParty {
  id: string;
  name: string;
  apiKey: string;
}

export async function createParty(deps: Deps, kind: 'issuer' | 'acquirer', name: string): Promise<CreatedParty> {
  const id = newId(kind === 'issuer' ? 'iss' : 'acq');
  const apiKey = newApiKey(kind === 'issuer' ? 'ik' : 'ak');
  await deps.db.kysely
    .insertInto(kind === 'issuer' ? 'issuers' : 'acquirers')
    .values({ id, name, api_key_hash: hashApiKey(apiKey), created_at: deps.now() })
    .execute();
  return { id, name, apiKey };
}
