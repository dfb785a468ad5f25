/**
 * Resending the yellow-path one-time code: a new code replaces the old one (only its keyed hash is kept, so
 * the old code stops working), its TTL starts again, and it reaches the issuer as a new sealed `token.otp`
 * event. Wrong answers keep counting across codes (a resend is not a way to more guesses). The number of
 * resends is a column of the token, raised by a conditional update, so concurrent resends cannot pass the limit.
 */
import type { TokensTable } from '../db/schema';
import type { Deps } from '../deps';
import { recordEvent } from '../events/outbox';
import { sealOtp } from '../events/sealed-payload';
import { ApiError } from '../http/errors';
import { IdvPolicy } from '../programs/model';
import { newOtpCode, otpHash } from './provision';

export const OTP_MAX_RESENDS = 3;

export interface OtpResent {
  token: TokensTable;
  resendsLeft: number;
  ttlSeconds: number;
}

function notPending(): ApiError {
  return new ApiError('TOKEN_NOT_PENDING', 'token is not awaiting a one-time code');
}

export async function resendOtp(deps: Deps, token: TokensTable): Promise<OtpResent> {
  const program = await deps.db.kysely
    .selectFrom('programs')
    .select('idv_policy')
    .where('id', '=', token.program_id)
    .executeTakeFirstOrThrow();
  const ttlSeconds = IdvPolicy.parse(JSON.parse(program.idv_policy)).otpTtlSeconds;
  const now = deps.now();
  const code = newOtpCode();
  return deps.db.kysely.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
    if (t.state !== 'requested' || t.idv !== 'yellow' || t.otp_hash === null) throw notPending();
    if (t.otp_resends >= OTP_MAX_RESENDS)
      throw new ApiError('OTP_RESEND_LIMIT', `no more codes: ${OTP_MAX_RESENDS} resends per request`);
    const moved: TokensTable = {
      ...t,
      otp_hash: otpHash(deps.kek, t.id, code),
      otp_issued_at: now,
      otp_resends: t.otp_resends + 1,
      updated_at: now,
    };
    // Conditional on what was read: a concurrent resend or answer makes this one a conflict, not a 4th code.
    const u = await trx
      .updateTable('tokens')
      .set({
        otp_hash: moved.otp_hash,
        otp_issued_at: now,
        otp_resends: moved.otp_resends,
        updated_at: now,
      })
      .where('id', '=', t.id)
      .where('state', '=', 'requested')
      .where('otp_resends', '=', t.otp_resends)
      .executeTakeFirst();
    if (Number(u.numUpdatedRows) !== 1)
      throw new ApiError('OTP_RESEND_CONFLICT', 'the request changed meanwhile; read it and retry');
    await recordEvent(trx, now, t.issuer_id, 'token.otp', t.id, {
      otpSealed: sealOtp(deps.kek, t.id, code),
      panLast4: t.pan_last4,
      ttlSeconds,
      resend: moved.otp_resends,
    });
    return { token: moved, resendsLeft: OTP_MAX_RESENDS - moved.otp_resends, ttlSeconds };
  });
}
