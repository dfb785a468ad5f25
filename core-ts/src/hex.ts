/** Byte helpers: hex codec, concatenation, comparison. Hex out is upper case, hex in is either case. */
import { ArkPayError } from './errors';

const DIGITS: string = '0123456789ABCDEF';

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    s += DIGITS.charAt(b >>> 4) + DIGITS.charAt(b & 0x0f);
  }
  return s;
}

function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) {
    return c - 0x30;
  }
  if (c >= 0x41 && c <= 0x46) {
    return c - 0x41 + 10;
  }
  if (c >= 0x61 && c <= 0x66) {
    return c - 0x61 + 10;
  }
  return -1;
}

/** Parses hex (spaces allowed between digits); throws HEX_INVALID on odd length or non-hex characters. */
export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0) {
    throw new ArkPayError('HEX_INVALID', `hex string has odd length ${clean.length}`);
  }
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(clean.charCodeAt(2 * i));
    const lo = nibble(clean.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) {
      throw new ArkPayError('HEX_INVALID', `non-hex character near position ${2 * i}`);
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) {
    n += p.length;
  }
  const out = new Uint8Array(n);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    diff |= a[i] ^ b[i];
  }
  return diff === 0;
}

export function xorBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length !== b.length) {
    throw new ArkPayError('LENGTH_MISMATCH', `xor of ${a.length} and ${b.length} bytes`);
  }
  const out = new Uint8Array(a.length);
  for (let i = 0; i < a.length; i++) {
    out[i] = a[i] ^ b[i];
  }
  return out;
}

/** Big-endian unsigned integer of `len` bytes. */
export function uintToBytes(value: number, len: number): Uint8Array {
  const out = new Uint8Array(len);
  let v = value;
  for (let i = len - 1; i >= 0; i--) {
    out[i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

export function bytesToUint(bytes: Uint8Array): number {
  let v = 0;
  for (let i = 0; i < bytes.length; i++) {
    v = v * 256 + bytes[i];
  }
  return v;
}

/** Encodes UTF-8 without TextEncoder (not every ArkTS runtime profile has it). */
export function utf8Encode(s: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) {
      out.push(c);
    } else if (c < 0x800) {
      out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    } else if (c < 0x10000) {
      out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    } else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    }
  }
  return new Uint8Array(out);
}

/** Decodes UTF-8 strictly; throws UTF8_INVALID on malformed input. */
export function utf8Decode(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    let need = 0;
    let c = 0;
    if (b < 0x80) {
      c = b;
    } else if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      c = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      c = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      c = b & 0x07;
    } else {
      throw new ArkPayError('UTF8_INVALID', `invalid UTF-8 lead byte at ${i}`);
    }
    if (i + need >= bytes.length) {
      throw new ArkPayError('UTF8_INVALID', `truncated UTF-8 sequence at ${i}`);
    }
    for (let k = 1; k <= need; k++) {
      const cb = bytes[i + k];
      if ((cb & 0xc0) !== 0x80) {
        throw new ArkPayError('UTF8_INVALID', `invalid UTF-8 continuation at ${i + k}`);
      }
      c = (c << 6) | (cb & 0x3f);
    }
    if ((need === 2 && c < 0x800) || (need === 3 && (c < 0x10000 || c > 0x10ffff)) || (c >= 0xd800 && c <= 0xdfff)) {
      throw new ArkPayError('UTF8_INVALID', `overlong or invalid code point at ${i}`);
    }
    s += String.fromCodePoint(c);
    i += need + 1;
  }
  return s;
}
