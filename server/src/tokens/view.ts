/** The public shape of a token (never the PAN: last four only). */
import type { IssuerToken } from '@arkpay/core/contract';
import { z } from '@hono/zod-openapi';
import type { TokensTable } from '../db/schema';

export const TokenView = z
  .object({
    id: z.string(),
    tokenNumber: z.string(),
    programId: z.string(),
    deviceId: z.string(),
    panLast4: z.string(),
    par: z.string(),
    expiry: z.string().openapi({ description: 'YYMM' }),
    psn: z.string(),
    state: z.string(),
    idv: z.string(),
    domains: z.array(z.string()),
    createdAt: z.number(),
    updatedAt: z.number(),
  })
  .openapi('Token') satisfies z.ZodType<IssuerToken>;

export type TokenViewT = z.infer<typeof TokenView>;

export function toTokenView(r: TokensTable): TokenViewT {
  return {
    id: r.id,
    tokenNumber: r.token_number,
    programId: r.program_id,
    deviceId: r.device_id,
    panLast4: r.pan_last4,
    par: r.par,
    expiry: r.expiry,
    psn: r.psn,
    state: r.state,
    idv: r.idv,
    domains: r.domains.split(',').filter((d) => d !== ''),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
