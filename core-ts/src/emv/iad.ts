/**
 * Issuer application data (9F10) layouts per CVN and the card verification results (CVR) inside them:
 * what the card puts there, and what the issuer may read back once the cryptogram verifies.
 *
 * Layouts (docs/emv.md; the same ones openemv/emv-utils decodes in src/emv_strings.c):
 * - Visa format 0/1 (CVN 10, 18): 06 ‖ DKI ‖ CVN ‖ CVR (03 ‖ 3 bytes) [‖ IDD length ‖ issuer discretionary data].
 * - Visa format 2 (CVN 22): 1F ‖ CVN ‖ DKI ‖ CVR (5 bytes) ‖ IDD option ID ‖ IDD (23 bytes), 32 bytes.
 * - Mastercard style (M/Chip 4 shape): DKI ‖ CVN ‖ CVR (6 bytes) ‖ DAC 0000 ‖ counters 00×8, 18 bytes.
 *
 * Consumer-device CVM ("the device verified its owner") goes where each layout has room for it:
 * - format 2: CVR byte 1 = CVM verifying entity 8x "verified by the mobile device OS" and CVR byte 2 bit 3
 *   "CDCVM successfully performed" — the scheme's own place for it;
 * - format 0/1: every CVR bit has a VIS meaning, so CVN 18 carries it in the issuer discretionary data
 *   (ArkPay's IDD: 1 byte, bit 1 = CDCVM), which its MAC covers (the whole IAD). CVN 10's MAC covers only
 *   the CVR, so a CVN 10 IAD cannot carry it authenticated: the card reports it in the CTQ only;
 * - Mastercard style: every CVR bit has an M/Chip meaning except the issuer-discretionary bits of CVR
 *   byte 2 (bits 2-1); ArkPay, the token's issuer, uses bit 1. The MAC covers the CVR.
 */
import { ArkPayError } from '../errors';
import { AcType, Cvn, cvnFromByte, cvnLabel } from './cvn';

/** The IAD layouts of the CVNs this core knows. */
export enum IadLayout {
  /** Visa IAD format 0/1: 06 ‖ DKI ‖ CVN ‖ 03 ‖ CVR bytes 2-4 [‖ IDD length ‖ IDD]. */
  VISA_SHORT = 'visa-format-0-1',
  /** Visa IAD format 2: 1F ‖ CVN ‖ DKI ‖ CVR(5) ‖ IDD option ID ‖ IDD, 32 bytes. */
  VISA_FORMAT_2 = 'visa-format-2',
  /** M/Chip 4 shape: DKI ‖ CVN ‖ CVR(6) ‖ DAC ‖ counters, 18 bytes. */
  MASTERCARD_STYLE = 'mastercard-style',
}

export function iadLayoutOf(cvn: Cvn): IadLayout {
  switch (cvn) {
    case Cvn.VISA_22:
      return IadLayout.VISA_FORMAT_2;
    case Cvn.MC_SESSION:
      return IadLayout.MASTERCARD_STYLE;
    default:
      return IadLayout.VISA_SHORT;
  }
}

/** Format 2 CVR byte 1: CVM verifying entity "verified by the mobile device OS" (high nibble 8). */
export const CVR2_CDCVM_ENTITY_OS: number = 0x80;
/** Format 2 CVR byte 2 bit 3: CDCVM successfully performed. */
export const CVR2_CDCVM_PERFORMED: number = 0x04;
/** ArkPay's issuer discretionary data for Visa format 0/1 (CVN 18): one byte, bit 1 = CDCVM performed. */
export const IDD_CDCVM: number = 0x01;
/** Mastercard-style CVR byte 2 bit 1 (issuer discretionary in M/Chip): CDCVM performed. */
export const MC_CVR_CDCVM: number = 0x01;

const VISA_SHORT_LEN: number = 7;
const VISA_FORMAT_2_LEN: number = 32;
const MC_LEN: number = 18;

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

/** Builds the IAD (9F10) the card returns, in the CVN's layout (see the top of this file). */
export function buildIad(cvn: Cvn, dki: number, acType: AcType, cdcvmPerformed: boolean): Uint8Array {
  checkDki(dki);
  const layout = iadLayoutOf(cvn);
  if (layout === IadLayout.VISA_FORMAT_2) {
    const iad = new Uint8Array(VISA_FORMAT_2_LEN);
    iad[0] = 0x1f;
    iad[1] = cvn;
    iad[2] = dki;
    iad[3] = cdcvmPerformed ? CVR2_CDCVM_ENTITY_OS : 0x00;
    iad[4] = cvrAcByte(acType) | (cdcvmPerformed ? CVR2_CDCVM_PERFORMED : 0x00);
    return iad;
  }
  if (layout === IadLayout.MASTERCARD_STYLE) {
    const iad = new Uint8Array(MC_LEN);
    iad[0] = dki;
    iad[1] = cvn;
    iad[2] = cvrAcByte(acType);
    iad[3] = cdcvmPerformed ? MC_CVR_CDCVM : 0x00;
    return iad;
  }
  const head = [0x06, dki, cvn, 0x03, cvrAcByte(acType), 0x00, 0x00];
  if (cvn === Cvn.VISA_18) {
    head.push(0x01, cdcvmPerformed ? IDD_CDCVM : 0x00);
  }
  return new Uint8Array(head);
}

/** Whether the IAD has the layout's fixed bytes and length (whatever CVN byte it carries). */
function hasLayout(layout: IadLayout, iad: Uint8Array): boolean {
  switch (layout) {
    case IadLayout.VISA_SHORT:
      return iad.length >= VISA_SHORT_LEN && iad[0] === 0x06 && iad[3] === 0x03;
    case IadLayout.VISA_FORMAT_2:
      return iad.length === VISA_FORMAT_2_LEN && iad[0] === 0x1f;
    case IadLayout.MASTERCARD_STYLE:
      return iad.length >= 8;
  }
}

/** Index of the CVN byte in the layout. */
function cvnIndex(layout: IadLayout): number {
  return layout === IadLayout.VISA_SHORT ? 2 : 1;
}

/** Whether the IAD has the CVN's layout and carries that CVN byte. */
export function iadMatchesCvn(cvn: Cvn, iad: Uint8Array): boolean {
  const layout = iadLayoutOf(cvn);
  return hasLayout(layout, iad) && iad[cvnIndex(layout)] === cvn;
}

/** Throws IAD_INVALID unless the IAD has the CVN's layout and CVN byte. */
export function checkIad(cvn: Cvn, iad: Uint8Array): void {
  if (!iadMatchesCvn(cvn, iad)) {
    throw new ArkPayError('IAD_INVALID', `IAD does not have the layout of ${cvnLabel(cvn)}`);
  }
}

/**
 * Why the IAD does not fit the CVN, or null when it does: for a calculator, which computes what it is
 * asked and warns (e.g. "--cvn 10, but the IAD says CVN 18 (0x12)").
 */
export function iadMismatch(cvn: Cvn, iad: Uint8Array): string | null {
  if (iadMatchesCvn(cvn, iad)) {
    return null;
  }
  const layout = iadLayoutOf(cvn);
  if (!hasLayout(layout, iad)) {
    return `the IAD does not have the layout of ${cvnLabel(cvn)}`;
  }
  return `the IAD carries ${cvnLabel(iad[cvnIndex(layout)])}, not ${cvnLabel(cvn)}`;
}

/**
 * The card verification results at the layout's position: 4 bytes (format 0/1, with its length byte 03),
 * 5 (format 2) or 6 (Mastercard style). Only the length is checked, so a calculator can read the CVR of
 * an IAD whose CVN byte differs; IAD_INVALID when the IAD is too short.
 */
export function iadCvr(cvn: Cvn, iad: Uint8Array): Uint8Array {
  const layout = iadLayoutOf(cvn);
  const from = layout === IadLayout.MASTERCARD_STYLE ? 2 : 3;
  const to = layout === IadLayout.VISA_SHORT ? 7 : 8;
  if (iad.length < to) {
    throw new ArkPayError('IAD_INVALID', `IAD too short for the CVR of ${cvnLabel(cvn)}`);
  }
  return iad.slice(from, to);
}

/**
 * Whether the IAD says the device verified its owner (see the top of this file). Trust it only after the
 * cryptogram verified. Always false for CVN 10, whose MAC does not cover anything that could carry it.
 */
export function iadCdcvmPerformed(cvn: Cvn, iad: Uint8Array): boolean {
  checkIad(cvn, iad);
  switch (cvn) {
    case Cvn.VISA_10:
      return false;
    case Cvn.VISA_18:
      return iad.length >= 9 && iad[7] >= 1 && (iad[8] & IDD_CDCVM) !== 0;
    case Cvn.VISA_22:
      return (iad[4] & CVR2_CDCVM_PERFORMED) !== 0;
    case Cvn.MC_SESSION:
      return (iad[3] & MC_CVR_CDCVM) !== 0;
  }
}

/** The AC type the CVR says was returned in the first GENERATE AC (or GPO). */
export function iadAcType(cvn: Cvn, iad: Uint8Array): AcType {
  checkIad(cvn, iad);
  const bits = (iadLayoutOf(cvn) === IadLayout.MASTERCARD_STYLE ? iad[2] : iad[4]) & 0x30;
  return bits === 0x20 ? AcType.ARQC : bits === 0x10 ? AcType.TC : AcType.AAC;
}

/**
 * The CVN an IAD carries, read by its layout rather than by the kernel that read it: a kernel 2 card may
 * use Visa-style CVN 18 keys. Tried in turn: Visa format 2 (1F, 32 bytes), Visa format 0/1 (06 … 03),
 * Mastercard style. Throws IAD_INVALID when no layout carries a known CVN.
 */
export function cvnFromIad(iad: Uint8Array): Cvn {
  const layouts: IadLayout[] = [IadLayout.VISA_FORMAT_2, IadLayout.VISA_SHORT, IadLayout.MASTERCARD_STYLE];
  for (const layout of layouts) {
    if (hasLayout(layout, iad)) {
      const b = iad[cvnIndex(layout)];
      if (b === Cvn.VISA_10 || b === Cvn.VISA_18 || b === Cvn.VISA_22 || b === Cvn.MC_SESSION) {
        const cvn = cvnFromByte(b);
        if (iadLayoutOf(cvn) === layout) {
          return cvn;
        }
      }
    }
  }
  throw new ArkPayError('IAD_INVALID', 'IAD has no Visa or Mastercard-style layout with a known CVN');
}
