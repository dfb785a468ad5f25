/** Response schemas of the acquiring API: the contract's shapes (core contract) as zod, for the document. */
import { type AcquiredPayment, AcquiredPaymentState, type QrQuote } from '@arkpay/core';
import { z } from '@hono/zod-openapi';

const minor = (what: string) =>
  z
    .number()
    .int()
    .openapi({ description: `${what}, minor units` });

export const QrQuoteView = z
  .object({
    id: z.string(),
    tokenId: z.string(),
    network: z.string().openapi({ description: 'registry key of the network the code was routed by' }),
    merchantName: z.string(),
    merchantCity: z.string(),
    amount: minor("the merchant's amount"),
    currency: z.string().openapi({ description: "the merchant's currency, ISO 4217 alpha" }),
    billingAmount: minor('what the card is billed'),
    billingCurrency: z.string().openapi({ description: "the card program's currency, ISO 4217 alpha" }),
    rate: z
      .string()
      .nullable()
      .openapi({ description: "units of the billing currency per unit of the merchant's, before the markup" }),
    markupBps: z.number().int(),
    rateDate: z.string().nullable(),
    expiresAt: z.number().openapi({ description: 'epoch ms; confirming later is QUOTE_EXPIRED' }),
    validSeconds: z.number().int(),
  })
  .openapi('QrQuote') satisfies z.ZodType<QrQuote>;

export const AcquiredPaymentView = z
  .object({
    id: z.string().openapi({ description: "the authorization's id" }),
    quoteId: z.string(),
    state: z.nativeEnum(AcquiredPaymentState),
    approved: z.boolean(),
    reason: z.string(),
    network: z.string(),
    merchantId: z.string(),
    merchantName: z.string(),
    merchantCity: z.string(),
    amount: minor("the merchant's amount"),
    currency: z.string(),
    billingAmount: minor('what the card was billed'),
    billingCurrency: z.string(),
    rate: z.string().nullable(),
    markupBps: z.number().int(),
    rateDate: z.string().nullable(),
    refundedAmount: minor("refunded, in the merchant's currency"),
    refundedBillingAmount: minor('given back to the card'),
    refunds: z.array(
      z.object({ id: z.string(), amount: z.number().int(), billingAmount: z.number().int(), createdAt: z.number() }),
    ),
    settlesAt: z.number().openapi({ description: 'epoch ms: the 00:00 UTC cut-off, or when it was settled' }),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi('AcquiredPayment') satisfies z.ZodType<AcquiredPayment>;

const now = 1_764_230_400_000;

export const QUOTE_EXAMPLE: QrQuote = {
  id: 'qte_3f1c0b6e9d2a4c8e8f5b7a1d2c3e4f50',
  tokenId: 'tok_5b0e4f7c1a2d4e6f8a9b0c1d2e3f4a5b',
  network: 'promptpay',
  merchantName: 'Siam Noodles',
  merchantCity: 'Bangkok',
  amount: 45000,
  currency: 'THB',
  billingAmount: 9154,
  billingCurrency: 'CNY',
  rate: '0.2014',
  markupBps: 100,
  rateDate: '2026-11-26',
  expiresAt: now + 120_000,
  validSeconds: 120,
};

export const PAYMENT_EXAMPLE: AcquiredPayment = {
  id: 'auth_8c2d4e6f0a1b3c5d7e9f1a2b3c4d5e6f',
  quoteId: QUOTE_EXAMPLE.id,
  state: AcquiredPaymentState.Authorized,
  approved: true,
  reason: 'APPROVED',
  network: 'promptpay',
  merchantId: '0066812345678',
  merchantName: 'Siam Noodles',
  merchantCity: 'Bangkok',
  amount: 45000,
  currency: 'THB',
  billingAmount: 9154,
  billingCurrency: 'CNY',
  rate: '0.2014',
  markupBps: 100,
  rateDate: '2026-11-26',
  refundedAmount: 0,
  refundedBillingAmount: 0,
  refunds: [],
  settlesAt: now + 86_400_000,
  createdAt: now,
  updatedAt: now,
};
