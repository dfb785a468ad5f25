/**
 * Command and response APDUs (ISO/IEC 7816-3 §12.1, 7816-4 §5): cases 1-4, short and extended length.
 * Parsing is strict: the byte count must match exactly one case, else ApduError with SW 6700.
 */
import { ArkPayError } from './errors';
import { concatBytes } from './hex';
import { SW_WRONG_LENGTH } from './sw';

export class ApduError extends ArkPayError {
  /** The status word a card answers for this fault. */
  readonly sw: number;

  constructor(code: string, message: string, sw: number) {
    super(code, message);
    this.sw = sw;
    this.name = 'ApduError';
  }
}

export class CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data: Uint8Array;
  /** Ne: maximum number of response bytes expected; 0 when the command has no Le field. */
  readonly ne: number;

  constructor(cla: number, ins: number, p1: number, p2: number, data: Uint8Array, ne: number) {
    this.cla = cla;
    this.ins = ins;
    this.p1 = p1;
    this.p2 = p2;
    this.data = data;
    this.ne = ne;
  }
}

const wrongLength = (why: string): ApduError => new ApduError('APDU_BAD_LENGTH', why, SW_WRONG_LENGTH);

/** Parses a command APDU; the data field is a view into `b` (no copy, the applet stays allocation-light). */
export function parseCommandApdu(b: Uint8Array): CommandApdu {
  const n = b.length;
  if (n < 4) {
    throw new ApduError('APDU_TRUNCATED', `command of ${n} bytes is shorter than a header`, SW_WRONG_LENGTH);
  }
  const empty = b.subarray(4, 4);
  if (n === 4) {
    return new CommandApdu(b[0], b[1], b[2], b[3], empty, 0);
  }
  const b4 = b[4];
  if (n === 5) {
    return new CommandApdu(b[0], b[1], b[2], b[3], empty, b4 === 0 ? 256 : b4);
  }
  if (b4 !== 0) {
    if (n === 5 + b4) {
      return new CommandApdu(b[0], b[1], b[2], b[3], b.subarray(5, n), 0);
    }
    if (n === 6 + b4) {
      const le = b[n - 1];
      return new CommandApdu(b[0], b[1], b[2], b[3], b.subarray(5, n - 1), le === 0 ? 256 : le);
    }
    throw wrongLength(`Lc ${b4} does not match a command of ${n} bytes`);
  }
  if (n < 7) {
    throw wrongLength(`extended length field truncated (${n} bytes)`);
  }
  const x = (b[5] << 8) | b[6];
  if (n === 7) {
    return new CommandApdu(b[0], b[1], b[2], b[3], empty, x === 0 ? 65536 : x);
  }
  if (x === 0) {
    throw wrongLength('extended Lc of zero');
  }
  if (n === 7 + x) {
    return new CommandApdu(b[0], b[1], b[2], b[3], b.subarray(7, n), 0);
  }
  if (n === 9 + x) {
    const le = (b[n - 2] << 8) | b[n - 1];
    return new CommandApdu(b[0], b[1], b[2], b[3], b.subarray(7, n - 2), le === 0 ? 65536 : le);
  }
  throw wrongLength(`extended Lc ${x} does not match a command of ${n} bytes`);
}

/** Builds a command APDU, choosing extended length only when data > 255 bytes or Ne > 256. */
export function buildCommandApdu(
  cla: number,
  ins: number,
  p1: number,
  p2: number,
  data: Uint8Array,
  ne: number,
): Uint8Array {
  if (data.length > 65535 || ne < 0 || ne > 65536) {
    throw new ApduError('APDU_BAD_LENGTH', `cannot encode Lc ${data.length} / Ne ${ne}`, SW_WRONG_LENGTH);
  }
  const header = new Uint8Array([cla & 0xff, ins & 0xff, p1 & 0xff, p2 & 0xff]);
  const extended = data.length > 255 || ne > 256;
  const parts: Uint8Array[] = [header];
  if (data.length > 0) {
    parts.push(extended ? new Uint8Array([0, data.length >> 8, data.length & 0xff]) : new Uint8Array([data.length]));
    parts.push(data);
  }
  if (ne > 0) {
    const le = extended ? ne & 0xffff : ne & 0xff;
    if (!extended) {
      parts.push(new Uint8Array([le]));
    } else if (data.length > 0) {
      parts.push(new Uint8Array([le >> 8, le & 0xff]));
    } else {
      parts.push(new Uint8Array([0, le >> 8, le & 0xff]));
    }
  }
  return concatBytes(...parts);
}

export class ResponseApdu {
  readonly data: Uint8Array;
  readonly sw: number;

  constructor(data: Uint8Array, sw: number) {
    this.data = data;
    this.sw = sw;
  }
}

/** Splits data‖SW1SW2; fewer than 2 bytes is APDU_TRUNCATED. */
export function parseResponseApdu(b: Uint8Array): ResponseApdu {
  if (b.length < 2) {
    throw new ApduError('APDU_TRUNCATED', `response of ${b.length} bytes has no status word`, SW_WRONG_LENGTH);
  }
  return new ResponseApdu(b.subarray(0, b.length - 2), (b[b.length - 2] << 8) | b[b.length - 1]);
}

/** data‖SW1SW2 in one allocation. */
export function buildResponseApdu(data: Uint8Array, sw: number): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = (sw >> 8) & 0xff;
  out[data.length + 1] = sw & 0xff;
  return out;
}

/** A bare status word response. */
export function statusResponse(sw: number): Uint8Array {
  return new Uint8Array([(sw >> 8) & 0xff, sw & 0xff]);
}
