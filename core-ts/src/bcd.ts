/**
 * Binary-coded decimal (EMV format n): two digits a byte, right-aligned, zero-padded on the left, as in
 * 9F02 amounts (n12, 6 bytes), 5F2A and 9F1A ISO codes (n3, 2 bytes) and 9A dates. Not the binary ATC.
 */
import { ArkPayError } from './errors';
import { fromHex } from './hex';

const DIGITS: RegExp = /^[0-9]+$/;

/** `value` (a non-negative integer or a digit string) as BCD in `bytes` bytes; BCD_INVALID when it does not fit. */
export function toBcd(value: number | string, bytes: number): Uint8Array {
  const digits = typeof value === 'number' ? (Number.isSafeInteger(value) && value >= 0 ? `${value}` : '') : value;
  if (!DIGITS.test(digits) || digits.length > bytes * 2) {
    throw new ArkPayError('BCD_INVALID', `not a number of at most ${bytes * 2} digits`);
  }
  return fromHex(digits.padStart(bytes * 2, '0'));
}

/** The number BCD bytes encode; -1 when a nibble is not a decimal digit. */
export function fromBcd(b: Uint8Array): number {
  let v = 0;
  for (let i = 0; i < b.length; i++) {
    const hi = b[i] >> 4;
    const lo = b[i] & 0x0f;
    if (hi > 9 || lo > 9) {
      return -1;
    }
    v = v * 100 + hi * 10 + lo;
  }
  return v;
}
