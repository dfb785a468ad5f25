/** What every route and service needs: the database, the KEK, the service key, configuration, a clock. */
import type { Config } from './config';
import type { Db } from './db/connect';

export interface ServiceKey {
  /** PKCS#8 DER of the service's ECDH P-256 private key. */
  pkcs8: Uint8Array;
  /** Uncompressed public point, published to wallets. */
  publicRaw: Uint8Array;
}

export interface Deps {
  db: Db;
  kek: Uint8Array;
  serviceKey: ServiceKey;
  config: Config;
  now(): number;
}
