/**
 * Data object lists (EMV Book 3 §5.4): PDOL, CDOL1, CDOL2 are tag‖length lists without values.
 * The terminal builds the concatenated values a DOL asks for; the card splits them back by position.
 */
import { TagFormat, tagFormat } from './emv/tags';
import { ArkPayError } from './errors';
import { concatBytes } from './hex';
import { readTag, TagProblem, tagBytes } from './tlv';

export class DolEntry {
  readonly tag: number;
  readonly length: number;

  constructor(tag: number, length: number) {
    this.tag = tag;
    this.length = length;
  }
}

/** Parses a DOL; throws ArkPayError DOL_TRUNCATED or DOL_BAD_TAG. */
export function parseDol(b: Uint8Array): DolEntry[] {
  const out: DolEntry[] = [];
  let p = 0;
  while (p < b.length) {
    const start = p;
    const read = readTag(b, p, b.length);
    if (read.problem === TagProblem.Truncated) {
      throw new ArkPayError('DOL_TRUNCATED', `DOL tag at offset ${start} runs past the end`);
    }
    if (read.problem === TagProblem.Bad) {
      throw new ArkPayError('DOL_BAD_TAG', `DOL tag at offset ${start} is too long or not minimally encoded`);
    }
    const tag = read.tag;
    p = read.next;
    if (p >= b.length) {
      throw new ArkPayError('DOL_TRUNCATED', `DOL entry at offset ${start} has no length`);
    }
    out.push(new DolEntry(tag, b[p++]));
  }
  return out;
}

export function encodeDol(entries: DolEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    parts.push(tagBytes(e.tag), new Uint8Array([e.length]));
  }
  return concatBytes(...parts);
}

/** Total length of the data a DOL asks for. */
export function dolDataLength(entries: DolEntry[]): number {
  let n = 0;
  for (const e of entries) {
    n += e.length;
  }
  return n;
}

/**
 * Fits one value to the length a DOL asks for (Book 3 §5.4): numeric values keep their rightmost
 * digits and gain leading zeros; compressed numeric pads with trailing F; everything else keeps its
 * leftmost bytes and gains trailing zeros. A missing value is all zeros.
 */
export function fitDolValue(tag: number, value: Uint8Array | null, length: number): Uint8Array {
  const out = new Uint8Array(length);
  if (value === null) {
    return out;
  }
  const format = tagFormat(tag);
  if (format === TagFormat.N) {
    const n = Math.min(length, value.length);
    out.set(value.subarray(value.length - n), length - n);
    return out;
  }
  const n = Math.min(length, value.length);
  out.set(value.subarray(0, n), 0);
  if (format === TagFormat.CN) {
    out.fill(0xff, n);
  }
  return out;
}

/** Terminal side: the concatenated DOL data from the values at hand. */
export function buildDolData(entries: DolEntry[], values: Map<number, Uint8Array>): Uint8Array {
  const out = new Uint8Array(dolDataLength(entries));
  let p = 0;
  for (const e of entries) {
    const v = values.get(e.tag);
    out.set(fitDolValue(e.tag, v === undefined ? null : v, e.length), p);
    p += e.length;
  }
  return out;
}

/** Card side: splits DOL data back into tag → value views; DOL_LENGTH when the size does not match. */
export function splitDolData(entries: DolEntry[], data: Uint8Array): Map<number, Uint8Array> {
  if (data.length !== dolDataLength(entries)) {
    throw new ArkPayError('DOL_LENGTH', `DOL data of ${data.length} bytes, expected ${dolDataLength(entries)}`);
  }
  const out = new Map<number, Uint8Array>();
  let p = 0;
  for (const e of entries) {
    out.set(e.tag, data.subarray(p, p + e.length));
    p += e.length;
  }
  return out;
}
