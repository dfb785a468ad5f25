/**
 * The EMVCo QR field layer: ID (2 digits) ‖ length (2 digits, in characters) ‖ value, repeated. Lengths
 * count characters, not UTF-16 code units, so a non-BMP character (a surrogate pair) counts once.
 */
import { QrError } from './qr-error';

/** Code-unit index after `n` characters from `pos`, or -1 when the string ends first. */
function skipChars(s: string, pos: number, n: number): number {
  let p = pos;
  for (let k = 0; k < n; k++) {
    if (p >= s.length) {
      return -1;
    }
    const c = s.charCodeAt(p);
    const d = p + 1 < s.length ? s.charCodeAt(p + 1) : 0;
    p += c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
  }
  return p;
}

function twoDigits(s: string, pos: number): number {
  const a = s.charCodeAt(pos) - 0x30;
  const b = s.charCodeAt(pos + 1) - 0x30;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** One ID‖length‖value field; `start`/`end` are code-unit offsets in the string it was split from. */
export class RawField {
  readonly id: string;
  /** The ID as a number (0-99). */
  readonly num: number;
  readonly value: string;
  readonly start: number;
  readonly end: number;

  constructor(id: string, num: number, value: string, start: number, end: number) {
    this.id = id;
    this.num = num;
    this.value = value;
    this.start = start;
    this.end = end;
  }
}

/** Splits ID‖length‖value; `path` prefixes field IDs in errors ("62." inside template 62). */
export function splitFields(s: string, path: string): RawField[] {
  const out: RawField[] = [];
  // Indexed by the numeric ID: cheaper than a Set of fresh substrings on this hot path.
  const seen: boolean[] = [];
  let p = 0;
  while (p < s.length) {
    if (p + 4 > s.length) {
      throw new QrError('QR_LENGTH_OVERRUN', `${path}${s.substring(p, p + 2)}`, 'field header runs past the end');
    }
    const idNum = twoDigits(s, p);
    const len = twoDigits(s, p + 2);
    const id = s.substring(p, p + 2);
    if (idNum < 0 || len < 0) {
      throw new QrError('QR_FORMAT', `${path}${id}`, `expected two-digit ID and length at ${p}`);
    }
    const end = skipChars(s, p + 4, len);
    if (end < 0) {
      throw new QrError('QR_LENGTH_OVERRUN', `${path}${id}`, `length ${len} runs past the end`);
    }
    if (seen[idNum] === true) {
      throw new QrError('QR_DUPLICATE_ID', `${path}${id}`, 'ID appears twice');
    }
    seen[idNum] = true;
    out.push(new RawField(id, idNum, s.substring(p + 4, end), p, end));
    p = end;
  }
  return out;
}
