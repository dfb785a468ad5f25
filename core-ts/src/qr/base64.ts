/** RFC 4648 base64 (standard alphabet, padded), without Buffer or atob so it runs on every ArkTS profile. */
import { QrError } from './qr-error';

const ALPHABET: string = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const REVERSE: Int16Array = buildReverse();

function buildReverse(): Int16Array {
  const r = new Int16Array(128).fill(-1);
  for (let i = 0; i < 64; i++) {
    r[ALPHABET.charCodeAt(i)] = i;
  }
  return r;
}

export function base64Encode(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n =
      (bytes[i] << 16) | ((i + 1 < bytes.length ? bytes[i + 1] : 0) << 8) | (i + 2 < bytes.length ? bytes[i + 2] : 0);
    s += ALPHABET.charAt((n >> 18) & 63) + ALPHABET.charAt((n >> 12) & 63);
    s += i + 1 < bytes.length ? ALPHABET.charAt((n >> 6) & 63) : '=';
    s += i + 2 < bytes.length ? ALPHABET.charAt(n & 63) : '=';
  }
  return s;
}

/** Strict decoding; throws QrError QR_BASE64 on a bad character, length or padding. */
export function base64Decode(text: string): Uint8Array {
  if (text.length % 4 !== 0) {
    throw new QrError('QR_BASE64', '', 'base64 length is not a multiple of 4');
  }
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const c = text.charCodeAt(i + k);
      const isPad = c === 0x3d && i + 4 === text.length && k >= 4 - pad;
      const v = c < 128 ? REVERSE[c] : -1;
      if (v < 0 && !isPad) {
        throw new QrError('QR_BASE64', '', `invalid base64 character at ${i + k}`);
      }
      n = (n << 6) | (isPad ? 0 : v);
    }
    for (let k = 0; k < 3 && o < out.length; k++) {
      out[o++] = (n >> (16 - 8 * k)) & 0xff;
    }
  }
  return out;
}
