/**
 * Upgrade at start: idempotent answers stored in clear before answers were sealed (they may hold API
 * keys, webhook secrets, single-use keys) are sealed under the KEK in place, so a retry still gets its
 * answer and no secret stays readable in the table.
 */
import type { Deps } from '../deps';
import { SEALED_PREFIX, sealAnswer } from '../http/idempotency';

export async function sealLegacyIdempotency(deps: Deps): Promise<number> {
  const db = deps.db.kysely;
  const rows = await db
    .selectFrom('idempotency')
    .select(['scope', 'idem_key', 'response'])
    .where('response', '!=', '')
    .where('response', 'not like', `${SEALED_PREFIX}%`)
    .execute();
  for (const r of rows) {
    await db
      .updateTable('idempotency')
      .set({ response: sealAnswer(deps, r.scope, r.idem_key, r.response) })
      .where('scope', '=', r.scope)
      .where('idem_key', '=', r.idem_key)
      .where('response', '=', r.response)
      .execute();
  }
  return rows.length;
}
