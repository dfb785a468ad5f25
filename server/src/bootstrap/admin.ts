/** The admin key: ARKPAY_ADMIN_KEY, or generated on first start (returned once, stored hashed). */
import { hashApiKey, newApiKey } from '../crypto/secrets';
import type { Db } from '../db/connect';
import { putSetting, putSettingOnce } from './settings';

/** Returns the generated key when this call created it, else undefined. */
export async function ensureAdminKey(db: Db, configured: string | undefined): Promise<string | undefined> {
  if (configured !== undefined) {
    await putSetting(db, 'admin_key_hash', hashApiKey(configured));
    return undefined;
  }
  const key = newApiKey('adm');
  const stored = await putSettingOnce(db, 'admin_key_hash', hashApiKey(key));
  return stored === hashApiKey(key) ? key : undefined;
}
