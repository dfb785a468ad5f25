/**
 * The authorization decision, shared by taps and QR payments, after the caller has authenticated the
 * payment (cryptogram verified, or a signed device call). Every authorization is recorded exactly once.
 *
 * 1. Read-only checks: token state, domain, expiry, currency, ATC handed out, owner verification.
 * 2. Webhook programs: ask the issuer (outside any transaction, with a timeout).
 * 3. One transaction: claim the ATC (the database refuses a reused one: primary key (token, ATC)),
 *    re-read the token (row lock on PostgreSQL), run the rules (limits, velocity), insert the
 *    authorization and its outbox event.
 */
import type { Kysely } from 'kysely';
import { newId } from '../crypto/secrets';
import type { Database, ProgramsTable, TokensTable } from '../db/schema';
import type { Deps } from '../deps';
import { recordEvent } from '../events/outbox';
import { Decision, Limits } from '../programs/model';
import { webhookSecret } from '../webhooks/secret';
import { type DecisionInput, fallbackDecision, ruleDecision, webhookDecision } from './decision';
import type { AuthorizationResultT } from './model';

export interface Attempt {
  kind: 'tap' | 'qr' | 'inapp';
  domain: 'contactless' | 'qr' | 'inapp';
  token: TokensTable | undefined;
  program: ProgramsTable | undefined;
  acquirerId: string | null;
  deviceId: string | null;
  atc: number | null;
  amount: number;
  currency: string;
  merchant: string;
  /** YYMMDD of the transaction. */
  date: string;
  /** Owner verified on the device (from the verified IAD, or the signed device call). */
  cdcvm: boolean;
  /** A decline decided before settling (unknown token, bad cryptogram…). */
  preDecline: string | null;
  /** ARC and ARPC for the answer (taps). */
  arpc: ((approved: boolean) => { arc: string; arpc: string }) | null;
}

function precheck(a: Attempt, token: TokensTable, limits: ReturnType<typeof Limits.parse>): string {
  if (token.state !== 'active') return token.state === 'suspended' ? 'TOKEN_SUSPENDED' : 'TOKEN_NOT_ACTIVE';
  if (!token.domains.split(',').includes(a.domain)) return 'DOMAIN_NOT_ALLOWED';
  if (a.date.slice(0, 4) > token.expiry) return 'TOKEN_EXPIRED';
  if (a.atc !== null && a.atc >= token.next_atc) return 'ATC_NOT_ISSUED';
  if (a.currency !== limits.currency) return 'CURRENCY_NOT_SUPPORTED';
  if (a.amount > limits.perTransaction) return 'AMOUNT_OVER_LIMIT';
  if (a.amount > limits.noCvmLimit && !a.cdcvm) return 'CVM_REQUIRED';
  return 'APPROVED';
}

async function insertAuthorization(
  db: Kysely<Database>,
  now: number,
  id: string,
  a: Attempt,
  reason: string,
): Promise<AuthorizationResultT> {
  const approved = reason === 'APPROVED';
  const answer = a.arpc === null ? null : a.arpc(approved);
  await db
    .insertInto('authorizations')
    .values({
      id,
      kind: a.kind,
      token_id: a.token?.id ?? null,
      issuer_id: a.token?.issuer_id ?? null,
      acquirer_id: a.acquirerId,
      device_id: a.deviceId,
      original_id: null,
      domain: a.domain,
      atc: a.atc,
      amount: a.amount,
      currency: a.currency,
      merchant: a.merchant,
      approved: approved ? 1 : 0,
      reason,
      arpc: answer?.arpc ?? null,
      created_at: now,
    })
    .execute();
  if (a.token !== undefined) {
    await recordEvent(db, now, a.token.issuer_id, approved ? 'authorization.approved' : 'authorization.declined', id, {
      tokenId: a.token.id,
      amount: a.amount,
      currency: a.currency,
      reason,
    });
  }
  return { id, approved, reason, arc: answer?.arc ?? null, arpc: answer?.arpc ?? null };
}

export async function settle(deps: Deps, a: Attempt): Promise<AuthorizationResultT> {
  const db = deps.db.kysely;
  const id = newId('auth');
  const token = a.token;
  const program = a.program;
  // No proven ATC (unknown token, bad cryptogram): record the decline without claiming anything.
  if ((a.preDecline !== null && a.atc === null) || token === undefined || program === undefined) {
    return insertAuthorization(db, deps.now(), id, a, a.preDecline ?? 'TOKEN_UNKNOWN');
  }
  const limits = Limits.parse(JSON.parse(program.limits));
  const decisionCfg = Decision.parse(JSON.parse(program.decision));
  const input: DecisionInput = {
    tokenId: token.id,
    amount: a.amount,
    currency: a.currency,
    merchant: a.merchant,
    domain: a.domain,
  };
  let issuer: string = 'rules';
  if (a.preDecline === null && precheck(a, token, limits) === 'APPROVED' && decisionCfg.mode === 'webhook') {
    const secret = await webhookSecret(deps, token.issuer_id);
    issuer = (await webhookDecision(decisionCfg, input, secret, deps.now())) ?? fallbackDecision(decisionCfg);
  }
  const pg = deps.db.dialect === 'postgres';
  return db.transaction().execute(async (trx) => {
    const now = deps.now();
    if (a.atc !== null) {
      const claimed = await trx
        .insertInto('atc_uses')
        .values({ token_id: token.id, atc: a.atc, authorization_id: id, created_at: now })
        .onConflict((oc) => oc.columns(['token_id', 'atc']).doNothing())
        .returning('atc')
        .executeTakeFirst();
      if (claimed === undefined) return insertAuthorization(trx, now, id, a, 'ATC_REPLAYED');
    }
    let sel = trx.selectFrom('tokens').selectAll().where('id', '=', token.id);
    if (pg) sel = sel.forUpdate();
    const fresh = await sel.executeTakeFirstOrThrow();
    let reason = a.preDecline ?? precheck(a, fresh, limits);
    if (reason === 'APPROVED') reason = issuer === 'rules' ? await ruleDecision(trx, now, limits, input) : issuer;
    return insertAuthorization(trx, now, id, { ...a, token: fresh }, reason);
  });
}
