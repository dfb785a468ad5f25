/**
 * ICC master key derivation from the issuer master key (EMV Book 2, annex A1.4; docs/emv.md).
 * Option A: Y = rightmost 16 digits of PAN‖PSN (zero-padded on the left);
 * MK = TDES(IMK, Y) ‖ TDES(IMK, Y ⊕ FF…FF), odd parity.
 * Option B: for a PAN of 16 digits or fewer it IS option A (A1.4.2); for 17–19 digits Y = 16 decimal
 * digits drawn from SHA-1(PAN‖PSN), then as option A. Checked against pyemv's derive_icc_mk_b and its
 * published vectors (IMK 0123…3210, PAN 1234567890123456, PSN 00 → KCV BAB0 with either option).
 */
import { ArkPayError } from '../errors';
import { concatBytes, fromHex, toHex } from '../hex';
import type { CryptoPort } from '../ports/crypto';

export enum IccKeyOption {
  /** Option A whatever the PAN length (Visa CVN 10, as pyemv's VisaCVN10). */
  A = 1,
  /** Option B: option A up to 16 digits, the SHA-1 method for 17–19 digits (Visa CVN 18 and 22). */
  B = 2,
}

/** Sets each byte's low bit so the byte has odd parity (DES key convention). */
export function adjustParity(key: Uint8Array): Uint8Array {
  const out = new Uint8Array(key.length);
  for (let i = 0; i < key.length; i++) {
    const b = key[i] & 0xfe;
    let ones = 0;
    for (let v = b; v !== 0; v >>>= 1) {
      ones += v & 1;
    }
    out[i] = ones % 2 === 0 ? b | 1 : b;
  }
  return out;
}

function isDigits(s: string): boolean {
  return /^[0-9]+$/.test(s);
}

/** PAN‖PSN digits after validation; PSN is two decimal digits ("00" when the card has none). */
function panPsn(pan: string, psn: string): string {
  if (!isDigits(pan) || pan.length < 12 || pan.length > 19) {
    throw new ArkPayError('PAN_INVALID', 'PAN must be 12 to 19 decimal digits');
  }
  if (!isDigits(psn) || psn.length !== 2) {
    throw new ArkPayError('PSN_INVALID', 'PSN must be two decimal digits');
  }
  return pan + psn;
}

/** Option B's 16 digits: the decimal nibbles of SHA-1(X) in order, then the A–F nibbles minus 10. */
function optionBDigits(c: CryptoPort, x: string): string {
  const h = toHex(c.sha1(fromHex(x.length % 2 === 0 ? x : `0${x}`)));
  let y = '';
  for (let i = 0; i < h.length && y.length < 16; i++) {
    const d = h.charCodeAt(i) - 0x30;
    if (d <= 9) {
      y += h.charAt(i);
    }
  }
  for (let i = 0; i < h.length && y.length < 16; i++) {
    const d = h.charCodeAt(i) - 0x30;
    if (d > 9) {
      y += String(h.charCodeAt(i) - 0x41);
    }
  }
  return y;
}

function checkImk(imk: Uint8Array): void {
  if (imk.length !== 16) {
    throw new ArkPayError('KEY_INVALID', `issuer master key must be 16 bytes, got ${imk.length}`);
  }
}

/** ICC master key (16 bytes, odd parity) for the PAN (digits) and PSN (two digits, "00" if absent). */
export function deriveIccMasterKey(
  c: CryptoPort,
  imk: Uint8Array,
  pan: string,
  psn: string,
  option: IccKeyOption = IccKeyOption.B,
): Uint8Array {
  checkImk(imk);
  const x = panPsn(pan, psn);
  const useB = option === IccKeyOption.B && pan.length > 16;
  const y = fromHex(useB ? optionBDigits(c, x) : x.substring(x.length - 16).padStart(16, '0'));
  const yInv = new Uint8Array(8);
  for (let i = 0; i < 8; i++) {
    yInv[i] = y[i] ^ 0xff;
  }
  // ECB encrypts each block alone: both halves in one call, one cipher set-up.
  return adjustParity(c.tdesEncrypt(imk, concatBytes(y, yInv)));
}
