/**
 * EMV common session key derivation (EMV Book 2, annex A1.3):
 * SK = TDES(MK, R with byte 3 = F0) ‖ TDES(MK, R with byte 3 = 0F), odd parity.
 * R = ATC‖00…00 (Visa CVN 18/22) or ATC‖0000‖UN (Mastercard style, when `un` is given).
 */
import { ArkPayError } from '../errors';
import { concatBytes } from '../hex';
import type { CryptoPort } from '../ports/crypto';
import type { KeyStore } from '../ports/keystore';
import { adjustParity } from './icc-key';

/** The 8-byte diversification value R for an ATC (0..65535) and an optional 4-byte unpredictable number. */
export function sessionKeyR(atc: number, un: Uint8Array | null): Uint8Array {
  if (!Number.isInteger(atc) || atc < 0 || atc > 0xffff) {
    throw new ArkPayError('ATC_INVALID', 'ATC must be an integer from 0 to 65535');
  }
  const r = new Uint8Array(8);
  r[0] = atc >>> 8;
  r[1] = atc & 0xff;
  if (un !== null) {
    if (un.length !== 4) {
      throw new ArkPayError('UN_INVALID', `unpredictable number must be 4 bytes, got ${un.length}`);
    }
    r.set(un, 4);
  }
  return r;
}

/** The two blocks encrypted under the master key: R with byte 3 set to F0, then to 0F. */
function sessionKeyBlocks(r: Uint8Array): Uint8Array {
  if (r.length !== 8) {
    throw new ArkPayError('R_INVALID', `R must be 8 bytes, got ${r.length}`);
  }
  const f = concatBytes(r, r);
  f[2] = 0xf0;
  f[10] = 0x0f;
  return f;
}

/** Session key from the 8-byte R (any R, for callers with their own diversification data). */
export function deriveSessionKeyFromR(c: CryptoPort, mk: Uint8Array, r: Uint8Array): Uint8Array {
  if (mk.length !== 16) {
    throw new ArkPayError('KEY_INVALID', `master key must be 16 bytes, got ${mk.length}`);
  }
  return adjustParity(c.tdesEncrypt(mk, sessionKeyBlocks(r)));
}

/**
 * Session key derived with a master key held in a KeyStore (e.g. the Mastercard-style key, which needs
 * the tap's UN). The result is raw key bytes: import it under an alias and wipe it straight away.
 */
export function deriveSessionKeyWithKeyStore(
  ks: KeyStore,
  mkAlias: string,
  atc: number,
  un: Uint8Array | null,
): Uint8Array {
  return adjustParity(ks.tdesEncrypt(mkAlias, sessionKeyBlocks(sessionKeyR(atc, un))));
}

/** Session key for an ATC; `un` null → R = ATC‖000000000000, else R = ATC‖0000‖UN. */
export function deriveSessionKey(c: CryptoPort, mk: Uint8Array, atc: number, un: Uint8Array | null): Uint8Array {
  return deriveSessionKeyFromR(c, mk, sessionKeyR(atc, un));
}
