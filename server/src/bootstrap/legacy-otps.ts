/**
 * Upgrade of databases written before one-time codes were sealed: a `token.otp` event holding its code in
 * clear gets it sealed (events/sealed-payload.ts), and a pending token whose row keeps the plain SHA-256
 * of that code gets the keyed hash instead, so the cardholder's code still works. Runs at every start;
 * each update is conditional on the old value, so several processes starting together do it once.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../deps';
import { sealOtp } from '../events/sealed-payload';
import { otpHash } from '../tokens/provision';

export async function sealLegacyOtps(deps: Deps): Promise<number> {
  const db = deps.db.kysely;
  const rows = await db
    .selectFrom('events')
    .select(['id', 'subject_id', 'payload'])
    .where('type', '=', 'token.otp')
    .where('payload', 'like', '%"otp":%')
    .execute();
  let sealed = 0;
  for (const r of rows) {
    const p = JSON.parse(r.payload) as Record<string, string | number | boolean | null>;
    const code = p.otp;
    if (typeof code !== 'string') continue;
    const { otp: _, ...rest } = p;
    const payload = JSON.stringify({ ...rest, otpSealed: sealOtp(deps.kek, r.subject_id, code) });
    await db.transaction().execute(async (trx) => {
      const u = await trx
        .updateTable('events')
        .set({ payload })
        .where('id', '=', r.id)
        .where('payload', '=', r.payload)
        .executeTakeFirst();
      if (Number(u.numUpdatedRows) === 0) return;
      sealed++;
      const legacy = createHash('sha256').update(`otp:${r.subject_id}:${code}`).digest('hex');
      await trx
        .updateTable('tokens')
        .set({ otp_hash: otpHash(deps.kek, r.subject_id, code) })
        .where('id', '=', r.subject_id)
        .where('otp_hash', '=', legacy)
        .execute();
    });
  }
  return sealed;
}
