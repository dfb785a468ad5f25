/** The public shape of a recorded authorization (history for issuers and devices). */
import { z } from '@hono/zod-openapi';
import type { AuthorizationsTable } from '../db/schema';

export const AuthorizationView = z
  .object({
    id: z.string(),
    kind: z.string(),
    tokenId: z.string().nullable(),
    originalId: z.string().nullable(),
    domain: z.string(),
    atc: z.number().nullable(),
    amount: z.number(),
    currency: z.string(),
    merchant: z.string(),
    approved: z.boolean(),
    reason: z.string(),
    arpc: z.string().nullable(),
    ownerVerified: z.boolean().openapi({ description: 'owner verified on the device (CDCVM)' }),
    createdAt: z.number(),
    billingAmount: z
      .number()
      .nullable()
      .openapi({ description: 'what the card was billed, minor units of billingCurrency (null: billed as amount)' }),
    billingCurrency: z.string().nullable().openapi({ description: "the program's currency, ISO 4217 numeric" }),
    fxRate: z
      .string()
      .nullable()
      .openapi({ description: "units of the billing currency per unit of the payment's, before the markup" }),
    fxMarkupBps: z.number().nullable(),
    fxRateDate: z.string().nullable(),
  })
  .openapi('Authorization');

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
    merchant: r.merchant,
    approved: r.approved === 1,
    reason: r.reason,
    arpc: r.arpc,
    ownerVerified: r.owner_verified === 1,
    createdAt: r.created_at,
    billingAmount: r.billing_amount === null ? null : Number(r.billing_amount),
    billingCurrency: r.billing_currency,
    fxRate: r.fx_rate,
    fxMarkupBps: r.fx_markup_bps,
    fxRateDate: r.fx_rate_date,
  };
}
