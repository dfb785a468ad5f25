/** The service's ECDH P-256 key for card-data envelopes, generated once, private half sealed under the KEK. */
import { generateKeyPairSync } from 'node:crypto';
import { publicKeyFromPkcs8, rawPublicKey } from '../crypto/card-envelope';
import { seal, unseal } from '../crypto/seal';
import type { Db } from '../db/connect';
import type { ServiceKey } from '../deps';
import { putSettingOnce } from './settings';

const AAD = 'service-ecdh-key';

export async function loadServiceKey(db: Db, kek: Uint8Array): Promise<ServiceKey> {
  const fresh = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const pkcs8 = fresh.privateKey.export({ format: 'der', type: 'pkcs8' });
  const stored = await putSettingOnce(db, 'service_ecdh_key', seal(kek, pkcs8, AAD));
  const opened = unseal(kek, stored, AAD);
  return { pkcs8: opened, publicRaw: Uint8Array.from(rawPublicKey(publicKeyFromPkcs8(opened))) };
}
