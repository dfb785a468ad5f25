/** What a tap produced: the authorization data for the acquirer, or a typed failure. */
import { AcData } from '../emv/ac-data';
import type { Cvn } from '../emv/cvn';
import { bytesToUint } from '../hex';
import type { Transcript } from './transcript';

export enum KernelFailureCode {
  /** The amount is above the terminal's contactless transaction limit. */
  OverLimit = 'KERNEL_OVER_LIMIT',
  /** PPSE missing or no entry the terminal accepts. */
  NoApplication = 'KERNEL_NO_APPLICATION',
  /** The card asks the owner to verify on the device (SW 6986): show "See Phone", tap again. */
  SeePhone = 'KERNEL_SEE_PHONE',
  /** The card refused (SW 6984 or an AAC). */
  Declined = 'KERNEL_DECLINED',
  /** A status word or response the flow cannot continue with. */
  CardError = 'KERNEL_CARD_ERROR',
  /** A data object the authorization needs is missing or malformed. */
  MissingData = 'KERNEL_MISSING_DATA',
  /** The transport failed (card removed, relay closed). */
  Transport = 'KERNEL_TRANSPORT',
}

export class KernelFailure {
  readonly code: KernelFailureCode;
  /** Status word of the failing response, or -1. */
  readonly sw: number;
  readonly message: string;

  constructor(code: KernelFailureCode, sw: number, message: string) {
    this.code = code;
    this.sw = sw;
    this.message = message;
  }
}

/** The data an authorization request carries (ISO 8583 field 55 material plus the token). */
export class AuthorizationData {
  readonly aid: Uint8Array;
  readonly kernelId: number;
  /** Token PAN digits. */
  readonly token: string;
  /** YYMMDD (YYMM01 when only track 2 gave it). */
  readonly expiry: string;
  /** Two digits, "00" when absent. */
  readonly psn: string;
  readonly cvn: Cvn;
  /** All tags the card returned and the terminal sent (9F26, 9F27, 9F36, 9F10, 9F6C, 82, 9F02, 9F37…). */
  readonly tags: Map<number, Uint8Array>;

  constructor(
    aid: Uint8Array,
    kernelId: number,
    token: string,
    expiry: string,
    psn: string,
    cvn: Cvn,
    tags: Map<number, Uint8Array>,
  ) {
    this.aid = aid;
    this.kernelId = kernelId;
    this.token = token;
    this.expiry = expiry;
    this.psn = psn;
    this.cvn = cvn;
    this.tags = tags;
  }

  private tag(t: number): Uint8Array {
    const v = this.tags.get(t);
    return v === undefined ? new Uint8Array(0) : v;
  }

  cryptogram(): Uint8Array {
    return this.tag(0x9f26);
  }

  cid(): number {
    const v = this.tag(0x9f27);
    return v.length === 1 ? v[0] : -1;
  }

  atc(): number {
    return bytesToUint(this.tag(0x9f36));
  }

  iad(): Uint8Array {
    return this.tag(0x9f10);
  }

  /** CTQ 9F6C, empty when the card sent none. */
  ctq(): Uint8Array {
    return this.tag(0x9f6c);
  }

  aip(): Uint8Array {
    return this.tag(0x82);
  }

  un(): Uint8Array {
    return this.tag(0x9f37);
  }

  /** What the card claims about owner verification (CTQ byte 2 bit 8); trust it only once the ARQC verifies. */
  cdcvmClaimed(): boolean {
    const c = this.ctq();
    return c.length >= 2 && (c[1] & 0x80) !== 0;
  }

  /** The cryptogram input data, for the issuer's verifyAc. */
  acData(): AcData {
    return AcData.fromTags(this.tags);
  }
}

export class KernelOutcome {
  readonly authorization: AuthorizationData | null;
  readonly failure: KernelFailure | null;
  readonly transcript: Transcript;

  constructor(authorization: AuthorizationData | null, failure: KernelFailure | null, transcript: Transcript) {
    this.authorization = authorization;
    this.failure = failure;
    this.transcript = transcript;
  }

  ok(): boolean {
    return this.authorization !== null;
  }
}
