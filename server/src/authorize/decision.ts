/**
 * The issuer's decision. Built-in rules per program (per-transaction limit, daily amount, hourly
 * velocity) read the token's approved authorizations inside the authorization's transaction; a program
 * in webhook mode asks the issuer's URL first (with a timeout) and falls back to its configured rule.
 */
import type { AuthorizationReason } from '@arkpay/core/contract';
import { HotQuery } from '../db/hot-query';
import type { DecisionT, LimitsT } from '../programs/model';
import { signWebhook } from '../webhooks/signature';

export interface DecisionInput {
  tokenId: string;
  amount: number;
  currency: string;
  /** What the payment bills in the program's currency (ISO 4217 numeric), as the limits see it. */
  billingAmount: number;
  billingCurrency: string;
  merchant: string;
  domain: string;
}

/**
 * The token's approved payments of the last day and hour, in the program's billing currency (rows from
 * before FX billed their own amount), answered by the partial index auth_token_spend alone.
 */
const spent = (table: string): string =>
  `select coalesce(sum(coalesce(billing_amount, amount)), 0) as total, sum(case when created_at > ? then 1 else 0 end) as last_hour
   from ${table}
   where token_id = ? and created_at > ? and kind in ('tap', 'qr', 'inapp') and approved = 1`;

/**
 * Named on SQLite: planned without the bound values (hot-query.ts), its planner picks the plain
 * (token, time) index, which then reads every row of the window; the partial index answers alone.
 */
export const SPENT = new HotQuery(spent('authorizations'), spent('authorizations indexed by auth_token_spend'));

export interface Spent {
  total: number | string;
  last_hour: number | string | null;
}

/** SPENT's parameters: one pass over the last 24 hours gives the amount and the last hour's count. */
export function spentParams(now: number, tokenId: string): [number, string, number] {
  return [now - 3_600_000, tokenId, now - 86_400_000];
}

/**
 * The built-in rules on what SPENT found, for a payment billing `amount` in the program's currency (the
 * same rules run in SQL on PostgreSQL: db/settle-function.ts).
 */
export function ruleOutcome(limits: LimitsT, amount: number, spent: Spent | undefined): AuthorizationReason {
  if (amount > limits.perTransaction) return 'AMOUNT_OVER_LIMIT';
  if (Number(spent?.total ?? 0) + amount > limits.daily) return 'DAILY_LIMIT_EXCEEDED';
  if (Number(spent?.last_hour ?? 0) >= limits.velocityPerHour) return 'VELOCITY_EXCEEDED';
  return 'APPROVED';
}

/**
 * 'APPROVED' / a decline code from the webhook, or undefined when it did not answer usably. Signed like
 * event webhooks (x-arkpay-signature) with the issuer's webhook secret when one is configured.
 */
export async function webhookDecision(
  cfg: DecisionT,
  d: DecisionInput,
  secret: string | undefined,
  now: number,
): Promise<AuthorizationReason | undefined> {
  if (cfg.mode !== 'webhook' || cfg.url === undefined) return undefined;
  const body = JSON.stringify(d);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (secret !== undefined) headers['x-arkpay-signature'] = signWebhook(secret, now, body);
  try {
    const r = await fetch(cfg.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(cfg.timeoutMs),
    });
    if (!r.ok) return undefined;
    const answer = (await r.json()) as { approve?: unknown };
    if (typeof answer.approve !== 'boolean') return undefined;
    return answer.approve ? 'APPROVED' : 'ISSUER_DECLINED';
  } catch {
    return undefined;
  }
}

/** What stands when the webhook is silent: the rules, or a fixed answer. */
export function fallbackDecision(cfg: DecisionT): 'rules' | 'APPROVED' | 'ISSUER_DECLINED' {
  if (cfg.fallback === 'approve') return 'APPROVED';
  if (cfg.fallback === 'decline') return 'ISSUER_DECLINED';
  return 'rules';
}
