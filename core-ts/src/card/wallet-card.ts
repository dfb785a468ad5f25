/** A token as the card applet sees it: identity data, scheme profile, cryptogram version and limits. */
import type { Cvn } from '../emv/cvn';
import { ArkPayError } from '../errors';
import { fromHex, utf8Encode } from '../hex';

/** Fast path: Visa qVSDC / UnionPay qUICS (cryptogram in GPO). Full path: Mastercard style (GENERATE AC). */
export enum CardProfile {
  VisaQvsdc = 'visa-qvsdc',
  UnionPayQuics = 'unionpay-quics',
  MastercardFull = 'mastercard-full',
}

/** What the card does when a tap needs cardholder verification and the owner has not verified. */
export enum CvmFallback {
  /** Answer SW 6986 so the reader shows "See Phone" and the owner can verify and tap again. */
  SeePhone = 'see-phone',
  /** Refuse the transaction (SW 6984). */
  Decline = 'decline',
  /** Go on without verification; the CTQ and IAD say so and the issuer decides. */
  Proceed = 'proceed',
}

export interface WalletCardConfig {
  id: string;
  /** Token PAN (digits). */
  pan: string;
  /** YYMMDD. */
  expiry: string;
  psn: number;
  /** AID in hex. */
  aid: string;
  label: string;
  /** Application priority indicator (1 highest). */
  priority: number;
  kernelId: number;
  profile: CardProfile;
  cvn: Cvn;
  /** Amount in minor units above which the card asks for owner verification. */
  noCvmLimit: number;
  cvmFallback: CvmFallback;
}

export class WalletCard {
  readonly id: string;
  readonly profile: CardProfile;
  readonly cvn: Cvn;
  readonly priority: number;
  readonly kernelId: number;
  readonly noCvmLimit: number;
  readonly cvmFallback: CvmFallback;
  readonly psn: number;
  readonly aid: Uint8Array;
  readonly label: Uint8Array;
  /** 5A, 5F24, 57 and 5F34 encoded once so taps do not rebuild them. */
  readonly panBcd: Uint8Array;
  readonly expiryBcd: Uint8Array;
  readonly track2: Uint8Array;
  readonly psnBcd: Uint8Array;

  constructor(c: WalletCardConfig) {
    if (!/^\d{12,19}$/.test(c.pan) || !/^\d{6}$/.test(c.expiry) || !/^([0-9A-Fa-f]{2}){5,16}$/.test(c.aid)) {
      throw new ArkPayError('CARD_CONFIG_INVALID', `card ${c.id}: PAN, expiry or AID malformed`);
    }
    if (c.psn < 0 || c.psn > 99 || c.priority < 1 || c.priority > 15 || c.noCvmLimit < 0) {
      throw new ArkPayError('CARD_CONFIG_INVALID', `card ${c.id}: PSN, priority or limit out of range`);
    }
    this.id = c.id;
    this.profile = c.profile;
    this.cvn = c.cvn;
    this.priority = c.priority;
    this.kernelId = c.kernelId;
    this.noCvmLimit = c.noCvmLimit;
    this.cvmFallback = c.cvmFallback;
    this.psn = c.psn;
    this.aid = fromHex(c.aid);
    this.label = utf8Encode(c.label);
    this.panBcd = fromHex(c.pan.length % 2 === 0 ? c.pan : `${c.pan}F`);
    this.expiryBcd = fromHex(c.expiry);
    const t2 = `${c.pan}D${c.expiry.slice(0, 4)}2010000000000000`;
    this.track2 = fromHex(t2.length % 2 === 0 ? t2 : `${t2}F`);
    this.psnBcd = fromHex(`${Math.floor(c.psn / 10)}${c.psn % 10}`);
  }

  /** True for the fast path (cryptogram in the GPO response). */
  isFastPath(): boolean {
    return this.profile !== CardProfile.MastercardFull;
  }
}
