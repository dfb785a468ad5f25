/** The issuer's webhook signing secret (sealed under the KEK), or undefined when no webhook is set. */
import { unseal } from '../crypto/seal';
import type { Deps } from '../deps';

export function webhookSecretAad(issuerId: string): string {
  return `webhook:${issuerId}`;
}

export async function webhookSecret(deps: Deps, issuerId: string): Promise<string | undefined> {
  const hook = await deps.db.kysely
    .selectFrom('webhooks')
    .select('secret_sealed')
    .where('issuer_id', '=', issuerId)
    .executeTakeFirst();
  return hook === undefined
    ? undefined
    : new TextDecoder().decode(unseal(deps.kek, hook.secret_sealed, webhookSecretAad(issuerId)));
}
