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
 * | Visa 22 (0x22) | as 18 (32-byte IAD format 2) | the whole IAD | method 2 |
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
import { bytesEqual, concatBytes } from '../hex';
import type { CryptoPort } from '../ports/crypto';
import type { KeyStore } from '../ports/keystore';
import type { AcData } from './ac-data';
import { acKey, Cvn, deriveCvnMasterKey } from './cvn';
import { iadCvr, iadMatchesCvn } from './iad';

/**
 * The padded MAC input for the CVN (see the table at the top of this file). It takes the CVR at the
 * CVN's position without insisting on the IAD's CVN byte, so a calculator can compute what it is asked
 * (iadMismatch says what differs); verifyAc refuses an IAD that does not carry the CVN.
 */
export function acInput(cvn: Cvn, d: AcData): Uint8Array {
  const common = concatBytes(d.amount, d.otherAmount, d.country, d.tvr, d.currency, d.date, d.type, d.un, d.aip, d.atc);
  switch (cvn) {
    case Cvn.VISA_10:
      return padIso9797Method1(concatBytes(common, iadCvr(cvn, d.iad)));
    case Cvn.VISA_18:
    case Cvn.VISA_22:
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

/**
 * Verifies a cryptogram with the ICC (or token) master key: false when the AC is wrong, is not 8 bytes,
 * or the IAD does not carry this CVN. Constant-time comparison.
 */
export function verifyAcWithMasterKey(c: CryptoPort, iccMk: Uint8Array, cvn: Cvn, d: AcData, ac: Uint8Array): boolean {
  if (ac.length !== 8 || !iadMatchesCvn(cvn, d.iad)) {
    return false;
  }
  return verifyAcWithKey(c, acKey(c, iccMk, cvn, d.atcValue(), d.un), cvn, d, ac);
}

/**
 * As verifyAcWithMasterKey, with the CVN's AC key already derived (see acKey): an issuer that answers
 * with an ARPC under the same key derives it once.
 */
export function verifyAcWithKey(c: CryptoPort, key: Uint8Array, cvn: Cvn, d: AcData, ac: Uint8Array): boolean {
  return ac.length === 8 && iadMatchesCvn(cvn, d.iad) && bytesEqual(computeAc(c, key, cvn, d), ac);
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
