/**
 * Issuer application data (9F10) layouts per CVN and the card verification results (CVR) inside them:
 * what the card puts there, and what the issuer may read back once the cryptogram verifies.
 */
import { ArkPayError } from '../errors';
import { AcType, Cvn, cvnFromByte, isVisaCvn } from './cvn';

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
export function checkIad(cvn: Cvn, iad: Uint8Array): void {
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

/** Whether the byte is a CVN this core knows. */
function knownCvn(b: number): boolean {
  return b === Cvn.VISA_10 || b === Cvn.VISA_18 || b === Cvn.VISA_22 || b === Cvn.MC_SESSION;
}

/**
 * The CVN an IAD carries, read by its layout rather than by the kernel that read it: a kernel 2 card may
 * use Visa-style CVN 18 keys. Visa short layout: length ‖ DKI ‖ CVN ‖ CVR(4), the first byte counting the
 * rest; Mastercard style: DKI ‖ CVN ‖ CVR(6) ‖ …. Throws IAD_INVALID when neither layout carries a known CVN.
 */
export function cvnFromIad(iad: Uint8Array): Cvn {
  if (iad.length >= 7 && iad[0] === iad.length - 1 && knownCvn(iad[2])) {
    const visa = cvnFromByte(iad[2]);
    if (isVisaCvn(visa) && iadMatchesCvn(visa, iad)) {
      return visa;
    }
  }
  if (iad.length >= 8 && knownCvn(iad[1])) {
    const mc = cvnFromByte(iad[1]);
    if (!isVisaCvn(mc) && iadMatchesCvn(mc, iad)) {
      return mc;
    }
  }
  throw new ArkPayError('IAD_INVALID', 'IAD has neither the Visa nor the Mastercard-style layout with a known CVN');
}
