/** ISO 7816-4 / EMV status words (SW1‖SW2 as one 16-bit number) and their names for transcripts. */
export const SW_OK: number = 0x9000;
export const SW_WRONG_LENGTH: number = 0x6700;
export const SW_SECURITY_NOT_SATISFIED: number = 0x6982;
/** Visa contactless: transaction not allowed by the card (e.g. above a limit without verification). */
export const SW_NOT_ALLOWED: number = 0x6984;
export const SW_CONDITIONS_NOT_SATISFIED: number = 0x6985;
/** Mobile contactless: verify the owner on the device first; readers show "See Phone" and retry. */
export const SW_SEE_PHONE: number = 0x6986;
export const SW_WRONG_DATA: number = 0x6a80;
export const SW_FUNCTION_NOT_SUPPORTED: number = 0x6a81;
export const SW_FILE_NOT_FOUND: number = 0x6a82;
export const SW_RECORD_NOT_FOUND: number = 0x6a83;
export const SW_WRONG_P1P2: number = 0x6a86;
export const SW_DATA_NOT_FOUND: number = 0x6a88;
export const SW_INS_NOT_SUPPORTED: number = 0x6d00;
export const SW_CLA_NOT_SUPPORTED: number = 0x6e00;
export const SW_UNKNOWN: number = 0x6f00;

const NAMES: Map<number, string> = new Map<number, string>([
  [SW_OK, 'success'],
  [SW_WRONG_LENGTH, 'wrong length'],
  [SW_SECURITY_NOT_SATISFIED, 'security status not satisfied'],
  [SW_NOT_ALLOWED, 'transaction not allowed'],
  [SW_CONDITIONS_NOT_SATISFIED, 'conditions of use not satisfied'],
  [SW_SEE_PHONE, 'see phone: owner verification required'],
  [SW_WRONG_DATA, 'incorrect data'],
  [SW_FUNCTION_NOT_SUPPORTED, 'function not supported'],
  [SW_FILE_NOT_FOUND, 'file or application not found'],
  [SW_RECORD_NOT_FOUND, 'record not found'],
  [SW_WRONG_P1P2, 'wrong P1-P2'],
  [SW_DATA_NOT_FOUND, 'referenced data not found'],
  [SW_INS_NOT_SUPPORTED, 'INS not supported'],
  [SW_CLA_NOT_SUPPORTED, 'CLA not supported'],
  [SW_UNKNOWN, 'no precise diagnosis'],
]);

/** Human name of a status word; 61xx / 6Cxx get their ISO meaning, anything else "unknown". */
export function swName(sw: number): string {
  const n = NAMES.get(sw);
  if (n !== undefined) {
    return n;
  }
  if (sw >> 8 === 0x61) {
    return `${sw & 0xff} more bytes available`;
  }
  if (sw >> 8 === 0x6c) {
    return `wrong Le, exact length ${sw & 0xff}`;
  }
  return 'unknown status';
}

/** Hex form, e.g. "6A82". */
export function swHex(sw: number): string {
  return (0x10000 + sw).toString(16).slice(1).toUpperCase();
}
