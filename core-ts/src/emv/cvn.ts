/**
 * Cryptogram version numbers (CVN) and cryptogram types, and what each CVN decides about keys: the ICC
 * master key derivation option and the key that computes the cryptogram (see cryptogram.ts for the table).
 */
import { ArkPayError } from '../errors';
import type { CryptoPort } from '../ports/crypto';
import { deriveIccMasterKey, IccKeyOption } from './icc-key';
import { deriveSessionKey } from './session-key';

/** Cryptogram version numbers; the value is the CVN byte as it appears in the IAD. */
export enum Cvn {
  VISA_10 = 0x0a,
  VISA_18 = 0x12,
  VISA_22 = 0x22,
  /** Mastercard style (M/Chip 4 CVN 14 shape): EMV common session key with R = ATC‖0000‖UN. */
  MC_SESSION = 0x14,
}

/** Cryptogram information data (9F27) values for the three cryptogram types. */
export enum AcType {
  AAC = 0x00,
  TC = 0x40,
  ARQC = 0x80,
}

/** Maps a CVN byte (e.g. from an IAD) to a Cvn; throws CVN_UNSUPPORTED otherwise. */
export function cvnFromByte(b: number): Cvn {
  switch (b) {
    case 0x0a:
      return Cvn.VISA_10;
    case 0x12:
      return Cvn.VISA_18;
    case 0x22:
      return Cvn.VISA_22;
    case 0x14:
      return Cvn.MC_SESSION;
    default:
      throw new ArkPayError('CVN_UNSUPPORTED', `cryptogram version ${b} is not supported`);
  }
}

export function isVisaCvn(cvn: Cvn): boolean {
  return cvn !== Cvn.MC_SESSION;
}

/** The derivation option each CVN uses: CVN 10 option A, CVN 22 option B, the others A or B by PAN length. */
export function iccKeyOptionFor(cvn: Cvn): IccKeyOption {
  switch (cvn) {
    case Cvn.VISA_10:
      return IccKeyOption.A;
    case Cvn.VISA_22:
      return IccKeyOption.B;
    default:
      return IccKeyOption.AUTO;
  }
}

/** The ICC (or token) master key for the CVN, with the CVN's derivation option (iccKeyOptionFor). */
export function deriveCvnMasterKey(c: CryptoPort, imk: Uint8Array, pan: string, psn: string, cvn: Cvn): Uint8Array {
  return deriveIccMasterKey(c, imk, pan, psn, iccKeyOptionFor(cvn));
}

/**
 * The key that computes the cryptogram, from the ICC master key: the master key itself (CVN 10) or the
 * session key for the ATC (and the UN for the Mastercard style; `un` may be null for the others).
 */
export function acKey(c: CryptoPort, iccMk: Uint8Array, cvn: Cvn, atc: number, un: Uint8Array | null): Uint8Array {
  switch (cvn) {
    case Cvn.VISA_10:
      return iccMk.slice(0);
    case Cvn.VISA_18:
    case Cvn.VISA_22:
      return deriveSessionKey(c, iccMk, atc, null);
    case Cvn.MC_SESSION:
      if (un === null) {
        throw new ArkPayError('UN_REQUIRED', 'the Mastercard-style session key needs the unpredictable number');
      }
      return deriveSessionKey(c, iccMk, atc, un);
  }
}
