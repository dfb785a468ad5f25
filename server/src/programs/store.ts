/** Card programs in the database; the issuer master key is sealed under the KEK and never returned. */

import { createCipheriv, randomBytes } from 'node:crypto';
import type { ApiErrorCode } from '@arkpay/core';
import { profileFitsScheme } from '@arkpay/core/contract';
import type { z } from '@hono/zod-openapi';
import { seal, unseal } from '../crypto/seal';
import { newId } from '../crypto/secrets';
import type { ProgramsTable } from '../db/schema';
import type { Deps } from '../deps';
import { ApiError } from '../http/errors';
import { binKeys, insertWithUniqueRange } from './bin-range';
import { Decision, IdvPolicy, Limits, type ProgramCreate, type ProgramT } from './model';

export const PROGRAM_CREATE_ERRORS: readonly ApiErrorCode[] = [
  'MASTER_KEY_INVALID',
  'MASTER_KEY_UNWRAP_FAILED',
  'BIN_RANGE_INVALID',
  'BIN_RANGE_OVERLAP',
  'IDV_POLICY_INVALID',
  'DECISION_URL_MISSING',
];

export function imkAad(programId: string): string {
  return `imk:${programId}`;
}

/** Key check value: TDES-ECB of eight zero bytes, first three bytes. */
export function keyCheckValue(key: Uint8Array): string {
  const c = createCipheriv('des-ede-ecb', Buffer.from(key), null);
  c.setAutoPadding(false);
  return Buffer.concat([c.update(Buffer.alloc(8)), c.final()])
    .subarray(0, 3)
    .toString('hex')
    .toUpperCase();
}

export function programMasterKey(deps: Deps, row: Pick<ProgramsTable, 'id' | 'imk_sealed'>): Uint8Array {
  return unseal(deps.kek, row.imk_sealed, imkAad(row.id));
}

export function toProgram(deps: Deps, row: ProgramsTable): ProgramT {
  const limits = Limits.parse(JSON.parse(row.limits));
  const cfg = JSON.parse(row.decision) as { domains?: string[] };
  return {
    id: row.id,
    name: row.name,
    scheme: row.scheme,
    aid: row.aid,
    profile: row.profile,
    binRange: { low: row.bin_low, high: row.bin_high },
    tokenBin: row.token_bin,
    cardArt: row.card_art,
    domains: cfg.domains ?? [],
    idvPolicy: IdvPolicy.parse(JSON.parse(row.idv_policy)),
    limits,
    fx: { markupBps: Number(row.fx_markup_bps), maxRateAgeHours: Number(row.fx_max_rate_age_hours) },
    decision: Decision.parse(JSON.parse(row.decision)),
    masterKeyCheckValue: keyCheckValue(programMasterKey(deps, row)),
    createdAt: row.created_at,
  };
}

export const IMK_IMPORT_AAD = 'imk-import';

/** The IMK: generated here, imported in clear (over TLS), or imported wrapped under the KEK. */
function issuerMasterKey(deps: Deps, m: z.infer<typeof ProgramCreate>['masterKey']): Uint8Array {
  if (m.mode === 'generate') return randomBytes(16);
  if (m.mode === 'import') return Buffer.from(m.key, 'hex');
  let key: Uint8Array;
  try {
    key = unseal(deps.kek, m.wrapped, IMK_IMPORT_AAD);
  } catch {
    throw new ApiError('MASTER_KEY_UNWRAP_FAILED', 'wrapped master key does not open under the KEK');
  }
  if (key.length !== 16) throw new ApiError('MASTER_KEY_INVALID', 'issuer master key must be 16 bytes');
  return key;
}

export async function createProgram(deps: Deps, issuerId: string, p: z.infer<typeof ProgramCreate>): Promise<ProgramT> {
  if (p.binRange.low.length !== p.binRange.high.length || p.binRange.low > p.binRange.high) {
    throw new ApiError('BIN_RANGE_INVALID', 'binRange low and high must have equal length and low ≤ high');
  }
  if (!profileFitsScheme(p.profile, p.scheme)) {
    throw new ApiError('PROGRAM_PROFILE_SCHEME_MISMATCH', `profile ${p.profile} is not a ${p.scheme} profile`);
  }
  if (p.idvPolicy.greenMaxRisk > p.idvPolicy.yellowMaxRisk) {
    throw new ApiError('IDV_POLICY_INVALID', 'greenMaxRisk must not exceed yellowMaxRisk');
  }
  if (p.decision.mode === 'webhook' && p.decision.url === undefined) {
    throw new ApiError('DECISION_URL_MISSING', 'decision mode webhook needs a url');
  }
  const keys = binKeys(p.binRange.low, p.binRange.high);
  const id = newId('prg');
  const imk = issuerMasterKey(deps, p.masterKey);
  const row: ProgramsTable = {
    id,
    issuer_id: issuerId,
    name: p.name,
    scheme: p.scheme,
    aid: p.aid.toUpperCase(),
    profile: p.profile,
    bin_low: p.binRange.low,
    bin_high: p.binRange.high,
    bin_from: keys.from,
    bin_to: keys.to,
    token_bin: p.tokenBin,
    card_art: p.cardArt,
    idv_policy: JSON.stringify(p.idvPolicy),
    limits: JSON.stringify(p.limits),
    decision: JSON.stringify({ ...p.decision, domains: p.domains }),
    imk_sealed: seal(deps.kek, imk, imkAad(id)),
    fx_markup_bps: p.fx.markupBps,
    fx_max_rate_age_hours: p.fx.maxRateAgeHours,
    created_at: deps.now(),
  };
  await insertWithUniqueRange(deps, issuerId, keys, row);
  return toProgram(deps, row);
}

export async function getProgramRow(deps: Deps, id: string): Promise<ProgramsTable | undefined> {
  return deps.db.kysely.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
}
