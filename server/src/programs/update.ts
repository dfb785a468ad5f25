/**
 * Editing a card program: what the issuer may change once tokens exist (name, card art, domains, ID&V
 * policy, limits, FX terms, decision mode). Scheme, AID, profile, BIN ranges and the master key stay: tokens and
 * their keys were made from them.
 */
import type { ApiErrorCode } from '@arkpay/core';
import { z } from '@hono/zod-openapi';
import type { Deps } from '../deps';
import { ApiError } from '../http/errors';
import { Decision, Fx, IdvPolicy, Limits, ProgramCreate, type ProgramT } from './model';
import { getProgramRow, toProgram } from './store';

export const ProgramUpdate = z
  .object({
    name: z.string().min(1).max(100),
    cardArt: z.string().max(2000),
    domains: ProgramCreate.shape.domains.unwrap(),
    idvPolicy: IdvPolicy,
    limits: Limits,
    fx: Fx.optional().openapi({ description: 'absent: the FX terms stay as they are' }),
    decision: Decision,
  })
  .openapi('ProgramUpdate');

export const PROGRAM_UPDATE_ERRORS: readonly ApiErrorCode[] = [
  'PROGRAM_NOT_FOUND',
  'IDV_POLICY_INVALID',
  'DECISION_URL_MISSING',
];

export async function updateProgram(
  deps: Deps,
  issuerId: string,
  id: string,
  p: z.infer<typeof ProgramUpdate>,
): Promise<ProgramT> {
  if (p.idvPolicy.greenMaxRisk > p.idvPolicy.yellowMaxRisk) {
    throw new ApiError('IDV_POLICY_INVALID', 'greenMaxRisk must not exceed yellowMaxRisk');
  }
  if (p.decision.mode === 'webhook' && p.decision.url === undefined) {
    throw new ApiError('DECISION_URL_MISSING', 'decision mode webhook needs a url');
  }
  const r = await deps.db.kysely
    .updateTable('programs')
    .set({
      name: p.name,
      card_art: p.cardArt,
      idv_policy: JSON.stringify(p.idvPolicy),
      limits: JSON.stringify(p.limits),
      decision: JSON.stringify({ ...p.decision, domains: p.domains }),
      ...(p.fx === undefined ? {} : { fx_markup_bps: p.fx.markupBps, fx_max_rate_age_hours: p.fx.maxRateAgeHours }),
    })
    .where('id', '=', id)
    .where('issuer_id', '=', issuerId)
    .executeTakeFirst();
  const row = Number(r.numUpdatedRows) === 1 ? await getProgramRow(deps, id) : undefined;
  if (row === undefined) throw new ApiError('PROGRAM_NOT_FOUND', 'no such program');
  return toProgram(deps, row);
}
