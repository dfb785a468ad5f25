/**
 * Detokenisation: the token (with its sealed PAN) and its program, in one query. On PostgreSQL the
 * lookups of one turn of the event loop go as one statement (db/round-trip-batch.ts).
 */
import type { Kysely } from 'kysely';
import { HotQuery, hot, isPostgres } from '../db/hot-query';
import { batchedPerDatabase } from '../db/round-trip-batch';
import type { Database, ProgramsTable, TokensTable } from '../db/schema';
import type { Deps } from '../deps';

const SELECT = `select tokens.*, programs.issuer_id as p_issuer_id, programs.name as p_name, programs.scheme as p_scheme,
     programs.aid as p_aid, programs.profile as p_profile, programs.bin_low as p_bin_low,
     programs.bin_high as p_bin_high, programs.bin_from as p_bin_from, programs.bin_to as p_bin_to,
     programs.token_bin as p_token_bin, programs.card_art as p_card_art,
     programs.idv_policy as p_idv_policy, programs.limits as p_limits, programs.decision as p_decision,
     programs.imk_sealed as p_imk_sealed, programs.created_at as p_created_at,
     programs.fx_markup_bps as p_fx_markup_bps, programs.fx_max_rate_age_hours as p_fx_max_rate_age_hours
   from tokens inner join programs on programs.id = tokens.program_id`;
export const TOKEN_AND_PROGRAM = new HotQuery(`${SELECT} where tokens.token_number = ?`);
/** PostgreSQL: several token numbers (a JSON array), each found through the unique index. */
export const TOKENS_AND_PROGRAMS = new HotQuery(
  `${SELECT} where tokens.token_number = any(array(select json_array_elements_text(?::json)))`,
);

interface TokenProgramRow extends TokensTable {
  p_issuer_id: string;
  p_name: string;
  p_scheme: string;
  p_aid: string;
  p_profile: string;
  p_bin_low: string;
  p_bin_high: string;
  p_bin_from: string;
  p_bin_to: string;
  p_token_bin: string;
  p_card_art: string;
  p_idv_policy: string;
  p_limits: string;
  p_decision: string;
  p_imk_sealed: string;
  p_created_at: number;
  p_fx_markup_bps: number;
  p_fx_max_rate_age_hours: number;
}

async function one(db: Kysely<Database>, tokenNumber: string): Promise<TokenProgramRow | undefined> {
  const [r] = await hot<TokenProgramRow>(db, TOKEN_AND_PROGRAM, [tokenNumber]);
  return r;
}

async function many(db: Kysely<Database>, tokenNumbers: string[]): Promise<(TokenProgramRow | undefined)[]> {
  const rows = await hot<TokenProgramRow>(db, TOKENS_AND_PROGRAMS, [JSON.stringify([...new Set(tokenNumbers)])]);
  const byNumber = new Map(rows.map((r) => [r.token_number, r]));
  return tokenNumbers.map((n) => byNumber.get(n));
}

const batchedLookup = batchedPerDatabase(many, one);

function lookup(db: Kysely<Database>, tokenNumber: string): Promise<TokenProgramRow | undefined> {
  return isPostgres(db) ? batchedLookup(db, tokenNumber) : one(db, tokenNumber);
}

export async function findTokenAndProgram(
  deps: Deps,
  tokenNumber: string,
): Promise<{ token: TokensTable; program: ProgramsTable } | undefined> {
  const r = await lookup(deps.db.kysely, tokenNumber);
  if (r === undefined) return undefined;
  const program: ProgramsTable = {
    id: r.program_id,
    issuer_id: r.p_issuer_id,
    name: r.p_name,
    scheme: r.p_scheme,
    aid: r.p_aid,
    profile: r.p_profile,
    bin_low: r.p_bin_low,
    bin_high: r.p_bin_high,
    bin_from: r.p_bin_from,
    bin_to: r.p_bin_to,
    token_bin: r.p_token_bin,
    card_art: r.p_card_art,
    idv_policy: r.p_idv_policy,
    limits: r.p_limits,
    decision: r.p_decision,
    imk_sealed: r.p_imk_sealed,
    created_at: r.p_created_at,
    fx_markup_bps: Number(r.p_fx_markup_bps),
    fx_max_rate_age_hours: Number(r.p_fx_max_rate_age_hours),
  };
  const token: TokensTable = {
    id: r.id,
    token_number: r.token_number,
    issuer_id: r.issuer_id,
    program_id: r.program_id,
    device_id: r.device_id,
    pan_sealed: r.pan_sealed,
    pan_last4: r.pan_last4,
    par: r.par,
    expiry: r.expiry,
    psn: r.psn,
    state: r.state,
    idv: r.idv,
    domains: r.domains,
    otp_hash: r.otp_hash,
    otp_attempts: r.otp_attempts,
    otp_issued_at: r.otp_issued_at,
    otp_resends: r.otp_resends,
    next_atc: r.next_atc,
    reported_atc: r.reported_atc,
    created_at: r.created_at,
    updated_at: r.updated_at,
  };
  return { token, program };
}
