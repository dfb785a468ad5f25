/**
 * The relay's wire frames (WebSocket /v1/relay of the token service, one JSON object per text frame),
 * shared by the service, the console's POS page and the wallet app.
 *
 *   POS page → service  hello {acquirerKey}           prove it is an acquirer
 *   service → POS page  code {code, secret, expiresAt} the pairing code and one-time secret (renewed)
 *   app → service       pair {code, secret}           pair with the POS page showing them
 *   service → both      paired                        APDUs may follow
 *   service → POS page  unpaired                      the app left
 *   POS page → service  tap {amount, currency, merchant} run one tap
 *   service → app       apdu {id, hex}                a command APDU, ids increase per pairing
 *   app → service       rapdu {id, hex}               the card's answer to that id
 *   service → POS page  result {tap}                  the tap's report (tap-report.ts)
 *   service → app       end {result, reason}          the tap is over ('' result when unknown)
 *   service → either    error {code, message, retryAfter?} a refusal; the service then closes
 *
 * Hex is upper case on the wire. A frame that is not JSON, has an unknown type or bad fields parses to
 * null and is ignored (forward compatibility).
 */
import { parseTapReport, type TapReport } from './tap-report';

export enum RelayFrameType {
  HELLO = 'hello',
  CODE = 'code',
  PAIR = 'pair',
  PAIRED = 'paired',
  UNPAIRED = 'unpaired',
  TAP = 'tap',
  APDU = 'apdu',
  RAPDU = 'rapdu',
  RESULT = 'result',
  END = 'end',
  ERROR = 'error',
}

/** The relay's own refusal codes (a tap's error frame may also carry the service's API codes). */
export enum RelayErrorCode {
  PAIR_UNKNOWN_CODE = 'PAIR_UNKNOWN_CODE',
  PAIR_SECRET_INVALID = 'PAIR_SECRET_INVALID',
  PAIR_RATE_LIMITED = 'PAIR_RATE_LIMITED',
  PAIR_TIMEOUT = 'PAIR_TIMEOUT',
  RELAY_UNAUTHENTICATED = 'RELAY_UNAUTHENTICATED',
  RELAY_RATE_LIMITED = 'RELAY_RATE_LIMITED',
  RELAY_NOT_PAIRED = 'RELAY_NOT_PAIRED',
  RELAY_BUSY = 'RELAY_BUSY',
  RELAY_POS_LEFT = 'RELAY_POS_LEFT',
  RELAY_TIMEOUT = 'RELAY_TIMEOUT',
  RELAY_APP_LEFT = 'RELAY_APP_LEFT',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  INTERNAL = 'INTERNAL',
}

/** The JSON object of every frame; fields a type does not use are absent. */
export interface RelayWire {
  type: string;
  acquirerKey?: string;
  code?: string;
  secret?: string;
  expiresAt?: number;
  id?: number;
  hex?: string;
  amount?: string | number;
  currency?: string | number;
  merchant?: string;
  tap?: TapReport;
  result?: string;
  reason?: string;
  message?: string;
  retryAfter?: number;
}

const HEX_BYTES: RegExp = /^([0-9A-Fa-f]{2}){2,}$/;
/** Characters of pairing codes and secrets: no look-alikes (0/O, 1/I/L), so both can be typed from a screen. */
export const PAIR_ALPHABET: string = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const PAIR_CODE_LENGTH: number = 6;
/** About 40 bits: 8 characters of 31. */
export const PAIR_SECRET_LENGTH: number = 8;
const PAIR_CODE: RegExp = new RegExp(`^[${PAIR_ALPHABET}]{${PAIR_CODE_LENGTH}}$`);
const PAIR_SECRET: RegExp = new RegExp(`^[${PAIR_ALPHABET}]{${PAIR_SECRET_LENGTH}}$`);

/** What the owner typed, as the service compares it: trimmed, upper-cased. */
export function normalizePairText(text: string): string {
  return text.trim().toUpperCase();
}

/** Whether a typed pairing code has the shape the service issues. */
export function isValidPairCode(code: string): boolean {
  return PAIR_CODE.test(normalizePairText(code));
}

export function isValidPairSecret(secret: string): boolean {
  return PAIR_SECRET.test(normalizePairText(secret));
}

export abstract class RelayFrame {
  readonly type: RelayFrameType;

  constructor(type: RelayFrameType) {
    this.type = type;
  }

  abstract wire(): RelayWire;

  /** The text frame. */
  encode(): string {
    return JSON.stringify(this.wire());
  }
}

export class HelloFrame extends RelayFrame {
  readonly acquirerKey: string;

  constructor(acquirerKey: string) {
    super(RelayFrameType.HELLO);
    this.acquirerKey = acquirerKey;
  }

  wire(): RelayWire {
    const w: RelayWire = { type: this.type, acquirerKey: this.acquirerKey };
    return w;
  }
}

export class CodeFrame extends RelayFrame {
  readonly code: string;
  readonly secret: string;
  /** Epoch ms when the secret stops pairing. */
  readonly expiresAt: number;

  constructor(code: string, secret: string, expiresAt: number) {
    super(RelayFrameType.CODE);
    this.code = code;
    this.secret = secret;
    this.expiresAt = expiresAt;
  }

  wire(): RelayWire {
    const w: RelayWire = { type: this.type, code: this.code, secret: this.secret, expiresAt: this.expiresAt };
    return w;
  }
}

export class PairFrame extends RelayFrame {
  readonly code: string;
  readonly secret: string;

  /** Code and secret as typed; sent trimmed and upper case (the service compares case-insensitively). */
  constructor(code: string, secret: string) {
    super(RelayFrameType.PAIR);
    this.code = normalizePairText(code);
    this.secret = normalizePairText(secret);
  }

  wire(): RelayWire {
    const w: RelayWire = { type: this.type, code: this.code, secret: this.secret };
    return w;
  }
}

/** A frame with no fields: paired, unpaired. */
export class SignalFrame extends RelayFrame {
  wire(): RelayWire {
    const w: RelayWire = { type: this.type };
    return w;
  }
}

export class ApduFrame extends RelayFrame {
  readonly id: number;
  readonly hex: string;

  /** `type` is APDU (command, service → app) or RAPDU (response, app → service). */
  constructor(type: RelayFrameType, id: number, hex: string) {
    super(type);
    this.id = id;
    this.hex = hex.toUpperCase();
  }

  wire(): RelayWire {
    const w: RelayWire = { type: this.type, id: this.id, hex: this.hex };
    return w;
  }
}

export class TapFrame extends RelayFrame {
  /** Major units as typed, e.g. "12.50"; the service checks it against the currency's exponent. */
  readonly amount: string;
  /** ISO 4217 numeric as sent, '' for the service's default. */
  readonly currency: string;
  /** Merchant name for the receipt, '' for the default. */
  readonly merchant: string;

  constructor(amount: string, currency: string, merchant: string) {
    super(RelayFrameType.TAP);
    this.amount = amount;
    this.currency = currency;
    this.merchant = merchant;
  }

  wire(): RelayWire {
    const w: RelayWire = { type: this.type, amount: this.amount, currency: this.currency, merchant: this.merchant };
    return w;
  }
}

export class ResultFrame extends RelayFrame {
  readonly tap: TapReport;

  constructor(tap: TapReport) {
    super(RelayFrameType.RESULT);
    this.tap = tap;
  }

  wire(): RelayWire {
    const w: RelayWire = { type: this.type, tap: this.tap };
    return w;
  }
}

export class EndFrame extends RelayFrame {
  /** "approved", "declined" or '' when unknown. */
  readonly result: string;
  readonly reason: string;

  constructor(result: string, reason: string) {
    super(RelayFrameType.END);
    this.result = result;
    this.reason = reason;
  }

  wire(): RelayWire {
    const w: RelayWire = { type: this.type, result: this.result, reason: this.reason };
    return w;
  }
}

export class ErrorFrame extends RelayFrame {
  readonly code: string;
  readonly message: string;
  /** Seconds before a refused source may try again, 0 when not rate limited. */
  readonly retryAfter: number;

  constructor(code: string, message: string, retryAfter: number = 0) {
    super(RelayFrameType.ERROR);
    this.code = code;
    this.message = message;
    this.retryAfter = retryAfter;
  }

  wire(): RelayWire {
    const w: RelayWire = { type: this.type, code: this.code, message: this.message };
    if (this.retryAfter > 0) {
      w.retryAfter = this.retryAfter;
    }
    return w;
  }
}

function text(v: string | undefined): string {
  return typeof v === 'string' ? v : '';
}

function scalar(v: string | number | undefined): string {
  if (typeof v === 'number') {
    return `${v}`;
  }
  return typeof v === 'string' ? v : '';
}

function apdu(type: RelayFrameType, w: RelayWire): RelayFrame | null {
  const id = w.id;
  const hex = w.hex;
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || typeof hex !== 'string' || !HEX_BYTES.test(hex)) {
    return null;
  }
  return new ApduFrame(type, id, hex);
}

function fromWire(w: RelayWire): RelayFrame | null {
  switch (w.type) {
    case RelayFrameType.HELLO:
      return new HelloFrame(text(w.acquirerKey));
    case RelayFrameType.CODE:
      if (typeof w.code !== 'string' || typeof w.secret !== 'string' || typeof w.expiresAt !== 'number') {
        return null;
      }
      return new CodeFrame(w.code, w.secret, w.expiresAt);
    case RelayFrameType.PAIR:
      return typeof w.code === 'string' ? new PairFrame(w.code, text(w.secret)) : null;
    case RelayFrameType.PAIRED:
      return new SignalFrame(RelayFrameType.PAIRED);
    case RelayFrameType.UNPAIRED:
      return new SignalFrame(RelayFrameType.UNPAIRED);
    case RelayFrameType.TAP:
      return new TapFrame(scalar(w.amount), scalar(w.currency), text(w.merchant));
    case RelayFrameType.APDU:
      return apdu(RelayFrameType.APDU, w);
    case RelayFrameType.RAPDU:
      return apdu(RelayFrameType.RAPDU, w);
    case RelayFrameType.RESULT: {
      const tap = parseTapReport(w.tap);
      return tap === null ? null : new ResultFrame(tap);
    }
    case RelayFrameType.END:
      return new EndFrame(text(w.result), text(w.reason));
    case RelayFrameType.ERROR: {
      const after = w.retryAfter;
      return new ErrorFrame(
        text(w.code),
        text(w.message),
        typeof after === 'number' && Number.isFinite(after) && after > 0 ? Math.ceil(after) : 0,
      );
    }
    default:
      return null;
  }
}

/** Parses one text frame; null for anything malformed or of an unknown type (it is ignored). */
export function parseRelayFrame(data: string): RelayFrame | null {
  let w: RelayWire;
  try {
    w = JSON.parse(data) as RelayWire;
  } catch {
    return null;
  }
  if (w === null || typeof w !== 'object' || typeof w.type !== 'string') {
    return null;
  }
  return fromWire(w);
}
