/** Request schemas of the authorization API. */
import { z } from '@hono/zod-openapi';
import { Amount, Digits, Hex } from '../http/schemas';

export const Merchant = z.object({
  id: z.string().min(1).max(40),
  name: z.string().min(1).max(100),
  mcc: Digits(4, 4).default('5999'),
  terminalId: z.string().max(40).default(''),
});

export const TapRequest = z
  .object({
    token: Digits(12, 19).openapi({ description: 'token number (tag 5A / 57)' }),
    psn: Digits(2, 2).default('00'),
    atc: z.number().int().min(0).max(65535),
    unpredictableNumber: Hex(4, 4),
    cryptogram: Hex(8, 8),
    iad: Hex(1, 32),
    cid: Hex(1, 1),
    ctq: Hex(2, 2),
    aip: Hex(2, 2),
    tvr: Hex(5, 5).default('0000000000'),
    amount: Amount,
    otherAmount: Amount.default(0),
    currency: Digits(3, 3),
    country: Digits(3, 3),
    date: Digits(6, 6).openapi({ description: 'YYMMDD (9A)' }),
    transactionType: Hex(1, 1).default('00'),
    merchant: Merchant,
  })
  .openapi('TapAuthorization');

export const MpmPayment = z
  .object({
    tokenId: z.string().min(1).max(80),
    payload: z.string().min(10).max(512).openapi({ description: 'the scanned EMVCo MPM string' }),
    amount: Amount.optional().openapi({ description: 'required when the QR is static (no tag 54)' }),
    ownerVerified: z.boolean().default(false).openapi({
      description:
        "the owner passed a consumer-device CVM (biometric or lock-screen PIN) for this payment; absent means not. Above the program's no-CVM limit an unverified payment is declined CVM_REQUIRED",
    }),
  })
  .openapi('MpmPayment');

export const CpmAuthorization = z
  .object({
    payload: z
      .string()
      .min(20)
      .max(1024)
      .openapi({ description: 'the scanned consumer-presented QR (base64 BER-TLV)' }),
    amount: Amount,
    currency: Digits(3, 3),
    merchant: Merchant,
  })
  .openapi('CpmAuthorization');

export const InAppPayment = z
  .object({
    tokenId: z.string().min(1).max(80),
    amount: Amount,
    currency: Digits(3, 3),
    merchant: Merchant,
  })
  .openapi('InAppPayment');

export const Refund = z.object({ amount: Amount.refine((a) => a > 0, 'must be positive') });

export const AuthorizationResult = z
  .object({
    id: z.string(),
    approved: z.boolean(),
    reason: z.string().openapi({ description: 'APPROVED or a decline code' }),
    arc: z.string().nullable(),
    arpc: z.string().nullable(),
  })
  .openapi('AuthorizationResult');

export type TapRequestT = z.infer<typeof TapRequest>;
export type AuthorizationResultT = z.infer<typeof AuthorizationResult>;
