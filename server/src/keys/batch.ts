/**
 * Single-use key batches. The token's master key is derived from the program's issuer master key
 * (IMK → token MK with the token number as PAN), and each key is the EMV common session key for one
 * ATC, so the device can make a cryptogram that verifies like a chip card's. ATC ranges are handed out
 * by an atomic counter update in the database. A replenishment reports the ATCs the device spent since
 * the last one; the service compares them with the ATCs it saw in authorizations. Re-reported ATCs (at or
 * below the last acknowledged one) are ignored, so a device may safely repeat a report it lost the answer to.
 */
import { acKey, deriveCvnMasterKey, toHex } from '@arkpay/core';
import { NodeCrypto } from '@arkpay/core/node';
import type { ProgramsTable, TokensTable } from '../db/schema';
import type { Deps } from '../deps';
import { recordEvent } from '../events/outbox';
import { ApiError } from '../http/errors';
import { programMasterKey } from '../programs/store';
import { cvnOfProfile } from './profile';

const crypto = new NodeCrypto();
const MAX_ATC = 0xffff;

export interface IssuedKey {
  atc: number;
  key: string;
}

export interface AtcCheck {
  /** Reported by the device, never seen in an authorization (offline, or not sent on). */
  unseen: number[];
  /** Seen in an authorization, not reported by the device: a possible copy of the keys. */
  unreported: number[];
}

export function tokenMasterKey(
  deps: Deps,
  program: Pick<ProgramsTable, 'id' | 'imk_sealed' | 'profile'>,
  token: Pick<TokensTable, 'token_number' | 'psn'>,
): Uint8Array {
  return deriveCvnMasterKey(
    crypto,
    programMasterKey(deps, program),
    token.token_number,
    token.psn,
    cvnOfProfile(program.profile),
  );
}

export async function replenish(
  deps: Deps,
  token: TokensTable,
  count: number,
  usedAtcs: number[],
): Promise<{ keys: IssuedKey[]; check: AtcCheck }> {
  if (token.state !== 'active') throw new ApiError('TOKEN_NOT_ACTIVE', `token is ${token.state}`);
  for (const a of usedAtcs) {
    if (a >= token.next_atc) throw new ApiError('ATC_REPORT_INVALID', `reported ATC ${a} was never handed out`);
  }
  // An ATC at or below the last report was acknowledged already: a device that crashed before remembering the
  // answer reports it again, which changes nothing.
  const fresh = usedAtcs.filter((a) => a > token.reported_atc);
  const program = await deps.db.kysely
    .selectFrom('programs')
    .selectAll()
    .where('id', '=', token.program_id)
    .executeTakeFirstOrThrow();
  const now = deps.now();
  const out = await deps.db.kysely.transaction().execute(async (trx) => {
    const seen = await trx
      .selectFrom('atc_uses')
      .select('atc')
      .where('token_id', '=', token.id)
      .where('atc', '>', token.reported_atc)
      .execute();
    const seenSet = new Set(seen.map((r) => r.atc));
    const reported = new Set(fresh);
    const check: AtcCheck = {
      unseen: [...reported].filter((a) => !seenSet.has(a)).sort((x, y) => x - y),
      unreported: [...seenSet].filter((a) => !reported.has(a)).sort((x, y) => x - y),
    };
    if (check.unreported.length > 0) {
      await recordEvent(trx, now, token.issuer_id, 'token.atc_mismatch', token.id, {
        unreported: check.unreported.join(','),
        unseen: check.unseen.join(','),
      });
    }
    const high = Math.max(token.reported_atc, ...fresh, ...seenSet);
    const moved = await trx
      .updateTable('tokens')
      .set((eb) => ({ next_atc: eb('next_atc', '+', count), reported_atc: high, updated_at: now }))
      .where('id', '=', token.id)
      .where('state', '=', 'active')
      .where('next_atc', '<=', MAX_ATC + 1 - count)
      .returning('next_atc')
      .executeTakeFirst();
    if (moved === undefined)
      throw new ApiError('ATC_EXHAUSTED', 'token cannot take more keys (ATC space used up or token not active)');
    return { first: moved.next_atc - count, check };
  });
  const mk = tokenMasterKey(deps, program, token);
  const cvn = cvnOfProfile(program.profile);
  const keys: IssuedKey[] = [];
  for (let atc = out.first; atc < out.first + count; atc++)
    keys.push({ atc, key: toHex(acKey(crypto, mk, cvn, atc, null)) });
  return { keys, check: out.check };
}
