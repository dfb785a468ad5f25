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

/**
 * The error code a key store throws (as ArkPayError) while its keys are locked until the owner verifies
 * (HuksKeyStore before an owner-bound unlock). The applet answers such a tap "see phone" (6986), not 6985:
 * the reader asks the owner to verify on the device and tap again, and no single-use key is spent.
 */
export const KEYSTORE_LOCKED: string = 'KEYSTORE_LOCKED';
