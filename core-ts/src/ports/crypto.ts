/**
 * Crypto port: the block ciphers and hashes the core needs, supplied by the platform
 * (node:crypto in the Node packages, cryptoFramework on HarmonyOS). Synchronous on purpose:
 * the card applet answers an APDU inside one call.
 */
export interface CryptoPort {
  /** Triple DES ECB encryption, no padding; key is 16 (2-key) or 24 bytes, data a multiple of 8. */
  tdesEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array;
  /** Triple DES ECB decryption, no padding. */
  tdesDecrypt(key: Uint8Array, data: Uint8Array): Uint8Array;
  /** AES ECB encryption, no padding; key 16, 24 or 32 bytes, data a multiple of 16. */
  aesEncrypt(key: Uint8Array, data: Uint8Array): Uint8Array;
  /**
   * Triple DES CBC encryption, no padding: key 16 or 24 bytes, iv 8 bytes, data a non-empty multiple of 8;
   * returns every ciphertext block. It exists so a MAC's CBC chain costs one cipher set-up, not one per block.
   */
  tdesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
  /** AES CBC encryption, no padding (key 16, 24 or 32 bytes, iv 16, data a non-empty multiple of 16), for CMAC. */
  aesCbcEncrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array;
  sha1(data: Uint8Array): Uint8Array;
  sha256(data: Uint8Array): Uint8Array;
}
