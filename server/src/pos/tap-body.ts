/**
 * The body of POST /v1/acquirer/pos/tap, checked whole before anything runs: amount and currency as
 * the page types them, an optional merchant name, and the wallet state the page holds. The state came
 * back from a browser, so every part the simulated wallet will use is checked for shape and range (a
 * P-256 device key, token ids, ATCs of two bytes, 16-byte keys); anything else is 400, never a crash.
 */
import { createPrivateKey } from 'node:crypto';
import { z } from '@hono/zod-openapi';
import { ApiError, fail } from '../http/errors';
import { Digits, Hex } from '../http/schemas';
import { PROFILES, SCHEMES } from '../programs/model';
import { parseAmount, parseCurrency } from './amount';
import type { WalletState } from './wallet-state';

const Atc = z.number().int().min(1).max(0xffff);

const Provisioned = z.looseObject({
  token: z.looseObject({
    id: z.string().regex(/^tok_[0-9a-f]{32}$/),
    tokenNumber: Digits(13, 19),
    expiry: z.string().regex(/^\d{2}(0[1-9]|1[0-2])$/),
    psn: Digits(2, 2),
  }),
  card: z.looseObject({
    scheme: z.enum(SCHEMES),
    aid: Hex(5, 16),
    profile: z.enum(PROFILES),
    cvn: z.number().int().min(0).max(255),
    label: z.string().max(40),
    noCvmLimit: z.number().int().min(0).max(999_999_999_999),
  }),
});

const Wallet = z.object({
  version: z.literal(1),
  deviceKey: z.string().min(1).max(400),
  deviceId: z.string().regex(/^dev_[0-9a-f]{32}$/),
  cards: z
    .array(
      z.object({
        provisioned: Provisioned,
        keys: z.array(z.object({ atc: Atc, key: Hex(16, 16) })).max(100),
        used: z.array(Atc).max(1000),
      }),
    )
    .min(1)
    .max(8),
});

export interface PosTap {
  amount: number;
  currency: number;
  merchant: string;
  /** The simulated owner passed (or skipped) the device's CVM; default yes. */
  ownerVerified: boolean;
  wallet: WalletState | undefined;
}

/** The body as documented (parsePosTap checks it by hand, to name the failing part of a wallet). */
export const PosTapBody = z
  .object({
    amount: z.string().openapi({ example: '12.50', description: 'a decimal in the currency (not minor units)' }),
    currency: z
      .union([z.string(), z.number()])
      .optional()
      .openapi({ example: '156', description: 'ISO 4217 alphabetic or numeric (CNY, 156, JPY, KWD…); default 156' }),
    merchant: z.string().max(40).optional().openapi({ example: 'Corner Shop' }),
    ownerVerified: z
      .boolean()
      .optional()
      .openapi({ description: 'the wallet owner passed the device CVM; default true' }),
    wallet: Wallet.nullable().optional().openapi({ description: 'the state the page holds; absent on the first tap' }),
  })
  .openapi('PosTap');

function bad(message: string): ApiError {
  return new ApiError('VALIDATION_FAILED', message);
}

function isP256PrivateKey(pkcs8Base64: string): boolean {
  try {
    const k = createPrivateKey({ key: Buffer.from(pkcs8Base64, 'base64'), format: 'der', type: 'pkcs8' });
    return k.asymmetricKeyType === 'ec' && k.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

export function parsePosTap(body: unknown): PosTap {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('body must be a JSON object');
  const b = body as Record<string, unknown>;
  const currency = parseCurrency(b.currency);
  if (typeof currency === 'string') throw bad(currency);
  const amount = parseAmount(b.amount, currency);
  if (typeof amount === 'string') throw bad(amount);
  if (b.merchant !== undefined && (typeof b.merchant !== 'string' || b.merchant.length > 40))
    throw bad('merchant: a name of at most 40 characters');
  const merchant = typeof b.merchant === 'string' && b.merchant !== '' ? b.merchant : 'ArkPay POS simulator';
  if (b.ownerVerified !== undefined && typeof b.ownerVerified !== 'boolean') throw bad('ownerVerified: true or false');
  const ownerVerified = b.ownerVerified !== false;
  if (b.wallet === undefined || b.wallet === null)
    return { amount, currency, merchant, ownerVerified, wallet: undefined };
  const w = Wallet.safeParse(b.wallet);
  if (!w.success) {
    const where = w.error.issues.map((i) => `wallet.${i.path.join('.')}: ${i.message}`).join('; ');
    throw fail('WALLET_INVALID', where.slice(0, 300));
  }
  if (!isP256PrivateKey(w.data.deviceKey)) throw fail('WALLET_INVALID', 'wallet.deviceKey: not a P-256 PKCS#8 key');
  return { amount, currency, merchant, ownerVerified, wallet: w.data as unknown as WalletState };
}
