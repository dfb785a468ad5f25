/** Card program: what an issuer configures once for a family of cards. */
import type { CardProgram } from '@arkpay/core/contract';
import { issuedSchemes, PROFILES as PROFILE_ROWS } from '@arkpay/core/contract';
import { findCurrency } from '@arkpay/core/money';
import { z } from '@hono/zod-openapi';
import { Amount, Digits, Hex } from '../http/schemas';

/**
 * Program profiles and schemes come from the core's scheme registry (contract/schemes.ts), e.g. `full`:
 * Mastercard-style full path (GPO → AIP‖AFL, READ RECORD, GENERATE AC), kernel id 2, with CVN 18
 * single-use session keys (R = ATC‖0…0; the reader's UN is inside the MACed CDOL1 data).
 */
export const PROFILES = PROFILE_ROWS.map((p) => p.profile) as [string, ...string[]];
export const SCHEMES = issuedSchemes().map((s) => s.scheme) as [string, ...string[]];

export const IdvPolicy = z
  .object({
    /** Wallet risk score (0–100) at or below which a card is green (provisioned at once). */
    greenMaxRisk: z.number().int().min(0).max(100).default(30),
    /** At or below which it is yellow (one-time-code step-up); above it is red (declined). */
    yellowMaxRisk: z.number().int().min(0).max(100).default(70),
    otpTtlSeconds: z.number().int().min(30).max(3600).default(600),
  })
  .openapi('IdvPolicy');

/**
 * The limits are in the program's billing currency: `currency`. A payment in another currency is billed
 * in it (converted at the rate table's rate plus the program's FX markup) and the limits count that.
 */
export const Limits = z
  .object({
    currency: Digits(3, 3)
      .refine((c) => findCurrency(c) !== undefined, 'not an ISO 4217 currency')
      .openapi({
        description:
          "the program's billing currency, ISO 4217 numeric, e.g. 156 (CNY): every payment bills in it and the limits below count it",
      }),
    /** Above this amount the owner must have been verified on the device (CDCVM). */
    noCvmLimit: Amount,
    perTransaction: Amount,
    /** Sum of approved amounts per token over 24 hours. */
    daily: Amount,
    /** Approved authorizations per token per hour. */
    velocityPerHour: z.number().int().min(1).max(100000),
  })
  .openapi('Limits');

/** Cross-currency payments: the markup on the rate table's rate, and how old a rate may be. */
export const Fx = z
  .object({
    markupBps: z
      .number()
      .int()
      .min(0)
      .max(10000)
      .default(0)
      .openapi({ description: 'added to the exchange rate, in basis points (100 = 1 %)' }),
    maxRateAgeHours: z.number().int().min(1).max(8760).default(96).openapi({
      description:
        'a rate older than this (counted from the start of its date, UTC) declines FX_RATE_STALE; 96 covers a weekend and a holiday',
    }),
  })
  .openapi('ProgramFx');

export const FX_DEFAULTS = { markupBps: 0, maxRateAgeHours: 96 };

export const Decision = z
  .object({
    mode: z.enum(['rules', 'webhook']).default('rules'),
    url: z.string().url().optional(),
    timeoutMs: z.number().int().min(50).max(10000).default(1500),
    /** What happens when the webhook does not answer in time or answers badly. */
    fallback: z.enum(['rules', 'approve', 'decline']).default('rules'),
  })
  .openapi('DecisionConfig');

export const ProgramCreate = z
  .object({
    name: z.string().min(1).max(100),
    scheme: z.enum(SCHEMES),
    aid: Hex(5, 16),
    profile: z.enum(PROFILES),
    binRange: z.object({ low: Digits(6, 12), high: Digits(6, 12) }),
    tokenBin: Digits(6, 8),
    cardArt: z.string().max(2000).default(''),
    domains: z
      .array(z.enum(['contactless', 'qr', 'inapp']))
      .min(1)
      .default(['contactless', 'qr', 'inapp']),
    idvPolicy: IdvPolicy.default({ greenMaxRisk: 30, yellowMaxRisk: 70, otpTtlSeconds: 600 }),
    limits: Limits,
    fx: Fx.default(FX_DEFAULTS),
    decision: Decision.default({ mode: 'rules', timeoutMs: 1500, fallback: 'rules' }),
    masterKey: z
      .discriminatedUnion('mode', [
        z.object({ mode: z.literal('generate') }),
        z.object({
          mode: z.literal('import'),
          key: Hex(16, 16).openapi({ description: '2-key TDES IMK, sealed under the KEK on arrival' }),
        }),
        z.object({
          mode: z.literal('wrapped'),
          wrapped: z.string().min(40).max(200).openapi({
            description:
              'the IMK already sealed under the KEK: base64(iv‖AES-256-GCM ciphertext‖tag), AAD "imk-import"',
          }),
        }),
      ])
      .default({ mode: 'generate' }),
  })
  .openapi('ProgramCreate');

export const Program = z
  .object({
    id: z.string(),
    name: z.string(),
    scheme: z.string(),
    aid: z.string(),
    profile: z.string(),
    binRange: z.object({ low: z.string(), high: z.string() }),
    tokenBin: z.string(),
    cardArt: z.string(),
    domains: z.array(z.string()),
    idvPolicy: IdvPolicy,
    limits: Limits,
    fx: Fx,
    decision: Decision,
    masterKeyCheckValue: z.string().openapi({ description: 'KCV: first 3 bytes of TDES(IMK, 0…0)' }),
    createdAt: z.number(),
  })
  .openapi('Program') satisfies z.ZodType<CardProgram>;

export type IdvPolicyT = z.infer<typeof IdvPolicy>;
export type LimitsT = z.infer<typeof Limits>;
export type DecisionT = z.infer<typeof Decision>;
export type FxT = z.infer<typeof Fx>;
export type ProgramT = z.infer<typeof Program>;
