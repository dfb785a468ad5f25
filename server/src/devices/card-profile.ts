/** The card profile a device needs to configure its applet: the token's program, as the device API shows it. */
import { z } from '@hono/zod-openapi';
import type { Deps } from '../deps';
import { cvnOfProfile } from '../keys/profile';
import { Limits } from '../programs/model';

export const CardProfileView = z.object({
  scheme: z.string(),
  aid: z.string(),
  profile: z.string(),
  cvn: z.number(),
  label: z.string(),
  cardArt: z.string(),
  noCvmLimit: z.number(),
  currency: z.string(),
});

export async function cardProfile(deps: Deps, programId: string): Promise<z.infer<typeof CardProfileView>> {
  const p = await deps.db.kysely
    .selectFrom('programs')
    .selectAll()
    .where('id', '=', programId)
    .executeTakeFirstOrThrow();
  const limits = Limits.parse(JSON.parse(p.limits));
  return {
    scheme: p.scheme,
    aid: p.aid,
    profile: p.profile,
    cvn: cvnOfProfile(p.profile),
    label: p.name,
    cardArt: p.card_art,
    noCvmLimit: limits.noCvmLimit,
    currency: limits.currency,
  };
}
