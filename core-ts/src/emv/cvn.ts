/**
 * Cryptogram version numbers (CVN) and cryptogram types, and what each CVN decides about keys: the ICC
 * master key derivation option, the key that computes the cryptogram (see cryptogram.ts for the table)
 * and the ARPC key (CvnProfile; docs/emv.md).
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

/** Where the issuer's ARPC key comes from. */
export enum ArpcKeySource {
  /** The key that computed the ARQC (ICC MK for CVN 10, the ATC's session key for 18 and 22). */
  AC_KEY = 'ac-key',
  /** The ICC master key itself, whatever the AC key (M/Chip CVN 16/17 convention). */
  ICC_MASTER_KEY = 'icc-master-key',
}

/**
 * What a CVN decides besides the MAC input, per profile, with the reason (sources in docs/emv.md):
 * - Visa CVN 10: option A for every PAN length; the AC key is the ICC MK, so is the ARPC key
 *   (pyemv VisaCVN10).
 * - Visa CVN 18 and 22: option B (A up to 16 digits, SHA-1 above; EMV Book 2 A1.4.2, pyemv VisaCVN18 and
 *   derive_icc_mk_b); ARPC with the ATC's session key, as the card holds nothing else (single-use keys).
 * - Mastercard style: M/Chip CVN 16/17 derive the ICC MK by option A for every PAN length and answer
 *   with an ARPC (method 1) under the ICC MK, not a session key (pyemv MasterCardCVN16/17 and the
 *   M/Chip 4 CVN table). The card holds the token master key for this profile anyway (its session key
 *   needs the reader's UN), so it can check such an ARPC; ArkPay follows M/Chip here.
 */
export class CvnProfile {
  readonly cvn: Cvn;
  readonly iccKeyOption: IccKeyOption;
  readonly arpcKey: ArpcKeySource;

  constructor(cvn: Cvn, iccKeyOption: IccKeyOption, arpcKey: ArpcKeySource) {
    this.cvn = cvn;
    this.iccKeyOption = iccKeyOption;
    this.arpcKey = arpcKey;
  }
}

const PROFILES: CvnProfile[] = [
  new CvnProfile(Cvn.VISA_10, IccKeyOption.A, ArpcKeySource.AC_KEY),
  new CvnProfile(Cvn.VISA_18, IccKeyOption.B, ArpcKeySource.AC_KEY),
  new CvnProfile(Cvn.VISA_22, IccKeyOption.B, ArpcKeySource.AC_KEY),
  new CvnProfile(Cvn.MC_SESSION, IccKeyOption.A, ArpcKeySource.ICC_MASTER_KEY),
];

export function cvnProfile(cvn: Cvn): CvnProfile {
  for (const p of PROFILES) {
    if (p.cvn === cvn) {
      return p;
    }
  }
  throw new ArkPayError('CVN_UNSUPPORTED', `cryptogram version ${cvnHex(cvn)} is not supported`);
}

/** A CVN byte as written everywhere: two hex digits, e.g. "0x12". */
export function cvnHex(b: number): string {
  return `0x${(0x100 + (b & 0xff)).toString(16).slice(1).toUpperCase()}`;
}

/**
 * The CVN's name as the schemes write it, with its byte in hex: "CVN 18 (0x12)" (Visa formats 0/1 name
 * CVNs in decimal), "CVN 22 (0x22)" (format 2 names them in hex), "Mastercard style (0x14)".
 */
export function cvnLabel(b: number): string {
  switch (b) {
    case Cvn.VISA_10:
      return 'CVN 10 (0x0A)';
    case Cvn.VISA_18:
      return 'CVN 18 (0x12)';
    case Cvn.VISA_22:
      return 'CVN 22 (0x22)';
    case Cvn.MC_SESSION:
      return 'Mastercard style (0x14)';
    default:
      return `CVN ${cvnHex(b)}`;
  }
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
      throw new ArkPayError('CVN_UNSUPPORTED', `cryptogram version ${cvnHex(b)} is not supported`);
  }
}

export function isVisaCvn(cvn: Cvn): boolean {
  return cvn !== Cvn.MC_SESSION;
}

/** The ICC master key derivation option of the CVN's profile (see CvnProfile). */
export function iccKeyOptionFor(cvn: Cvn): IccKeyOption {
  return cvnProfile(cvn).iccKeyOption;
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

/**
 * The key the issuer's ARPC is computed with, per the CVN's profile (see CvnProfile), as a copy: the ICC
 * master key, or the AC key for the ATC (`derived`: that key when the caller already has it, as after
 * verifying the cryptogram).
 */
export function arpcKey(
  c: CryptoPort,
  iccMk: Uint8Array,
  cvn: Cvn,
  atc: number,
  un: Uint8Array | null,
  derived?: Uint8Array,
): Uint8Array {
  if (cvnProfile(cvn).arpcKey === ArpcKeySource.ICC_MASTER_KEY) return iccMk.slice(0);
  return derived === undefined ? acKey(c, iccMk, cvn, atc, un) : derived.slice(0);
}
