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
import type { AuthorizationReason } from '@arkpay/core/contract';
import type { Kysely } from 'kysely';
import { newId } from '../crypto/secrets';
import type { SqliteHandle } from '../db/connect';
import { HotQuery, hot, sqliteRows } from '../db/hot-query';
import type { Database } from '../db/schema';
import type { Deps } from '../deps';
import { eventParams, INSERT_EVENT } from '../events/outbox';
import { Billing } from '../fx/billing';
import type { LimitsT } from '../programs/model';
import { AUTHORIZING_TOKEN_COLUMNS, type AuthorizingProgram, type AuthorizingToken } from '../tokens/detokenise';
import { webhookSecret } from '../webhooks/secret';
import {
  type DecisionInput,
  fallbackDecision,
  ruleOutcome,
  SPENT,
  type Spent,
  spentParams,
  webhookDecision,
} from './decision';
import type { AuthorizationResultT } from './model';
import { priceAttempt, sameCurrencyBilling } from './pricing';
import { programDecision, programLimits } from './program-cache';
import { settleCall } from './settle-postgres';
import { billingFields, billingView } from './view';

export interface Attempt {
  kind: 'tap' | 'qr' | 'inapp';
  domain: 'contactless' | 'qr' | 'inapp';
  token: AuthorizingToken | undefined;
  program: AuthorizingProgram | undefined;
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
  preDecline: AuthorizationReason | null;
  /** ARC and ARPC for the answer (taps). */
  arpc: ((approved: boolean) => { arc: string; arpc: string }) | null;
  /**
   * What the payment bills in the program's currency when it was fixed before settling (a confirmed
   * quote); absent: settle works it out from the rate table (pricing.ts). The limits apply to it.
   */
  billing?: Billing;
  /** The authorization's id when the caller fixed it beforehand (a quote's confirm, to find it after a crash). */
  id?: string;
}

const INSERT_AUTHORIZATION = new HotQuery(
  `insert into authorizations (id, kind, token_id, issuer_id, acquirer_id, device_id, original_id, domain, atc,
     amount, currency, merchant, approved, reason, arpc, owner_verified, created_at, billing_amount, billing_currency,
     fx_rate, fx_markup_bps, fx_rate_date)
   values (?, ?, ?, ?, ?, ?, null, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
);
/** The database refuses a reused (token, ATC): no row comes back. */
const CLAIM_ATC = new HotQuery(
  `insert into atc_uses (token_id, atc, authorization_id, created_at) values (?, ?, ?, ?)
   on conflict (token_id, atc) do nothing returning atc`,
);
/** SQLite: the single writer serialises authorizations; PostgreSQL locks the row (settle-function.ts). */
const TOKEN = new HotQuery(`select ${AUTHORIZING_TOKEN_COLUMNS} from tokens where id = ?`);

/** The checks on the token row (re-run on the locked row; in SQL on PostgreSQL: db/settle-function.ts). */
function tokenCheck(a: Attempt, token: AuthorizingToken): AuthorizationReason {
  if (token.state !== 'active') return token.state === 'suspended' ? 'TOKEN_SUSPENDED' : 'TOKEN_NOT_ACTIVE';
  if (!token.domains.split(',').includes(a.domain)) return 'DOMAIN_NOT_ALLOWED';
  if (a.date.slice(0, 4) > token.expiry) return 'TOKEN_EXPIRED';
  if (a.atc !== null && a.atc >= token.next_atc) return 'ATC_NOT_ISSUED';
  return 'APPROVED';
}

function precheck(a: Attempt, token: AuthorizingToken, limits: LimitsT): AuthorizationReason {
  const t = tokenCheck(a, token);
  return t === 'APPROVED' ? programCheck(a, limits) : t;
}

/** What the limits count: the billing amount (in the limits' currency) once priced (pricing.ts). */
function billed(a: Attempt): number {
  return a.billing?.amount ?? a.amount;
}

/** The checks on the attempt against the program's limits (they do not depend on the token row). */
function programCheck(a: Attempt, limits: LimitsT): AuthorizationReason {
  if (billed(a) > limits.perTransaction) return 'AMOUNT_OVER_LIMIT';
  if (billed(a) > limits.noCvmLimit && !a.cdcvm) return 'CVM_REQUIRED';
  return 'APPROVED';
}

/** The billing of an attempt as recorded: with the authorization, in its event, in the view. */
function billingOf(a: Attempt): ReturnType<typeof billingView> {
  const b = a.billing;
  return b === undefined ? null : billingView(b.amount, b.currency.numeric, b.rate, b.markupBps, b.rateDate);
}

type Param = string | number | null;

/** The issuer's answer before settling: 'rules' (run them inside the transaction) or its decision. */
type Issuer = 'rules' | AuthorizationReason;

interface Recorded {
  authorization: Param[];
  event: Param[] | null;
  result: AuthorizationResultT;
}

/** The rows recording an attempt with its outcome: the authorization, its outbox event, the answer. */
function recorded(now: number, id: string, a: Attempt, reason: string): Recorded {
  const approved = reason === 'APPROVED';
  const answer = a.arpc === null ? null : a.arpc(approved);
  const billing = billingOf(a);
  const authorization: Param[] = [
    id,
    a.kind,
    a.token?.id ?? null,
    a.token?.issuer_id ?? null,
    a.acquirerId,
    a.deviceId,
    a.domain,
    a.atc,
    a.amount,
    a.currency,
    a.merchant,
    approved ? 1 : 0,
    reason,
    answer?.arpc ?? null,
    a.cdcvm ? 1 : 0,
    now,
    billing?.amount ?? null,
    billing?.currency ?? null,
    billing?.rate ?? null,
    billing?.markupBps ?? null,
    billing?.rateDate ?? null,
  ];
  const event =
    a.token === undefined
      ? null
      : eventParams(now, a.token.issuer_id, approved ? 'authorization.approved' : 'authorization.declined', id, {
          tokenId: a.token.id,
          amount: a.amount,
          currency: a.currency,
          ...billingFields(billing),
          reason,
        });
  return {
    authorization,
    event,
    result: { id, approved, reason, arc: answer?.arc ?? null, arpc: answer?.arpc ?? null },
  };
}

async function insertAuthorization(
  db: Kysely<Database>,
  now: number,
  id: string,
  a: Attempt,
  reason: string,
): Promise<AuthorizationResultT> {
  const r = recorded(now, id, a, reason);
  await hot(db, INSERT_AUTHORIZATION, r.authorization);
  if (r.event !== null) await hot(db, INSERT_EVENT, r.event);
  return r.result;
}

function rows<R>(lite: SqliteHandle, q: HotQuery, params: Param[]): R[] {
  return sqliteRows<R>(lite.prepare, q, params);
}

/**
 * SQLite: the settling transaction, its statements synchronous (no await between them, so no other
 * request's statements run inside it), in its own savepoint of a group commit (db/group-commit.ts).
 */
function settleSqlite(
  lite: SqliteHandle,
  now: number,
  id: string,
  a: Attempt,
  token: AuthorizingToken,
  limits: LimitsT,
  issuer: Issuer,
): Promise<AuthorizationResultT> {
  return lite.transaction(() => {
    let r: Recorded;
    const [claimed] = a.atc === null ? [true] : rows(lite, CLAIM_ATC, [token.id, a.atc, id, now]);
    if (claimed === undefined) r = recorded(now, id, a, 'ATC_REPLAYED');
    else {
      const [fresh] = rows<AuthorizingToken>(lite, TOKEN, [token.id]);
      if (fresh === undefined) throw new Error('token vanished inside its authorization');
      let reason = a.preDecline ?? precheck(a, fresh, limits);
      if (reason === 'APPROVED' && issuer !== 'rules') reason = issuer;
      else if (reason === 'APPROVED')
        reason = ruleOutcome(limits, billed(a), rows<Spent>(lite, SPENT, spentParams(now, token.id))[0]);
      r = recorded(now, id, { ...a, token: fresh }, reason);
    }
    rows(lite, INSERT_AUTHORIZATION, r.authorization);
    if (r.event !== null) rows(lite, INSERT_EVENT, r.event);
    return r.result;
  });
}

export async function settle(deps: Deps, attempt: Attempt): Promise<AuthorizationResultT> {
  let a = attempt;
  const db = deps.db.kysely;
  const id = a.id ?? newId('auth');
  const token = a.token;
  const program = a.program;
  // No proven ATC (unknown token, bad cryptogram): record the decline without claiming anything.
  if ((a.preDecline !== null && a.atc === null) || token === undefined || program === undefined) {
    return insertAuthorization(db, deps.now(), id, a, a.preDecline ?? 'TOKEN_UNKNOWN');
  }
  const limits = programLimits(program);
  const decisionCfg = programDecision(program);
  // Priced before settling; a payment declined already is not looked up in the rate table.
  const same = a.billing === undefined ? sameCurrencyBilling(a.amount, a.currency, limits) : undefined;
  if (same !== undefined) a = { ...a, billing: same };
  else if (a.preDecline === null || a.billing !== undefined) {
    const priced = await priceAttempt(deps, a, program, limits);
    a =
      priced instanceof Billing
        ? { ...a, billing: priced }
        : { ...a, billing: undefined, preDecline: a.preDecline ?? priced };
  }
  const input: DecisionInput = {
    tokenId: token.id,
    amount: a.amount,
    currency: a.currency,
    billingAmount: billed(a),
    billingCurrency: limits.currency,
    merchant: a.merchant,
    domain: a.domain,
  };
  let issuer: Issuer = 'rules';
  if (a.preDecline === null && precheck(a, token, limits) === 'APPROVED' && decisionCfg.mode === 'webhook') {
    const secret = await webhookSecret(deps, token.issuer_id);
    issuer = (await webhookDecision(decisionCfg, input, secret, deps.now())) ?? fallbackDecision(decisionCfg);
  }
  const lite = deps.db.sqlite;
  if (lite === undefined) return settleInOneCall(deps, id, a, token, limits, issuer);
  return settleSqlite(lite, deps.now(), id, a, token, limits, issuer);
}

/**
 * PostgreSQL: claim, lock, checks, rules and both inserts in one function call (db/settle-function.ts),
 * sent with the others of the same turn (settle-postgres.ts), with the answers for either outcome made
 * here beforehand (the ARPC depends on the decision).
 */
async function settleInOneCall(
  deps: Deps,
  id: string,
  a: Attempt,
  token: AuthorizingToken,
  limits: LimitsT,
  issuer: Issuer,
): Promise<AuthorizationResultT> {
  const yes = a.arpc === null ? null : a.arpc(true);
  const no = a.arpc === null ? null : a.arpc(false);
  const eventId = newId('evt');
  const payload = JSON.stringify({
    tokenId: token.id,
    amount: a.amount,
    currency: a.currency,
    ...billingFields(billingOf(a)),
  });
  const now = deps.now();
  const reason = await settleCall(deps.db.kysely, [
    id,
    a.kind,
    token.id,
    a.acquirerId,
    a.deviceId,
    a.domain,
    a.atc,
    a.amount,
    a.currency,
    a.merchant,
    a.date,
    a.preDecline,
    programCheck(a, limits),
    issuer,
    limits.daily,
    limits.velocityPerHour,
    yes?.arpc ?? null,
    no?.arpc ?? null,
    a.cdcvm ? 1 : 0,
    eventId,
    `${payload.slice(0, -1)},"reason":`,
    token.issuer_id,
    now,
    a.billing?.amount ?? null,
    a.billing?.currency.numeric ?? null,
    a.billing?.rate ?? null,
    a.billing === undefined ? null : a.billing.markupBps,
    a.billing?.rateDate ?? null,
  ]);
  const approved = reason === 'APPROVED';
  const answer = approved ? yes : no;
  return { id, approved, reason, arc: answer?.arc ?? null, arpc: answer?.arpc ?? null };
}
