/** The public shape of a recorded authorization (history for issuers and devices). */
import type { AuthorizationBilling, AuthorizationRecord } from '@arkpay/core/contract';
import { z } from '@hono/zod-openapi';
import type { AuthorizationsTable } from '../db/schema';

/**
 * What a payment billed in the program's billing currency (the currency of its limits): `amount` there,
 * at `rate` (units of the billing currency per unit of the payment's, before the markup) plus `markupBps`,
 * the rate of `rateDate`. The same currency: the payment's amount, rate and rateDate null, markup 0.
 */
export const BillingView = z
  .object({
    amount: z.number().int().openapi({ description: "minor units of the billing currency's ISO 4217 exponent" }),
    currency: z.string().openapi({ description: 'ISO 4217 numeric, e.g. 156 (CNY)' }),
    rate: z.string().nullable().openapi({ description: 'decimal, e.g. "0.0797045685"; null: same currency' }),
    markupBps: z.number().int().openapi({ description: 'FX markup in basis points (100 = 1 %)' }),
    rateDate: z.string().nullable().openapi({ description: 'YYYY-MM-DD of the rate; null: same currency' }),
  })
  .openapi('Billing') satisfies z.ZodType<AuthorizationBilling>;

export type BillingViewT = z.infer<typeof BillingView>;

/** The billing of a recorded row; null when it was not billed (declined before pricing, unknown token). */
export function billingView(
  amount: number | null,
  currency: string | null,
  rate: string | null,
  markupBps: number | null,
  rateDate: string | null,
): BillingViewT | null {
  if (amount === null || currency === null) return null;
  return { amount: Number(amount), currency, rate, markupBps: Number(markupBps ?? 0), rateDate };
}

/** The billing in an event's (flat) payload: authorization.approved, .declined, .refund, .reversal. */
export function billingFields(b: BillingViewT | null): Record<string, string | number | null> {
  return {
    billingAmount: b?.amount ?? null,
    billingCurrency: b?.currency ?? null,
    fxRate: b?.rate ?? null,
    fxMarkupBps: b === null ? null : b.markupBps,
    fxRateDate: b?.rateDate ?? null,
  };
}

export const AuthorizationView = z
  .object({
    id: z.string(),
    kind: z.string(),
    tokenId: z.string().nullable(),
    originalId: z.string().nullable(),
    domain: z.string(),
    atc: z.number().nullable(),
    amount: z.number().openapi({ description: "in the payment's currency, minor units of its ISO 4217 exponent" }),
    currency: z.string().openapi({ description: "the payment's currency, ISO 4217 numeric" }),
    billing: BillingView.nullable().openapi({
      description: "what it billed in the program's billing currency; null: declined before it was priced",
    }),
    merchant: z.string(),
    approved: z.boolean(),
    reason: z.string(),
    arpc: z.string().nullable(),
    ownerVerified: z.boolean().openapi({ description: 'owner verified on the device (CDCVM)' }),
    createdAt: z.number(),
  })
  .openapi('Authorization') satisfies z.ZodType<AuthorizationRecord>;

export type AuthorizationViewT = z.infer<typeof AuthorizationView>;

export function toAuthorizationView(r: AuthorizationsTable): AuthorizationViewT {
  return {
    id: r.id,
    kind: r.kind,
    tokenId: r.token_id,
    originalId: r.original_id,
    domain: r.domain,
    atc: r.atc,
    amount: r.amount,
    currency: r.currency,
    billing: billingView(r.billing_amount, r.billing_currency, r.fx_rate, r.fx_markup_bps, r.fx_rate_date),
    merchant: r.merchant,
    approved: r.approved === 1,
    reason: r.reason,
    arpc: r.arpc,
    ownerVerified: r.owner_verified === 1,
    createdAt: r.created_at,
  };
}
