/**
 * Application cryptograms (ARQC / TC / AAC) for the supported cryptogram version numbers (CVN).
 *
 * Every CVN here computes ISO 9797-1 MAC algorithm 3 (retail MAC, 2-key TDES) over
 *   9F02 amount ‖ 9F03 other amount ‖ 9F1A country ‖ 95 TVR ‖ 5F2A currency ‖ 9A date ‖ 9C type ‖
 *   9F37 unpredictable number ‖ 82 AIP ‖ 9F36 ATC ‖ <CVN-specific tail>
 * and differs in the key and the tail:
 *
 * | CVN | key | tail | padding |
 * |---|---|---|---|
 * | Visa 10 (0x0A) | ICC master key itself (option A) | CVR (4 bytes, IAD bytes 4–7) | zeros (method 1) |
 * | Visa 18 (0x12) | session key, R = ATC‖000000000000 | the whole IAD (9F10 value) | method 2 |
 * | Visa 22 (0x22) | as 18, ICC MK always by option B | the whole IAD | method 2 |
 * | Mastercard style (0x14) | session key, R = ATC‖0000‖UN | CVR (6 bytes, IAD bytes 3–8) | method 2 |
 *
 * The Mastercard-style CVN is shaped after M/Chip 4 CVN 14 (EMV common session key) as ArkPay reads it,
 * not a certified implementation: the tail is the 6-byte card verification results only (no counters,
 * no DAC). The type of cryptogram (ARQC, TC, AAC) is not in the MAC input except through the CVR bits,
 * so one function computes all three.
 *
 * Key holders: the card computes with a KeyStore alias (the key never leaves the store): the session
 * key for 18/22/Mastercard style, the ICC master key for 10. The issuer / token service computes with
 * raw key bytes through the CryptoPort, deriving IMK → ICC MK → session key.
 * Note for single-use key batches: the Mastercard-style session key depends on the terminal's UN, so it
 * cannot be derived ahead of the tap; pre-derived single-use keys fit the Visa-style CVNs 18 and 22, and
 * the Mastercard style derives its session key in the tap from a stored master key
 * (deriveSessionKeyWithKeyStore).
 */

import { retailMac } from '../crypto/mac';
import { padIso9797Method1, padIso9797Method2 } from '../crypto/padding';
import { ArkPayError } from '../errors';
import { bytesEqual, bytesToUint, concatBytes } from '../hex';
import type { CryptoPort } from '../ports/crypto';
import type { KeyStore } from '../ports/keystore';
import { tagHex } from '../tlv';
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

/** The terminal and card data a cryptogram covers, as raw EMV values (BCD / binary as on the wire). */
export interface AcDataFields {
  /** 9F02, 6 bytes BCD. */
  amount: Uint8Array;
  /** 9F03, 6 bytes BCD. */
  otherAmount: Uint8Array;
  /** 9F1A, 2 bytes. */
  country: Uint8Array;
  /** 95, 5 bytes. */
  tvr: Uint8Array;
  /** 5F2A, 2 bytes. */
  currency: Uint8Array;
  /** 9A, 3 bytes YYMMDD. */
  date: Uint8Array;
  /** 9C, 1 byte. */
  type: Uint8Array;
  /** 9F37, 4 bytes. */
  un: Uint8Array;
  /** 82, 2 bytes. */
  aip: Uint8Array;
  /** 9F36, 2 bytes. */
  atc: Uint8Array;
  /** 9F10, the whole value (Visa: 06‖DKI‖CVN‖CVR…; Mastercard style: DKI‖CVN‖CVR(6)‖…). */
  iad: Uint8Array;
}

function need(name: string, v: Uint8Array, len: number): Uint8Array {
  if (v.length !== len) {
    throw new ArkPayError('AC_DATA_INVALID', `${name} must be ${len} bytes, got ${v.length}`);
  }
  return v.slice(0);
}

/** Validated, copied cryptogram input data; lengths as STANDARDS.md lists them. */
export class AcData {
  readonly amount: Uint8Array;
  readonly otherAmount: Uint8Array;
  readonly country: Uint8Array;
  readonly tvr: Uint8Array;
  readonly currency: Uint8Array;
  readonly date: Uint8Array;
  readonly type: Uint8Array;
  readonly un: Uint8Array;
  readonly aip: Uint8Array;
  readonly atc: Uint8Array;
  readonly iad: Uint8Array;

  constructor(f: AcDataFields) {
    this.amount = need('9F02 amount', f.amount, 6);
    this.otherAmount = need('9F03 other amount', f.otherAmount, 6);
    this.country = need('9F1A country', f.country, 2);
    this.tvr = need('95 TVR', f.tvr, 5);
    this.currency = need('5F2A currency', f.currency, 2);
    this.date = need('9A date', f.date, 3);
    this.type = need('9C type', f.type, 1);
    this.un = need('9F37 unpredictable number', f.un, 4);
    this.aip = need('82 AIP', f.aip, 2);
    this.atc = need('9F36 ATC', f.atc, 2);
    if (f.iad.length < 1 || f.iad.length > 32) {
      throw new ArkPayError('AC_DATA_INVALID', `9F10 IAD must be 1 to 32 bytes, got ${f.iad.length}`);
    }
    this.iad = f.iad.slice(0);
  }

  /** Builds from EMV tag values (e.g. gathered from PDOL/CDOL data and the card's response); 9F03 defaults to zero. */
  static fromTags(tags: Map<number, Uint8Array>): AcData {
    const get = (tag: number): Uint8Array => {
      const v = tags.get(tag);
      if (v === undefined) {
        throw new ArkPayError('AC_DATA_MISSING', `tag ${tagHex(tag)} is missing`);
      }
      return v;
    };
    const other = tags.get(0x9f03);
    const f: AcDataFields = {
      amount: get(0x9f02),
      otherAmount: other === undefined ? new Uint8Array(6) : other,
      country: get(0x9f1a),
      tvr: get(0x0095),
      currency: get(0x5f2a),
      date: get(0x009a),
      type: get(0x009c),
      un: get(0x9f37),
      aip: get(0x0082),
      atc: get(0x9f36),
      iad: get(0x9f10),
    };
    return new AcData(f);
  }

  /** The ATC as a number. */
  atcValue(): number {
    return bytesToUint(this.atc);
  }
}

// ---- IAD layouts and card verification results (CVR)

/**
 * Bit in the CVR meaning "consumer-device CVM performed": the device verified its owner (biometrics or
 * device PIN) for this transaction. ArkPay convention, in bits the specifications leave RFU:
 * Visa CVR (4 bytes) byte 4 bit 1; Mastercard-style CVR (6 bytes) byte 6 bit 1.
 * The CVR is inside the MAC input (CVN 10 and Mastercard style: the CVR; 18/22: the whole IAD), so the
 * token service can trust the flag once the cryptogram verifies.
 */
export const CVR_CDCVM_BIT: number = 0x01;

/** CVR byte 2 (Visa) / byte 1 (Mastercard style): b8-7 = 10 (no second GENERATE AC), b6-5 = AC type. */
function cvrAcByte(acType: AcType): number {
  const first = acType === AcType.ARQC ? 0x20 : acType === AcType.TC ? 0x10 : 0x00;
  return 0x80 | first;
}

function checkDki(dki: number): void {
  if (!Number.isInteger(dki) || dki < 0 || dki > 0xff) {
    throw new ArkPayError('IAD_INVALID', 'derivation key index must be one byte');
  }
}

/**
 * Builds the IAD (9F10) the card returns.
 * Visa CVNs: 06 ‖ DKI ‖ CVN ‖ CVR(4) with CVR = 03 ‖ AC byte ‖ 00 ‖ CDCVM bit (e.g. 06 01 12 03A00000).
 * Real Visa CVN 22 uses the 32-byte IAD format 2; ArkPay keeps the short layout for all Visa CVNs.
 * Mastercard style: DKI ‖ CVN ‖ CVR(6) ‖ DAC 0000 ‖ counters 00×8 (18 bytes, the M/Chip 4 shape).
 */
export function buildIad(cvn: Cvn, dki: number, acType: AcType, cdcvmPerformed: boolean): Uint8Array {
  checkDki(dki);
  const cdcvm = cdcvmPerformed ? CVR_CDCVM_BIT : 0;
  if (isVisaCvn(cvn)) {
    return new Uint8Array([0x06, dki, cvn, 0x03, cvrAcByte(acType), 0x00, cdcvm]);
  }
  const iad = new Uint8Array(18);
  iad[0] = dki;
  iad[1] = cvn;
  iad[2] = cvrAcByte(acType);
  iad[7] = cdcvm;
  return iad;
}

/** Whether the IAD has the CVN's layout and carries that CVN byte. */
export function iadMatchesCvn(cvn: Cvn, iad: Uint8Array): boolean {
  return isVisaCvn(cvn)
    ? iad.length >= 7 && iad[0] >= 6 && iad[0] + 1 <= iad.length && iad[2] === cvn
    : iad.length >= 8 && iad[1] === cvn;
}

/** Throws IAD_INVALID unless the IAD has the CVN's layout. */
function checkIad(cvn: Cvn, iad: Uint8Array): void {
  if (!iadMatchesCvn(cvn, iad)) {
    throw new ArkPayError('IAD_INVALID', `IAD does not have the layout of CVN ${cvn}`);
  }
}

/** The card verification results inside the IAD: 4 bytes (Visa) or 6 bytes (Mastercard style). */
export function iadCvr(cvn: Cvn, iad: Uint8Array): Uint8Array {
  checkIad(cvn, iad);
  return isVisaCvn(cvn) ? iad.slice(3, 7) : iad.slice(2, 8);
}

/** Whether the IAD says the device verified its owner (see CVR_CDCVM_BIT). Trust only after verifyAc. */
export function iadCdcvmPerformed(cvn: Cvn, iad: Uint8Array): boolean {
  const cvr = iadCvr(cvn, iad);
  return (cvr[cvr.length - 1] & CVR_CDCVM_BIT) !== 0;
}

/** The AC type the CVR says was returned in the first GENERATE AC (or GPO). */
export function iadAcType(cvn: Cvn, iad: Uint8Array): AcType {
  const cvr = iadCvr(cvn, iad);
  const bits = (isVisaCvn(cvn) ? cvr[1] : cvr[0]) & 0x30;
  return bits === 0x20 ? AcType.ARQC : bits === 0x10 ? AcType.TC : AcType.AAC;
}

// ---- MAC input and computation

/** The padded MAC input for the CVN (see the table at the top of this file). */
export function acInput(cvn: Cvn, d: AcData): Uint8Array {
  const common = concatBytes(d.amount, d.otherAmount, d.country, d.tvr, d.currency, d.date, d.type, d.un, d.aip, d.atc);
  switch (cvn) {
    case Cvn.VISA_10:
      return padIso9797Method1(concatBytes(common, iadCvr(cvn, d.iad)));
    case Cvn.VISA_18:
    case Cvn.VISA_22:
      checkIad(cvn, d.iad);
      return padIso9797Method2(concatBytes(common, d.iad));
    case Cvn.MC_SESSION:
      return padIso9797Method2(concatBytes(common, iadCvr(cvn, d.iad)));
  }
}

/** Card side: the 8-byte cryptogram with a stored key (session key, or ICC master key for CVN 10). */
export function computeAcWithKeyStore(ks: KeyStore, alias: string, cvn: Cvn, d: AcData): Uint8Array {
  return ks.retailMac(alias, acInput(cvn, d));
}

/** Issuer side: the 8-byte cryptogram with the CVN's key as raw bytes (see acKey). */
export function computeAc(c: CryptoPort, key: Uint8Array, cvn: Cvn, d: AcData): Uint8Array {
  return retailMac(c, key, acInput(cvn, d));
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

/**
 * Verifies a cryptogram with the ICC (or token) master key: false when the AC is wrong, is not 8 bytes,
 * or the IAD does not carry this CVN. Constant-time comparison.
 */
export function verifyAcWithMasterKey(c: CryptoPort, iccMk: Uint8Array, cvn: Cvn, d: AcData, ac: Uint8Array): boolean {
  if (ac.length !== 8 || !iadMatchesCvn(cvn, d.iad)) {
    return false;
  }
  return bytesEqual(computeAc(c, acKey(c, iccMk, cvn, d.atcValue(), d.un), cvn, d), ac);
}

/** Full issuer path: IMK → ICC MK (option per CVN) → session key → cryptogram, compared with `ac`. */
export function verifyAc(
  c: CryptoPort,
  imk: Uint8Array,
  pan: string,
  psn: string,
  cvn: Cvn,
  d: AcData,
  ac: Uint8Array,
): boolean {
  return verifyAcWithMasterKey(c, deriveCvnMasterKey(c, imk, pan, psn, cvn), cvn, d, ac);
}
