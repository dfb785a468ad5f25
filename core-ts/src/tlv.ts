/**
 * BER-TLV (ISO/IEC 8825-1 as used by EMV Book 3 annex B): multi-byte tags, long-form lengths,
 * constructed templates. Parsing is strict: anything malformed is a TlvError, never a partial result.
 */
import { ArkPayError } from './errors';
import { concatBytes, toHex } from './hex';

export class TlvError extends ArkPayError {
  readonly offset: number;

  constructor(code: string, message: string, offset: number) {
    super(code, `${message} at offset ${offset}`);
    this.offset = offset;
    this.name = 'TlvError';
  }
}

export class Tlv {
  /** Tag as an unsigned integer of its bytes, e.g. 0x9F26. */
  readonly tag: number;
  readonly value: Uint8Array;
  /** Parsed children when the tag is constructed (bit 6 of the first tag byte), else null. */
  readonly children: Tlv[] | null;

  constructor(tag: number, value: Uint8Array, children: Tlv[] | null) {
    this.tag = tag;
    this.value = value;
    this.children = children;
  }

  /** First descendant (depth-first, this node excluded) with the tag, or null. */
  find(tag: number): Tlv | null {
    return findTlv(this.children === null ? [] : this.children, tag);
  }
}

/** Whether the tag's first byte marks it constructed. */
export function isConstructed(tag: number): boolean {
  return (firstTagByte(tag) & 0x20) !== 0;
}

function firstTagByte(tag: number): number {
  let t = tag;
  while (t > 0xff) {
    t = Math.floor(t / 256);
  }
  return t;
}

export enum TagProblem {
  None = '',
  /** The tag's subsequent bytes run past the end. */
  Truncated = 'truncated',
  /** More than four bytes, or a first subsequent byte of 0x80 (not minimally encoded). */
  Bad = 'bad',
}

/** One BER-TLV tag read from bytes: the tag, where the next field starts, or what is wrong with it. */
export class TagRead {
  readonly tag: number;
  readonly next: number;
  readonly problem: TagProblem;

  constructor(tag: number, next: number, problem: TagProblem) {
    this.tag = tag;
    this.next = next;
    this.problem = problem;
  }
}

/**
 * Reads the tag at `start` (ISO 8825-1 / EMV Book 3 Annex B1): low five bits all set means subsequent
 * bytes follow while bit 8 is set. The one tag reader for TLV data and DOLs.
 */
export function readTag(bytes: Uint8Array, start: number, end: number): TagRead {
  let p = start;
  let tag = bytes[p++];
  if ((tag & 0x1f) !== 0x1f) {
    return new TagRead(tag, p, TagProblem.None);
  }
  let more = true;
  let count = 0;
  while (more) {
    if (p >= end) {
      return new TagRead(tag, p, TagProblem.Truncated);
    }
    const b = bytes[p++];
    count++;
    if (count > 3 || (count === 1 && b === 0x80)) {
      return new TagRead(tag, p, TagProblem.Bad);
    }
    tag = tag * 256 + b;
    more = (b & 0x80) !== 0;
  }
  return new TagRead(tag, p, TagProblem.None);
}

export function tagBytes(tag: number): Uint8Array {
  const out: number[] = [];
  let t = tag;
  do {
    out.unshift(t % 256);
    t = Math.floor(t / 256);
  } while (t > 0);
  return new Uint8Array(out);
}

export function tagHex(tag: number): string {
  return toHex(tagBytes(tag));
}

export function lengthBytes(len: number): Uint8Array {
  if (len < 0x80) {
    return new Uint8Array([len]);
  }
  const out: number[] = [];
  let l = len;
  while (l > 0) {
    out.unshift(l % 256);
    l = Math.floor(l / 256);
  }
  out.unshift(0x80 | out.length);
  return new Uint8Array(out);
}

/** Encodes one primitive TLV. */
export function encodeTlv(tag: number, value: Uint8Array): Uint8Array {
  return concatBytes(tagBytes(tag), lengthBytes(value.length), value);
}

/** Encodes a constructed TLV from already-encoded children. */
export function encodeTemplate(tag: number, children: Uint8Array[]): Uint8Array {
  return encodeTlv(tag, concatBytes(...children));
}

export function encodeTlvNode(node: Tlv): Uint8Array {
  if (node.children === null) {
    return encodeTlv(node.tag, node.value);
  }
  const parts: Uint8Array[] = [];
  for (const c of node.children) {
    parts.push(encodeTlvNode(c));
  }
  return encodeTemplate(node.tag, parts);
}

const MAX_DEPTH: number = 16;

/**
 * Decodes a sequence of TLVs filling `bytes` exactly. Padding bytes 00/FF between objects are
 * tolerated as EMV allows. Throws TlvError (TLV_TRUNCATED, TLV_BAD_TAG, TLV_BAD_LENGTH, TLV_TOO_DEEP).
 */
export function decodeTlv(bytes: Uint8Array): Tlv[] {
  return decodeRange(bytes, 0, bytes.length, 0);
}

function decodeRange(bytes: Uint8Array, start: number, end: number, depth: number): Tlv[] {
  if (depth > MAX_DEPTH) {
    throw new TlvError('TLV_TOO_DEEP', `templates nested deeper than ${MAX_DEPTH}`, start);
  }
  const out: Tlv[] = [];
  let p = start;
  while (p < end) {
    if (bytes[p] === 0x00 || bytes[p] === 0xff) {
      p++;
      continue;
    }
    const tagStart = p;
    const read = readTag(bytes, p, end);
    if (read.problem === TagProblem.Truncated) {
      throw new TlvError('TLV_TRUNCATED', 'tag runs past the end', tagStart);
    }
    if (read.problem === TagProblem.Bad) {
      throw new TlvError('TLV_BAD_TAG', 'tag too long or not minimally encoded', tagStart);
    }
    const tag = read.tag;
    p = read.next;
    if (p >= end) {
      throw new TlvError('TLV_TRUNCATED', `length of tag ${tagHex(tag)} missing`, p);
    }
    let len = bytes[p++];
    if (len === 0x80 || len > 0x84) {
      throw new TlvError('TLV_BAD_LENGTH', `unsupported length byte ${len} for tag ${tagHex(tag)}`, p - 1);
    }
    if (len > 0x80) {
      const n = len - 0x80;
      if (p + n > end) {
        throw new TlvError('TLV_TRUNCATED', `long-form length of tag ${tagHex(tag)} runs past the end`, p);
      }
      len = 0;
      for (let i = 0; i < n; i++) {
        len = len * 256 + bytes[p++];
      }
    }
    if (p + len > end) {
      throw new TlvError('TLV_TRUNCATED', `value of tag ${tagHex(tag)} (${len} bytes) runs past the end`, p);
    }
    const value = bytes.subarray(p, p + len);
    const children = isConstructed(tag) ? decodeRange(bytes, p, p + len, depth + 1) : null;
    out.push(new Tlv(tag, value, children));
    p += len;
  }
  return out;
}

/** Depth-first search of a TLV list for the first object with the tag. */
export function findTlv(list: Tlv[], tag: number): Tlv | null {
  for (const t of list) {
    if (t.tag === tag) {
      return t;
    }
    if (t.children !== null) {
      const hit = findTlv(t.children, tag);
      if (hit !== null) {
        return hit;
      }
    }
  }
  return null;
}
