/**
 * Provisioning (add a card): open the card-data envelope, validate the card with the core, find the
 * program by BIN, run ID&V (green → active; yellow → one-time-code step-up; red → declined) and
 * create the token. The PAN is sealed under the KEK bound to the token id; only its last four are kept
 * in clear. The OTP goes to the issuer as a `token.otp` event (the issuer delivers it to the cardholder
 * out of band), sealed under the KEK in the event; the token row keeps only an HMAC of it under the KEK.
 */
import { createHmac, randomInt } from 'node:crypto';
import { type ApiErrorCode, CardDataError, CardEntry, TokenActor, TokenEvent, validateCardEntry } from '@arkpay/core';
import type { z } from '@hono/zod-openapi';
import { type CardEnvelope, openCardData } from '../crypto/card-envelope';
import { seal } from '../crypto/seal';
import { newId } from '../crypto/secrets';
import type { TokensTable } from '../db/schema';
import type { Deps } from '../deps';
import { recordEvent } from '../events/outbox';
import { sealOtp } from '../events/sealed-payload';
import { ApiError, fromCoreError } from '../http/errors';
import { programForPan } from '../programs/bin-range';
import { IdvPolicy } from '../programs/model';
import { transitionToken } from './lifecycle';
import { newTokenNumber } from './number';

/** What a token request can be refused with: the envelope, the core's card checks, the BIN ranges. */
export const PROVISION_ERRORS: readonly ApiErrorCode[] = [
  'CARD_DATA_UNREADABLE',
  'CARD_PAN_FORMAT',
  'CARD_SCHEME_UNKNOWN',
  'CARD_PAN_LENGTH',
  'CARD_LUHN',
  'CARD_EXPIRY_FORMAT',
  'CARD_EXPIRED',
  'CARD_CVV',
  'CARD_NOT_SUPPORTED',
  'SEALED_CORRUPT',
];

export type Idv = 'green' | 'yellow' | 'red';

export function idvOutcome(policy: z.infer<typeof IdvPolicy>, riskScore: number): Idv {
  if (riskScore <= policy.greenMaxRisk) return 'green';
  if (riskScore <= policy.yellowMaxRisk) return 'yellow';
  return 'red';
}

/** Wrong answers allowed per token, across all its codes (a resend does not give fresh attempts). */
export const OTP_MAX_ATTEMPTS = 3;

export function newOtpCode(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

/** Keyed under the KEK: a plain hash of a six-digit code would be reversed by trying all million codes. */
export function otpHash(kek: Uint8Array, tokenId: string, code: string): string {
  return createHmac('sha256', kek).update(`otp:${tokenId}:${code}`).digest('hex');
}

function parseCard(json: string): CardEntry {
  let raw: { pan?: unknown; expiry?: unknown; cvv?: unknown; name?: unknown };
  try {
    raw = JSON.parse(json) as typeof raw;
  } catch {
    throw new ApiError('CARD_DATA_UNREADABLE', 'card data is not JSON');
  }
  const e = new CardEntry();
  if (typeof raw.pan !== 'string' || typeof raw.expiry !== 'string' || typeof raw.cvv !== 'string') {
    throw new ApiError('CARD_DATA_UNREADABLE', 'card data needs pan, expiry and cvv strings');
  }
  e.pan = raw.pan;
  e.expiry = raw.expiry;
  e.cvv = raw.cvv;
  e.name = typeof raw.name === 'string' ? raw.name : '';
  return e;
}

export interface Provisioned {
  token: TokensTable;
  stepUp: 'otp' | null;
}

export async function provisionToken(
  deps: Deps,
  deviceId: string,
  envelope: CardEnvelope,
  riskScore: number,
): Promise<Provisioned> {
  const json = openCardData(deps.serviceKey.pkcs8, deviceId, envelope);
  if (json === undefined)
    throw new ApiError('CARD_DATA_UNREADABLE', 'card data envelope does not open (wrong key, device or tampered)');
  let card: ReturnType<typeof validateCardEntry>;
  try {
    card = validateCardEntry(parseCard(json), deps.now());
  } catch (e) {
    if (e instanceof CardDataError) throw fromCoreError(e, 'CARD_PAN_FORMAT');
    throw e;
  }
  const program = await programForPan(deps, card.pan);
  if (program === undefined) throw new ApiError('CARD_NOT_SUPPORTED', 'no card program covers this card');
  const policy = IdvPolicy.parse(JSON.parse(program.idv_policy));
  const idv = idvOutcome(policy, riskScore);
  const domains = (JSON.parse(program.decision) as { domains?: string[] }).domains ?? [];
  const now = deps.now();
  const id = newId('tok');
  const otp = idv === 'yellow' ? newOtpCode() : null;
  const row: TokensTable = {
    id,
    token_number: newTokenNumber(program.token_bin),
    issuer_id: program.issuer_id,
    program_id: program.id,
    device_id: deviceId,
    pan_sealed: seal(deps.kek, new TextEncoder().encode(card.pan), `pan:${id}`),
    pan_last4: card.pan.slice(-4),
    // PAR: the same for every token of one account, not reversible without the KEK.
    par: `A${createHmac('sha256', deps.kek).update(`par:${card.pan}`).digest('hex').slice(0, 28).toUpperCase()}`,
    expiry: card.expiryYymm,
    psn: '00',
    state: 'requested',
    idv,
    domains: domains.join(','),
    otp_hash: otp === null ? null : otpHash(deps.kek, id, otp),
    otp_attempts: 0,
    otp_issued_at: otp === null ? null : now,
    otp_resends: 0,
    next_atc: 1,
    reported_atc: 0,
    created_at: now,
    updated_at: now,
  };
  const token = await deps.db.kysely.transaction().execute(async (trx) => {
    await trx.insertInto('tokens').values(row).execute();
    await recordEvent(trx, now, row.issuer_id, 'token.requested', id, { idv, panLast4: row.pan_last4, deviceId });
    if (idv === 'green')
      return transitionToken(trx, now, row, TokenEvent.Approve, TokenActor.TokenService, 'id&v green');
    if (idv === 'red') return transitionToken(trx, now, row, TokenEvent.Decline, TokenActor.TokenService, 'id&v red');
    if (otp !== null)
      await recordEvent(trx, now, row.issuer_id, 'token.otp', id, {
        otpSealed: sealOtp(deps.kek, id, otp),
        panLast4: row.pan_last4,
        ttlSeconds: policy.otpTtlSeconds,
      });
    return row;
  });
  return { token, stepUp: idv === 'yellow' ? 'otp' : null };
}

/** The device answers the step-up; three wrong answers or an expired code decline the request. */
export async function answerOtp(deps: Deps, token: TokensTable, code: string): Promise<TokensTable> {
  if (token.state !== 'requested' || token.otp_hash === null)
    throw new ApiError('TOKEN_NOT_PENDING', 'token is not awaiting a one-time code');
  const program = await deps.db.kysely
    .selectFrom('programs')
    .select('idv_policy')
    .where('id', '=', token.program_id)
    .executeTakeFirstOrThrow();
  const ttl = IdvPolicy.parse(JSON.parse(program.idv_policy)).otpTtlSeconds * 1000;
  const now = deps.now();
  // The transaction returns the moved token, or the attempts left after a wrong code (so the
  // attempt count commits before the error is raised).
  const r = await deps.db.kysely.transaction().execute(async (trx): Promise<TokensTable | number> => {
    const t = await trx.selectFrom('tokens').selectAll().where('id', '=', token.id).executeTakeFirstOrThrow();
    // The TTL runs from the current code (a resend restarts it); older rows have no issue time.
    if (now - (t.otp_issued_at ?? t.created_at) > ttl)
      return transitionToken(trx, now, t, TokenEvent.Decline, TokenActor.TokenService, 'otp expired');
    if (t.otp_hash === otpHash(deps.kek, t.id, code))
      return transitionToken(trx, now, t, TokenEvent.Approve, TokenActor.TokenService, 'otp verified');
    const attempts = t.otp_attempts + 1;
    if (attempts >= OTP_MAX_ATTEMPTS)
      return transitionToken(trx, now, t, TokenEvent.Decline, TokenActor.TokenService, 'otp attempts exhausted');
    await trx.updateTable('tokens').set({ otp_attempts: attempts, updated_at: now }).where('id', '=', t.id).execute();
    return OTP_MAX_ATTEMPTS - attempts;
  });
  if (typeof r === 'number') throw new ApiError('OTP_WRONG', `wrong code; ${r} attempt(s) left`);
  return r;
}
