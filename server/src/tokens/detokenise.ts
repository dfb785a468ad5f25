/**
 * Detokenisation for an authorization: what it reads of the token and of its program, in one query. On
 * PostgreSQL the lookups of one turn of the event loop go as one statement (db/round-trip-batch.ts).
 */
import type { Kysely } from 'kysely';
import { HotQuery, hot, isPostgres } from '../db/hot-query';
import { batchedPerDatabase } from '../db/round-trip-batch';
import type { Database, ProgramsTable, TokensTable } from '../db/schema';
import type { Deps } from '../deps';

/** What an authorization reads of a token: fixed at provisioning, but for the state, domains, expiry and next ATC. */
export type AuthorizingToken = Pick<
  TokensTable,
  'id' | 'token_number' | 'issuer_id' | 'program_id' | 'device_id' | 'psn' | 'state' | 'domains' | 'expiry' | 'next_atc'
>;
/** What an authorization reads of a program: its key, profile, limits, decision and FX settings. */
export type AuthorizingProgram = Pick<
  ProgramsTable,
  'id' | 'issuer_id' | 'profile' | 'imk_sealed' | 'limits' | 'decision' | 'fx_markup_bps' | 'fx_max_rate_age_hours'
>;

/** The token columns of AuthorizingToken, for a select list. */
export const AUTHORIZING_TOKEN_COLUMNS =
  'id, token_number, issuer_id, program_id, device_id, psn, state, domains, expiry, next_atc';

// Only these columns: a row of every column (sealed PAN, OTP fields, the program's card art and IDV policy)
// cost twice as much to read and turn into JS values, on every tap.
const SELECT = `select ${AUTHORIZING_TOKEN_COLUMNS.split(', ')
  .map((c) => `tokens.${c}`)
  .join(', ')},
     programs.issuer_id as p_issuer_id, programs.profile as p_profile, programs.imk_sealed as p_imk_sealed,
     programs.limits as p_limits, programs.decision as p_decision, programs.fx_markup_bps as p_fx_markup_bps,
     programs.fx_max_rate_age_hours as p_fx_max_rate_age_hours
   from tokens inner join programs on programs.id = tokens.program_id`;
export const TOKEN_AND_PROGRAM = new HotQuery(`${SELECT} where tokens.token_number = ?`);
/** PostgreSQL: several token numbers (a JSON array), each found through the unique index. */
export const TOKENS_AND_PROGRAMS = new HotQuery(
  `${SELECT} where tokens.token_number = any(array(select json_array_elements_text(?::json)))`,
);

interface TokenProgramRow extends AuthorizingToken {
  p_issuer_id: string;
  p_profile: string;
  p_imk_sealed: string;
  p_limits: string;
  p_decision: string;
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
): Promise<{ token: AuthorizingToken; program: AuthorizingProgram } | undefined> {
  const r = await lookup(deps.db.kysely, tokenNumber);
  if (r === undefined) return undefined;
  const program: AuthorizingProgram = {
    id: r.program_id,
    issuer_id: r.p_issuer_id,
    profile: r.p_profile,
    imk_sealed: r.p_imk_sealed,
    limits: r.p_limits,
    decision: r.p_decision,
    fx_markup_bps: Number(r.p_fx_markup_bps),
    fx_max_rate_age_hours: Number(r.p_fx_max_rate_age_hours),
  };
  const token: AuthorizingToken = {
    id: r.id,
    token_number: r.token_number,
    issuer_id: r.issuer_id,
    program_id: r.program_id,
    device_id: r.device_id,
    psn: r.psn,
    state: r.state,
    domains: r.domains,
    expiry: r.expiry,
    next_atc: r.next_atc,
  };
  return { token, program };
}
