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
  };
}
