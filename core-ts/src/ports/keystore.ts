/**
 * Key-store port: keys are referenced by opaque aliases and used inside the store, so a platform
 * with a hardware keystore (HUKS) never hands raw key bytes to the core.
 */
export interface KeyStore {
  /** Stores a secret key under the alias (replacing none: an existing alias is an error). */
  importKey(alias: string, key: Uint8Array): void;
  hasKey(alias: string): boolean;
  deleteKey(alias: string): void;
  /** Triple DES ECB encryption of whole blocks with the stored key. */
  tdesEncrypt(alias: string, data: Uint8Array): Uint8Array;
  /** ISO 9797-1 MAC algorithm 3 (retail MAC) with the stored 2-key TDES key over already padded data. */
  retailMac(alias: string, paddedData: Uint8Array): Uint8Array;
}
