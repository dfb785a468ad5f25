/**
 * New API keys for the seeded demo issuer and acquirer. Keys are stored hashed and shown once, so a
 * developer who restarts the platform and lost the first banner asks for new ones; the old keys stop
 * working at that moment.
 */
import { hashApiKey, newApiKey } from '../crypto/secrets';
import type { Deps } from '../deps';
import type { DemoCredentials } from './demo';

const DEMO_ISSUER = 'ArkPay Demo Bank';
const DEMO_ACQUIRER = 'ArkPay Demo Acquirer';

export async function issueDemoKeys(deps: Deps): Promise<DemoCredentials | undefined> {
  const db = deps.db.kysely;
  const issuer = await db
    .selectFrom('issuers')
    .select('id')
    .where('name', '=', DEMO_ISSUER)
    .orderBy('created_at')
    .executeTakeFirst();
  const acquirer = await db
    .selectFrom('acquirers')
    .select('id')
    .where('name', '=', DEMO_ACQUIRER)
    .orderBy('created_at')
    .executeTakeFirst();
  if (issuer === undefined || acquirer === undefined) return undefined;
  const programs = await db
    .selectFrom('programs')
    .select(['id', 'profile'])
    .where('issuer_id', '=', issuer.id)
    .orderBy('created_at')
    .execute();
  // The first of each profile: an issuer's own later programs are not the demo's.
  const program = programs.find((p) => p.profile !== 'full');
  const full = programs.find((p) => p.profile === 'full');
  const issuerKey = newApiKey('ik');
  const acquirerKey = newApiKey('ak');
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable('issuers')
      .set({ api_key_hash: hashApiKey(issuerKey) })
      .where('id', '=', issuer.id)
      .execute();
    await tx
      .updateTable('acquirers')
      .set({ api_key_hash: hashApiKey(acquirerKey) })
      .where('id', '=', acquirer.id)
      .execute();
  });
  return {
    issuerId: issuer.id,
    issuerKey,
    acquirerId: acquirer.id,
    acquirerKey,
    programId: program?.id ?? '',
    fullProgramId: full?.id ?? '',
  };
}
