/**
 * The one scheme registry: for each card scheme its application (AID and the prefix a reader selects it
 * by), its EMV contactless kernel id, its card-number ranges and lengths, its security-code length, its
 * EMVCo merchant-presented QR network ids and a test card number; and the program profiles the token
 * service issues, each with its scheme, cryptogram version (CVN) and the card applet's tap path.
 * The terminal, card-data entry, QR network lookup, the service's program checks, the CLI's demo cards
 * and the app all derive from these rows (facts and sources: docs/emv.md, docs/qr.md).
 * Adding a scheme is one SchemeRow; issuing its cards is one ProfileRow (plus the applet's profile code).
 */
import { CardProfile } from '../card/wallet-card';
import { Cvn } from '../emv/cvn';

export enum CardScheme {
  Visa = 'visa',
  Mastercard = 'mastercard',
  UnionPay = 'unionpay',
  Amex = 'amex',
  Jcb = 'jcb',
  Discover = 'discover',
}

/** A range of leading digits, e.g. 2221-2720; all its bounds have the same number of digits. */
export class BinRange {
  readonly low: number;
  readonly high: number;
  readonly digits: number;

  constructor(low: number, high: number) {
    this.low = low;
    this.high = high;
    this.digits = `${low}`.length;
  }

  matches(pan: string): boolean {
    if (pan.length < this.digits) {
      return false;
    }
    const p = Number.parseInt(pan.substring(0, this.digits), 10);
    return p >= this.low && p <= this.high;
  }
}

export class SchemeRow {
  readonly scheme: CardScheme;
  readonly name: string;
  /** The application's AID, hex, as a card of the scheme offers it. */
  readonly aid: string;
  /** What a reader matches ADF names against (a prefix: issuers extend AIDs). */
  readonly readerAid: string;
  /** EMV contactless kernel (Book C-n). */
  readonly kernelId: number;
  readonly bins: BinRange[];
  readonly panLengths: number[];
  readonly cvvLength: number;
  /** EMVCo MPM root ids reserved for the network (docs/qr.md). */
  readonly qrIds: string[];
  /** A Luhn-valid test card number in the scheme's range ('' when ArkPay has none). */
  readonly testPan: string;
  /** How the scheme's cards answer a reader (the applet's profile), null when the applet has none. */
  readonly cardProfile: CardProfile | null;
  /** The CVN such a card computes holding its own master key (a standalone card, not single-use keys). */
  readonly cardCvn: Cvn | null;

  constructor(
    scheme: CardScheme,
    name: string,
    aid: string,
    readerAid: string,
    kernelId: number,
    bins: BinRange[],
    panLengths: number[],
    cvvLength: number,
    qrIds: string[],
    testPan: string,
    cardProfile: CardProfile | null,
    cardCvn: Cvn | null,
  ) {
    this.scheme = scheme;
    this.name = name;
    this.aid = aid;
    this.readerAid = readerAid;
    this.kernelId = kernelId;
    this.bins = bins;
    this.panLengths = panLengths;
    this.cvvLength = cvvLength;
    this.qrIds = qrIds;
    this.testPan = testPan;
    this.cardProfile = cardProfile;
    this.cardCvn = cardCvn;
  }
}

/** The program profiles the token service issues (single-use keys whose session key depends on the ATC only). */
export enum ProgramProfile {
  VisaCvn18 = 'visa-cvn18',
  VisaCvn22 = 'visa-cvn22',
  /** Mastercard-style full path (READ RECORD, GENERATE AC) with CVN 18 single-use keys. */
  Full = 'full',
  /** UnionPay qUICS fast path with CVN 18 single-use keys. */
  UnionPayQuics = 'unionpay-quics',
}

export class ProfileRow {
  readonly profile: ProgramProfile;
  readonly scheme: CardScheme;
  /** The CVN of the program's cryptograms (the key batch is derived for it). */
  readonly cvn: Cvn;
  /** How the card applet answers the reader. */
  readonly cardProfile: CardProfile;

  constructor(profile: ProgramProfile, scheme: CardScheme, cvn: Cvn, cardProfile: CardProfile) {
    this.profile = profile;
    this.scheme = scheme;
    this.cvn = cvn;
    this.cardProfile = cardProfile;
  }
}

const r = (low: number, high: number): BinRange => new BinRange(low, high);

export const SCHEMES: SchemeRow[] = [
  new SchemeRow(
    CardScheme.Visa,
    'Visa',
    'A0000000031010',
    'A0000000031010',
    3,
    [r(4, 4)],
    [13, 16, 19],
    3,
    ['02', '03'],
    '4761739001010119',
    CardProfile.VisaQvsdc,
    Cvn.VISA_18,
  ),
  new SchemeRow(
    CardScheme.Mastercard,
    'Mastercard',
    'A0000000041010',
    'A0000000041010',
    2,
    [r(51, 55), r(2221, 2720)],
    [16],
    3,
    ['04', '05'],
    '5413330089020011',
    CardProfile.MastercardFull,
    Cvn.MC_SESSION,
  ),
  new SchemeRow(
    CardScheme.UnionPay,
    'UnionPay',
    'A000000333010101',
    'A000000333',
    7,
    [r(62, 62), r(81, 81)],
    [16, 17, 18, 19],
    3,
    ['15', '16'],
    '6212345678901232',
    CardProfile.UnionPayQuics,
    Cvn.VISA_18,
  ),
  new SchemeRow(
    CardScheme.Amex,
    'American Express',
    'A00000002501',
    'A00000002501',
    4,
    [r(34, 34), r(37, 37)],
    [15],
    4,
    ['11', '12'],
    '',
    null,
    null,
  ),
  new SchemeRow(
    CardScheme.Jcb,
    'JCB',
    'A0000000651010',
    'A0000000651010',
    5,
    [r(3528, 3589)],
    [16, 17, 18, 19],
    3,
    ['13', '14'],
    '',
    null,
    null,
  ),
  new SchemeRow(
    CardScheme.Discover,
    'Discover',
    'A0000001523010',
    'A0000001523010',
    6,
    [r(6011, 6011), r(644, 649), r(65, 65)],
    [16, 17, 18, 19],
    3,
    ['09', '10'],
    '',
    null,
    null,
  ),
];

export const PROFILES: ProfileRow[] = [
  new ProfileRow(ProgramProfile.VisaCvn18, CardScheme.Visa, Cvn.VISA_18, CardProfile.VisaQvsdc),
  new ProfileRow(ProgramProfile.VisaCvn22, CardScheme.Visa, Cvn.VISA_22, CardProfile.VisaQvsdc),
  // M/Chip's own session key needs the reader's UN, so pre-derived single-use keys are CVN 18's.
  new ProfileRow(ProgramProfile.Full, CardScheme.Mastercard, Cvn.VISA_18, CardProfile.MastercardFull),
  new ProfileRow(ProgramProfile.UnionPayQuics, CardScheme.UnionPay, Cvn.VISA_18, CardProfile.UnionPayQuics),
];

export function schemeRow(scheme: string): SchemeRow | null {
  for (const s of SCHEMES) {
    if (s.scheme === scheme) {
      return s;
    }
  }
  return null;
}

export function profileRow(profile: string): ProfileRow | null {
  for (const p of PROFILES) {
    if (p.profile === profile) {
      return p;
    }
  }
  return null;
}

/** The schemes the service issues and ArkPay's reader accepts: those with at least one program profile. */
export function issuedSchemes(): SchemeRow[] {
  const out: SchemeRow[] = [];
  for (const s of SCHEMES) {
    if (profilesOf(s.scheme).length > 0) {
      out.push(s);
    }
  }
  return out;
}

export function profilesOf(scheme: string): ProfileRow[] {
  const out: ProfileRow[] = [];
  for (const p of PROFILES) {
    if (p.scheme === scheme) {
      out.push(p);
    }
  }
  return out;
}

/** Scheme of a card number by its leading digits (the longest matching range wins), or null. */
export function detectScheme(pan: string): CardScheme | null {
  let best: CardScheme | null = null;
  let digits = 0;
  for (const s of SCHEMES) {
    for (const b of s.bins) {
      if (b.digits > digits && b.matches(pan)) {
        best = s.scheme;
        digits = b.digits;
      }
    }
  }
  return best;
}

/** Whether a program of `scheme` may use `profile`. */
export function profileFitsScheme(profile: string, scheme: string): boolean {
  const p = profileRow(profile);
  return p !== null && p.scheme === scheme;
}

/**
 * The card applet's tap path for a token of a program: the profile's, or for a profile this build does
 * not know, the scheme's own; null when neither is known.
 */
export function cardProfileOf(profile: string, scheme: string): CardProfile | null {
  const p = profileRow(profile);
  if (p !== null) {
    return p.cardProfile;
  }
  const s = schemeRow(scheme);
  return s === null ? null : s.cardProfile;
}
